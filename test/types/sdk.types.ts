/**
 * Type-level tests: compiled by test/typecheck.test.ts under TypeScript 5.9 and 7 with
 * `strict`. Every `@ts-expect-error` must meet an error, or compilation fails.
 */
import { expectTypeOf } from "vitest";
import { createClient, listaccts, passwd, registry, type ListacctsData, type WhmCallResult, type WhmData, type WhmFlatData, type WhmOutcome, type WhmParams } from "../../generated/index.js";
import * as quirks from "../generator/__snapshots__/quirks/index.js";

// Required parameters are required, optional ones optional.
passwd.request({ user: "bob", password: "correct horse" });
// @ts-expect-error a required parameter is missing
passwd.request({ user: "bob" });
// @ts-expect-error a parameter of the wrong type
passwd.request({ user: "bob", password: 12345 });
// @ts-expect-error a parameter that does not exist
passwd.request({ user: "bob", password: "x", pasword: "typo" });

// 0/1 flags take booleans and 0/1, nothing else.
passwd.request({ user: "bob", password: "x", db_pass_update: true });
passwd.request({ user: "bob", password: "x", db_pass_update: 0 });
// @ts-expect-error 2 is not a WHM Boolean
passwd.request({ user: "bob", password: "x", db_pass_update: 2 });

// Functions without required parameters can be called without any.
listaccts.request();

// The type map works by WHM name, and a misspelt name does not compile.
expectTypeOf<WhmParams<"passwd">>().toEqualTypeOf<quirksFree<typeof passwd>>();
// @ts-expect-error misspelt function name
type Misspelt = WhmParams<"listacct">;
expectTypeOf(registry.listaccts).toEqualTypeOf(listaccts);

// Decoded data: 0/1 → boolean, integers → number.
type Row = NonNullable<WhmData<"listaccts">["acct"]>[number];
expectTypeOf<Row["suspended"]>().toEqualTypeOf<boolean | undefined>();
expectTypeOf<Row["uid"]>().toEqualTypeOf<number | undefined>();

// Quirks: y/n flags, unions, JSON-encoded and indexed parameters, odd names.
quirks.createacct.request({ username: "u", domain: "d", ip: true, bwlimit: null, quota: 5, "MXCHECK-*": "auto" });
quirks.createacct.request({ username: "u", domain: "d", ip: "y", bwlimit: "unlimited" });
// @ts-expect-error not a y/n flag value
quirks.createacct.request({ username: "u", domain: "d", ip: "yes" });
// @ts-expect-error not one of the union's members
quirks.createacct.request({ username: "u", domain: "d", bwlimit: "lots" });
// @ts-expect-error not an allowed MXCHECK value
quirks.createacct.request({ username: "u", domain: "d", "MXCHECK-*": "nowhere" });
quirks.set_thing_2.request({ config: { enabled: 1, names: ["a"] } });
// @ts-expect-error the JSON-encoded object has no such field
quirks.set_thing_2.request({ config: { enabeld: 1 } });
quirks.create_cphulk_record.request({ list_name: "white", ip: ["192.0.2.1"] });
quirks.delete_.request();
// @ts-expect-error a function without parameters takes none
quirks.delete_.request({ anything: 1 });
expectTypeOf<quirks.WhmData<"listaccts">>().toEqualTypeOf<quirks.ListacctsData>();
type QuirkRow = NonNullable<quirks.ListacctsData["acct"]>[number];
expectTypeOf<QuirkRow["maxpop"]>().toEqualTypeOf<null | "unlimited" | number | undefined>();
expectTypeOf<QuirkRow["is_locked"]>().toEqualTypeOf<boolean | undefined>();

type quirksFree<F> = F extends { request(...args: infer A): unknown } ? NonNullable<A[0]> : never;
export type { Misspelt };

// The generated client (client.ts `WhmApi`): one shared constraint on each method's options, the
// fields of the answer's rows restricted by the options' intersection (issue 13 part 3).
declare const whm: ReturnType<typeof createClient<true>>;
declare const soft: ReturnType<typeof createClient<false>>;
const sorted = () => whm.listaccts({}, { sort: { field: "disklimit", method: "numeric" }, columns: ["user", "domain"] });
expectTypeOf<Awaited<ReturnType<typeof sorted>>>().toEqualTypeOf<WhmCallResult<ListacctsData>>();
// @ts-expect-error not a field of listaccts' rows
void whm.listaccts({}, { columns: ["nope"] });
// @ts-expect-error not a field of listaccts' rows
void whm.listaccts({}, { sort: "nope" });
// @ts-expect-error not an option
void whm.listaccts({}, { retries: 3 });
const outcome = () => whm.listaccts({}, { throwOnError: false });
expectTypeOf<Awaited<ReturnType<typeof outcome>>>().toEqualTypeOf<WhmOutcome<ListacctsData>>();
const thrown = () => soft.listaccts({}, { throwOnError: true });
expectTypeOf<Awaited<ReturnType<typeof thrown>>>().toEqualTypeOf<WhmCallResult<ListacctsData>>();
const flat = () => whm.listaccts({}, { flatten: true });
expectTypeOf<Awaited<ReturnType<typeof flat>>>().toEqualTypeOf<WhmCallResult<WhmFlatData<ListacctsData>>>();
// @ts-expect-error createacct's parameters are required
void whm.createacct();
