import { describe, expect, it } from "vitest";
import { accessHashAuth, basicAuth, sessionAuth, tokenAuth } from "../../templates/runtime/auth.js";
import { httpsTransport } from "../../templates/runtime/transport-https.js";

describe("auth helpers", () => {
  const cases: [string, { given: () => ReturnType<typeof tokenAuth>; want: { scheme: string; headers: Record<string, string>; basePath?: string } }][] = [
    ["token", { given: () => tokenAuth("root", "ABC123"), want: { scheme: "token", headers: { Authorization: "whm root:ABC123" } } }],
    ["token with stray spaces", { given: () => tokenAuth("root", " ABC123 "), want: { scheme: "token", headers: { Authorization: "whm root:ABC123" } } }],
    ["basic", { given: () => basicAuth("bob", "pa:ss"), want: { scheme: "basic", headers: { Authorization: `Basic ${Buffer.from("bob:pa:ss").toString("base64")}` } } }],
    ["access hash over lines", { given: () => accessHashAuth("root", "abc\r\ndef\nghi\n"), want: { scheme: "accesshash", headers: { Authorization: "whm root:abcdefghi" } } }],
    [
      "session",
      {
        given: () => sessionAuth({ user: "root", securityToken: "cpsess42", cookie: "whostmgrsession=x" }),
        want: { scheme: "session", headers: { Cookie: "whostmgrsession=x" }, basePath: "/cpsess42" },
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    const auth = given();
    expect(auth.scheme).toBe(want.scheme);
    expect(auth.headers()).toEqual(want.headers);
    expect(auth.basePath).toBe(want.basePath);
    expect(JSON.parse(JSON.stringify(auth))).toEqual({ scheme: want.scheme, user: auth.user });
  });

  it("refuses bad input without repeating it", () => {
    expect(() => tokenAuth("", "x")).toThrow(/user name/);
    expect(() => tokenAuth("ro:ot", "x")).toThrow(/user name/);
    expect(() => tokenAuth("root", "")).toThrow("tokenAuth: the token must be a non-empty string without line breaks");
    expect(() => tokenAuth("root", "a\nb")).toThrow(TypeError);
    expect(() => accessHashAuth("root", " \n ")).toThrow(/access hash/);
    expect(() => sessionAuth({ user: "root", securityToken: "/elsewhere", cookie: "a=b" })).toThrow(/cpsess/);
  });

  it("basic auth over plain HTTP is refused unless allowed; tokens are not", () => {
    expect(() => httpsTransport({ host: "h", protocol: "http", auth: basicAuth("bob", "pw") })).toThrow(/password in clear over plain HTTP/);
    expect(() => httpsTransport({ host: "h", protocol: "http", auth: basicAuth("bob", "pw", { allowPlainHttp: true }) })).not.toThrow();
    expect(() => httpsTransport({ host: "h", protocol: "http", auth: tokenAuth("bob", "T") })).not.toThrow();
    expect(() => httpsTransport({ host: "h", auth: basicAuth("bob", "pw") })).not.toThrow();
  });

  it("a session's path is used for every URL", () => {
    expect(() => httpsTransport({ host: "h", basePath: "/cpsess1?x" })).toThrow(/basePath/);
  });
});
