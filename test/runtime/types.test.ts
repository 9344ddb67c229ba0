/**
 * The types are the product: these assertions are checked by `tsc` under TypeScript 5.9 and 7
 * (test/typecheck.test.ts type-checks the project, this file included; also `npm run typecheck`);
 * at run time they only build requests.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { WhmBatchItem } from "../../templates/runtime/batch.js";
import { createRuntimeClient, paginate, type WhmClient, type WhmDataOf, type WhmParamsOf } from "../../templates/runtime/client.js";
import type { AnyWhmError, WhmErrorOf } from "../../templates/runtime/errors.js";
import type { WhmFieldOf, WhmRowOf } from "../../templates/runtime/meta.js";
import type { WhmCallResult, WhmFlatData, WhmOutcome } from "../../templates/runtime/result.js";
import type { WhmTransport } from "../../templates/runtime/transport.js";
import * as registry from "./helpers/functions.js";
import { type Account, createacct, listaccts, version } from "./helpers/functions.js";

type Registry = typeof registry;
const never = (): never => {
  throw new Error("type-level only");
};
const fake: WhmTransport = { send: never };

describe("client types", () => {
  it("a method per function, params optional only when nothing is required", () => {
    const whm = createRuntimeClient({ transport: fake }, registry);
    expectTypeOf<Parameters<typeof whm.listaccts>[0]>().toEqualTypeOf<{ search?: string; searchtype?: "domain" | "user" } | undefined>();
    expectTypeOf<Parameters<typeof whm.createacct>[0]>().toEqualTypeOf<WhmParamsOf<typeof createacct>>();
    const call = () => whm.version();
    expectTypeOf<ReturnType<typeof call>>().toEqualTypeOf<Promise<WhmCallResult<{ version: string }>>>();
    if (Math.random() > 2) {
      // @ts-expect-error createacct requires username and domain
      void whm.createacct();
      // @ts-expect-error unknown parameter
      void whm.listaccts({ nope: 1 });
      // @ts-expect-error no such function on the typed surface
      void whm.no_such_function();
    }
  });

  it("throwOnError: false per call or per client gives an outcome", () => {
    const whm = createRuntimeClient({ transport: fake }, registry);
    const call = () => whm.version({}, { throwOnError: false });
    expectTypeOf<Awaited<ReturnType<typeof call>>>().toEqualTypeOf<WhmOutcome<{ version: string }>>();
    const safe = createRuntimeClient({ transport: fake, throwOnError: false }, registry);
    expectTypeOf(safe).toEqualTypeOf<WhmClient<Registry, false>>();
    const outcome = () => safe.listaccts();
    expectTypeOf<Awaited<ReturnType<typeof outcome>>>().toEqualTypeOf<WhmOutcome<{ acct: Account[] }>>();
    const back = () => safe.listaccts({}, { throwOnError: true });
    expectTypeOf<Awaited<ReturnType<typeof back>>>().toEqualTypeOf<WhmCallResult<{ acct: Account[] }>>();
  });

  it("the generated createClient's fixed signature type-checks and stays honest", () => {
    const createClient = (options: Parameters<typeof createRuntimeClient<Registry>>[0]): WhmClient<Registry> => createRuntimeClient(options, registry);
    const call = () => createClient({ transport: fake }).version();
    expectTypeOf(call).returns.resolves.toEqualTypeOf<WhmCallResult<{ version: string }>>();
    // @ts-expect-error a throwing client type cannot be built from throwOnError: false
    createClient({ transport: fake, throwOnError: false });
  });

  it("flatten follows the option", () => {
    const whm = createRuntimeClient({ transport: fake }, registry);
    const flat = () => whm.listaccts({}, { flatten: true });
    expectTypeOf<Awaited<ReturnType<typeof flat>>["data"]>().toEqualTypeOf<Account[]>();
    expectTypeOf<WhmFlatData<{ acct?: Account[] }>>().toEqualTypeOf<Account[] | { acct?: Account[] }>();
    expectTypeOf<WhmFlatData<{ a: string[]; b: string[] }>>().toEqualTypeOf<{ a: string[]; b: string[] }>();
    expectTypeOf<WhmFlatData<{ version: string }>>().toEqualTypeOf<{ version: string }>();
  });

  it("meta-parameter fields typed from the row type", () => {
    expectTypeOf<WhmRowOf<{ acct?: Account[] }>>().toEqualTypeOf<Account>();
    expectTypeOf<WhmFieldOf<{ acct: Account[] }>>().toEqualTypeOf<"user" | "domain" | "suspended" | "disklimit">();
    expectTypeOf<WhmFieldOf<unknown>>().toEqualTypeOf<string>();
    expectTypeOf<WhmFieldOf<{ version: string }>>().toEqualTypeOf<string>();
    const whm = createRuntimeClient({ transport: fake }, registry);
    if (Math.random() > 2) {
      void whm.listaccts({}, { sort: { field: "disklimit", method: "numeric" }, columns: ["user"], filter: { field: "*", arg0: "x" } });
      // @ts-expect-error not a field of listaccts' rows
      void whm.listaccts({}, { columns: ["nope"] });
      // @ts-expect-error not a field of listaccts' rows
      void whm.listaccts({}, { filter: { field: "nope", arg0: 1 } });
    }
  });

  it("batch: a tuple typed per request", () => {
    const whm = createRuntimeClient({ transport: fake }, registry);
    const run = () => whm.batch([version.request(), listaccts.request()]);
    expectTypeOf<Awaited<ReturnType<typeof run>>>().toEqualTypeOf<[WhmBatchItem<{ version: string }>, WhmBatchItem<{ acct: Account[] }>]>();
  });

  it("paginate yields typed rows; untyped names yield unknown", () => {
    const whm = createRuntimeClient({ transport: fake }, registry);
    expectTypeOf(whm.paginate("listaccts")).toEqualTypeOf<AsyncGenerator<Account, void, undefined>>();
    expectTypeOf(paginate(whm, "listaccts", {}, { size: 10 })).toEqualTypeOf<AsyncGenerator<Account, void, undefined>>();
    expectTypeOf(whm.paginate("some_untyped_list", { any: "thing" })).toEqualTypeOf<AsyncGenerator<unknown, void, undefined>>();
  });

  it("errors narrow on kind", () => {
    const narrow = (e: AnyWhmError): number | undefined => (e.kind === "http" ? e.status : e.kind === "cli" ? (e.exitCode ?? -1) : undefined);
    expectTypeOf(narrow).returns.toEqualTypeOf<number | undefined>();
    expectTypeOf<WhmErrorOf<"api">["accessDenied"]>().toEqualTypeOf<boolean>();
  });

  it("helpers for the generator", () => {
    expectTypeOf<WhmParamsOf<typeof listaccts>>().toEqualTypeOf<{ search?: string; searchtype?: "domain" | "user" }>();
    expectTypeOf<WhmDataOf<typeof listaccts>>().toEqualTypeOf<{ acct: Account[] }>();
  });
});
