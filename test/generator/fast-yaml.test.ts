/**
 * fast-yaml.ts against js-yaml, which it stands in front of: on every YAML file of the project,
 * on cPanel-sized synthesised documents, on hand-written cases of every construct it reads and
 * every one it leaves to js-yaml, and on random values dumped by js-yaml with several option
 * sets (and mutated). Whenever it returns a value, the value is js-yaml's own (key order, -0
 * and NaN included); it never returns one for a text js-yaml rejects.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import yaml from "js-yaml";
import { afterAll, describe, expect, test } from "vitest";
import { WhmgenError } from "../../generator/errors.js";
import { fastYaml } from "../../generator/load/fast-yaml.js";
import { parseText } from "../../generator/load/read.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** read.ts's schema: the core schema plus merge keys. */
const SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [(yaml as unknown as { types: { merge: yaml.Type } }).types.merge] });

type JsResult = { value: unknown } | { error: string };

function jsLoad(text: string): JsResult {
  try {
    return { value: yaml.load(text, { schema: SCHEMA }) };
  } catch (error) {
    return { error: error instanceof yaml.YAMLException ? error.reason : String(error) };
  }
}

/**
 * The first place where two values differ, or `undefined`: own keys in the same order, the same
 * prototypes, numbers by `Object.is` (so -0 is not 0 and NaN is NaN).
 */
function difference(a: unknown, b: unknown, at = ""): string | undefined {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) {
    return Object.is(a, b) ? undefined : `${at || "/"}: ${String(a)} (${typeof a}) ≠ ${String(b)} (${typeof b})`;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${at || "/"}: different prototypes`;
  const keysA = Reflect.ownKeys(a);
  const keysB = Reflect.ownKeys(b);
  if (!isDeepStrictEqual(keysA, keysB)) return `${at || "/"}: keys ${JSON.stringify(keysA.map(String))} ≠ ${JSON.stringify(keysB.map(String))}`;
  for (const key of keysA) {
    const da = Object.getOwnPropertyDescriptor(a, key)!;
    const db = Object.getOwnPropertyDescriptor(b, key)!;
    if (da.enumerable !== db.enumerable || da.writable !== db.writable || da.configurable !== db.configurable) return `${at}/${String(key)}: different descriptors`;
    const found = difference(da.value, db.value, `${at}/${String(key)}`);
    if (found) return found;
  }
  return undefined;
}

/** Runs both readers on `text`: whether the fast path was taken; throws when they disagree. */
function compare(text: string): "fast" | "bail" {
  const fast = fastYaml(text);
  if (fast === undefined) return "bail";
  const js = jsLoad(text);
  if ("error" in js) throw new Error(`fastYaml returned a value for a text js-yaml rejects (${js.error}): ${JSON.stringify(text)}`);
  const found = difference(fast.value, js.value);
  if (found) throw new Error(`fastYaml and js-yaml differ at ${found}\ntext: ${JSON.stringify(text)}`);
  expect(fast.value).toEqual(js.value);
  return "fast";
}

async function yamlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await yamlFiles(full)));
    else if (/\.ya?ml$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** Why a file js-yaml reads may be left to it: the constructs fast-yaml does not read. */
function leftToJsYaml(text: string): boolean {
  const anchorsOrAliases = /(?:^|[\s[{,:-])[&*][^\s,[\]{}]/m.test(text);
  const noContent = text.split("\n").every((line) => /^\s*(#.*)?$/.test(line));
  return anchorsOrAliases || /(?:^|\s)<<\s*:/m.test(text) || noContent;
}

// @ts-expect-error bench/synth.mjs is plain JavaScript without declarations
const synth = (await import("../../bench/synth.mjs")) as { synthesizeDocument(o: { functions: number; seed?: number }): { doc: unknown }; toYaml(v: unknown): string };

/** A synthesised document as `readFile(…, "utf8")` would give it. */
function synthesized(functions: number, seed?: number): string {
  const text = synth.toYaml(synth.synthesizeDocument(seed === undefined ? { functions } : { functions, seed }).doc);
  return Buffer.from(text, "utf8").toString("utf8");
}

describe("the project's YAML", () => {
  test("every spec in specs/ takes the fast path and reads as js-yaml reads it", async () => {
    const files = await yamlFiles(path.join(ROOT, "specs"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(compare(await readFile(file, "utf8")), path.relative(ROOT, file)).toBe("fast");
  });

  test.each(["test/fixtures", "test/bad-specs"])("%s: the same value as js-yaml, or left to it (and always when js-yaml rejects the file)", async (dir) => {
    const files = await yamlFiles(path.join(ROOT, dir));
    expect(files.length).toBeGreaterThan(5);
    let fast = 0;
    for (const file of files) {
      const text = await readFile(file, "utf8");
      const name = path.relative(ROOT, file);
      if (compare(text) === "fast") fast++;
      else if (!("error" in jsLoad(text))) expect(leftToJsYaml(text), `${name} is left to js-yaml without anchors, merge keys or content`).toBe(true);
    }
    expect(fast).toBeGreaterThan(files.length / 3);
  });

  test("the cPanel-sized document (625 functions, ~1.9 MB) and smaller ones of other seeds take the fast path", () => {
    const big = synthesized(625);
    expect(big.length).toBeGreaterThan(1_500_000);
    expect(compare(big)).toBe("fast");
    for (const seed of [1, 2, 3]) expect(compare(synthesized(40, seed))).toBe("fast");
  });
});

test("parseText reads through the fast path and leaves errors, with their lines, to js-yaml", async () => {
  const spec = await readFile(path.join(ROOT, "specs", "accounts.yaml"), "utf8");
  expect(difference(parseText(spec, "specs/accounts.yaml"), yaml.load(spec, { schema: SCHEMA }))).toBeUndefined();
  const failure = (text: string): unknown => {
    try {
      parseText(text, "spec.yaml");
    } catch (error) {
      return error;
    }
    return undefined;
  };
  const duplicate = failure("a: 1\nb:\n  c: 2\n  c: 3\n");
  expect(duplicate).toBeInstanceOf(WhmgenError);
  expect((duplicate as WhmgenError).message).toBe("spec.yaml:4:3: invalid YAML: duplicated mapping key");
  const tab = failure("a:\n\tb: 1\n");
  expect((tab as WhmgenError).message).toMatch(/^spec\.yaml:2:\d+: invalid YAML: tab characters must not be used in indentation/);
});

describe("constructs read on the fast path", () => {
  const cases: [string, string][] = [
    ["block mappings", "a: 1\nb:\n  c: 2\n  d:\n    e: 3\nf: 4\n"],
    ["an indented document", "  a: 1\n  b:\n    c: 2\n"],
    ["block sequences", "- a\n- b\n-\n  - c\n  - d\n- - e\n  - f\n- - - g\n"],
    ["compact mappings in sequences", "- name: a\n  in: query\n  schema:\n    type: string\n- name: b\n  required: true\n"],
    ["a sequence at its key's indentation", "tags:\n- a\n- b\nnext:\n- c: 1\n  d: 2\nlast: 3\n"],
    ["entries on the line below their dash", "-\n  a: 1\n  b: 2\n-\n  - x\n- # comment\n  c: 3\n"],
    ["empty entries and values", "a:\nb: ~\nc:\n  -\n  - x\n  -\nd:\n"],
    ["null forms", "a: ~\nb: null\nc: Null\nd: NULL\ne: nULL\nf:\n"],
    ["Booleans, only the core schema's", "a: true\nb: True\nc: TRUE\nd: false\ne: False\nf: FALSE\ng: yes\nh: No\ni: on\nj: y\nk: tRUE\n"],
    ["integers", "a: 0\nb: -0\nc: +12\nd: 012\ne: 0x1F\nf: -0x1f\ng: 0o17\nh: 0b101\ni: -00\nj: 99999999999999999999\nk: 0x\nl: 0b2\nm: 1_000\nn: +\no: 0o8\n"],
    ["floats", "a: 1.5\nb: -1.5e3\nc: 1e3\nd: 1.\ne: .5\nf: -.5\ng: .inf\nh: -.Inf\ni: +.INF\nj: .nan\nk: .NaN\nl: -.nan\nm: 1e400\nn: -0.0\no: 5.e-324\np: 1E+2\n"],
    ["strings that look like other things", "a: 2001-01-01\nb: 1:30\nc: '1'\nd: \"true\"\ne: a:b\nf: https://example.com/a?b=c#d\ng: a#b\nh: -x\ni: ?x\nj: :x\nk: <<x\n"],
    ["keys made strings as js-yaml makes them", "200: a\ntrue: b\nnull: c\nFALSE: d\n0x1F: e\n1e3: f\n.inf: g\n-0: h\n1.50: i\n'x y': j\n\"z\": k\n.NaN: l\n0o17: m\n"],
    ["~ as a key", "~: a\n"],
    ["__proto__ and other prototype names as own keys", "__proto__: 1\nconstructor: 2\ntoString: 3\nhasOwnProperty:\n  __proto__: [a]\nflow: {__proto__: x, valueOf: y}\n"],
    ["white space around keys and values", "a  : b  \nc:    d\ne: f   # comment\n'g' : h\n"],
    ["comments everywhere", "# head\na: 1 # after\n# between\nb: # after key\n  c: 2\n    # deeper\n  d: 3\n# less indented\n  e: 4\nf:\n  - x # after entry\n  # in sequence\n  - y\n# tail"],
    ["blank and white-space-only lines", "\n\na: 1\n\n   \nb:\n\n  c: 2\n  \n\n"],
    ["single-quoted scalars", "a: 'it''s'\nb: ''\nc: '  padded  '\nd: 'a # not a comment'\ne: 'x: y'\nf: '''quoted'''\n"],
    ["multi-line single-quoted scalars", "a: 'one\n  two\n\n  three  \n   four'\nb: '  \n  x'\n"],
    ["double-quoted escapes", 'a: "\\n\\t\\"\\\\\\/\\0\\a\\b\\e\\f\\r\\v\\N\\_\\L\\P\\ \\\t|"\nb: "\\x41\\u00e9\\u2028\\U0001F600\\uD800"\nc: ""\n'],
    ["multi-line double-quoted scalars and escaped line breaks", 'a: "one\n  two\n\n  three"\nb: "joined \\\n   here"\nc: "a\\\n\n  b"\n'],
    ["literal block scalars", "a: |\n  line one\n    indented\n\n  after blank\nb: |-\n  stripped\n\nc: |+\n  kept\n\n\nd: |\n\n\n  leading blanks\ne: |\n  trailing   \n"],
    ["folded block scalars", "a: >\n  folded\n  lines\n\n  paragraph\n    more indented\n    kept\n  back\nb: >-\n  x\n  y\nc: >+\n  z\n\nd: >\n \n  w\n"],
    ["block scalar headers", "a: |2\n   two extra\n  two\nb: >-1\n  x\n   y\nc: | # comment\n  text\nd: |\n  # not a comment\ne: |\nf: >-\n"],
    ["block scalars in sequences and compact mappings", "- |\n  a\n  b\n- key: >-\n    c\n    d\n  other: e\n- last\n"],
    ["block scalars ended by a less indented line or the end", "a:\n  b: |\n    x\n\n  c: 1\nd: |\n  y\n\n\n"],
    ["flow collections", "a: [1, 'two', \"three\", four five, {x: 1}, [], {}]\nb: {a: 1, 'b': [2, 3], c: {d: e}}\nc: [a, b, ]\nd: {a, b: , c: null}\ne: {\"k\":1,'j':2}\nf: [a:b, http://x.y/z]\n"],
    ["flow collections as entries and values on the next line", "list:\n- [a, b]\n- {c: d}\n-\n  [e]\nkey:\n  {f: g}\n"],
    ["multi-line plain scalars", "a: one\n  two\n\n  three\n   four\nb: five\n  - six\n  [seven]\nc:\n  eight\n  nine\nd: ten\n"],
    ["a plain scalar ended by a comment line", "a: one\n  two\n  # comment\nb: three\n# c\n"],
    ["sequences of multi-line plain scalars", "- foo\n  - bar\n- baz\n  qux\n"],
    ["a leading --- line", "--- # the document\na: 1\n"],
    ["a root plain scalar", "just some text\n  continued\n"],
    ["a root quoted scalar", "'quoted'\n"],
    ["a root block scalar", "|-\n  a\n\n  b\n"],
    ["a root block scalar with an indentation indicator", "|2\n   x\n  y\n"],
    ["a root flow sequence", "[1, 2]\n"],
    ["no final line break", "a: 1\nb: |\n  x"],
    ["CRLF line breaks", "a: 1\r\nb:\r\n  - x\r\n  - 'y\r\n    z'\r\nc: |\r\n  t\r\n"],
    ["a byte order mark", "\uFEFFa: 1\n"],
    ["tabs inside lines", "a: x\ty\t\nb: 'p\tq'\nc: |\n  \tr\n  s\t\nd: t\t# comment\n"],
    ["unicode", "ключ: значение\n日本: 語\nemoji: 😀 ok\nnel: a\u0085b\nnbsp: a\u00a0b\nls: a\u2028b\n"],
    ["nested 90 deep", `${Array.from({ length: 90 }, (_, i) => `${" ".repeat(i * 2)}k${i}:`).join("\n")} end\n`],
  ];
  test.each(cases)("%s", (_, text) => expect(compare(text)).toBe("fast"));
});

test("plain scalars that may be numbers, null or Booleans resolve as in js-yaml's core schema", () => {
  const chars = ["+", "-", ".", "0", "1", "7", "9", "e", "E", "x", "o", "b", "_", "i", "n", "f", "I", "N", "F", "a", "A", "~", "l", "u", "t", "r"];
  const numeric = fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: 7 });
  fc.assert(
    fc.property(numeric, (word) => {
      // As a key, a value, an entry and in flow collections; only where js-yaml reads it at all
      // (`-` alone is no scalar) must the fast path be taken. A text that starts with `---` is a
      // document marker glued to content, left to js-yaml by design (see "constructs left to
      // js-yaml"); compare() still checks the value whenever the fast path is taken.
      for (const text of [`${word}: ${word}\n`, `- ${word}\n`, `[${word}, {${word}: ${word}}]\n`]) {
        const taken = compare(text);
        if (!("error" in jsLoad(text)) && !text.startsWith("---")) expect(taken, text).toBe("fast");
      }
    }),
    { numRuns: 3000 },
  );
});

describe("constructs left to js-yaml", () => {
  const cases: [string, string][] = [
    ["an anchor and an alias", "a: &x 1\nb: *x\n"],
    ["a merge key", "base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n"],
    ["a plain << value", "a: <<\n"],
    ["a plain << key in a flow mapping", "a: {<<: {x: 1}}\n"],
    ["a tag", "a: !!str 1\n"],
    ["a custom tag", "a: !Ref x\n"],
    ["a directive", "%YAML 1.2\n---\na: 1\n"],
    ["two documents", "a: 1\n---\nb: 2\n"],
    ["a document end marker", "a: 1\n...\n"],
    ["content on the --- line", "--- a\n"],
    ["--- glued to content, which js-yaml reads as a marker", "---0\n"],
    ["--- glued to a key (found by the scalar property)", "---+: ---+\n"],
    ["an explicit key", "? a\n: b\n"],
    ["a tab in indentation", "a:\n\tb: 1\n"],
    ["a tab after a key's colon", "a:\tb\n"],
    ["a tab after a dash", "-\ta\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["keys that become the same string", "1: a\n'1': b\n"],
    ["a duplicate key in a flow mapping", "a: {x: 1, x: 2}\n"],
    ["a flow collection over several lines", "a: [1,\n  2]\n"],
    ["a comment in a flow collection", "a: [1, # one\n  2]\n"],
    ["a flow collection as a key", "[a]: b\n"],
    ["a one-pair mapping in a flow sequence", "a: [b: c]\n"],
    ["an empty flow entry", "a: [1, , 2]\n"],
    ["a quoted key over two lines", "'a\n b': c\n"],
    ["a block scalar as the document with content at column 0", ">\ntext\n"],
    ["a block scalar as the document with nothing in it", "|+\n\n\n"],
    ["a block scalar as the document indented by its indicator to column 0", "|1-\nx\n"],
    ["a NUL byte", "a: b\u0000c\n"],
    ["a control character", "a: b\u0001c\n"],
    ["a DEL character", "a: 'b\u007fc'\n"],
    ["a lone surrogate", "a: b\uD800c\n"],
    ["a lone CR", "a: 1\rb: 2\n"],
    ["an unknown escape", 'a: "\\q"\n'],
    ["a bad hex escape", 'a: "\\x4g"\n'],
    ["an escape beyond Unicode", 'a: "\\UFFFFFFFF"\n'],
    ["an unterminated quote", "a: 'b\n"],
    ["a more indented line after a value", "a: 1\n  b: 2\n"],
    ["a more indented entry", "- a\n  - b: 1\n"],
    ["a less indented dash after an empty entry", "a:\n  -\n- x\n"],
    ["a sequence entry after a value", "a: - b\n"],
    ["text after a quoted value", "a: 'b' c\n"],
    ["a second colon", "a: b: c\n"],
    ["a line that is not a key in a mapping", "a: 1\nb\n"],
    ["a comment ending a plain scalar before more lines", "a: x # c\n  y\n"],
    ["a key with no name", ": a\n"],
    ["an @ at the start", "a: @b\n"],
    ["a backtick at the start", "a: `b`\n"],
    ["nothing but comments", "# only\n# comments\n"],
    ["an empty text", ""],
    ["nested 150 deep", `${Array.from({ length: 150 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n")} end\n`],
    ["flow collections 150 deep", `a: ${"[".repeat(150)}${"]".repeat(150)}\n`],
  ];
  test.each(cases)("%s", (_, text) => {
    expect(fastYaml(text)).toBeUndefined();
    expect(compare(text)).toBe("bail");
  });

  test("at every depth around js-yaml's limit, the reader agrees or leaves the text to js-yaml", () => {
    for (let depth = 80; depth <= 110; depth++) {
      const mappings = `${Array.from({ length: depth }, (_, i) => `${" ".repeat(i)}k:`).join("\n")} v\n`;
      const sequences = `${Array.from({ length: depth }, (_, i) => `${" ".repeat(i * 2)}-`).join("\n")} v\n`;
      const compact = `${"- ".repeat(depth)}v\n`;
      const flow = `${"[".repeat(depth)}v${"]".repeat(depth)}\n`;
      const mixed = `a: ${"{k: [".repeat(depth >> 1)}v${"]}".repeat(depth >> 1)}\n`;
      for (const text of [mappings, sequences, compact, flow, mixed]) {
        const taken = compare(text);
        if (depth <= 90) expect(taken).toBe("fast");
      }
    }
  });
});

// ---------------------------------------------------------------- random values through yaml.dump

/** Strings that matter to YAML: indicators, look-alikes of other types, white space, line breaks. */
const TRICKY = [
  "", " ", "  lead", "trail  ", "#", "a #b", "a# b", ":", ": ", "a: b", "a:b", "-", "- ", "- a", "?", "? a", "'", '"', "''", "\\", "\\n",
  "\n", "\n\n", "a\nb", "a\n\nb", " a\n b ", "a\n ", "\t", "a\tb", "\ta", "~", "null", "Null", "NULL", "true", "True", "FALSE", "yes", "No",
  "on", "y", "n", "0", "-0", "+1", "012", "1_000", "0x1F", "0o17", "0b101", "1e3", "1.5", ".5", "-.5", ".inf", "-.Inf", ".NaN", "1e400",
  "<<", "&a", "*a", "!tag", "%x", "@x", "`x", "[a]", "{a: 1}", ",", "|", ">", "|-", "---", "...", "--- a", "é", "日本語", "😀", "\u2028",
  "\u0085", "\u00a0", "\ufeff", "__proto__", "constructor", "toString", "https://x.example/a?b=c#d", "2001-12-14", "1:20", "=", "a'b", 'a"b',
];
const trickyString = fc.constantFrom(...TRICKY);
const text = fc.oneof(
  { weight: 3, arbitrary: trickyString },
  { weight: 3, arbitrary: fc.array(trickyString, { maxLength: 4 }).map((parts) => parts.join("")) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(" ", "\n", "a", "#", ":", "-", "'", '"', "\t", "1", "."), maxLength: 20 }) },
  { weight: 1, arbitrary: fc.array(fc.lorem({ maxCount: 12 }), { minLength: 1, maxLength: 4 }).map((lines) => lines.join("\n")) },
);
const scalar = fc.oneof(
  { weight: 6, arbitrary: text },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1e21, 1.5e-7, 2 ** 53, -(2 ** 31), NaN, Infinity, -Infinity) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);
const { value: jsonLike } = fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof({ depthSize: "small", maxDepth: 6 }, scalar, tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 5 }),
  // Object.fromEntries makes a `__proto__` key an own property, as js-yaml does.
  object: fc.array(fc.tuple(text, tie("value")), { maxLength: 5 }).map((entries) => Object.fromEntries(entries) as Record<string, unknown>),
}));

/**
 * Option sets for yaml.dump, with the share of their documents that must take the fast path.
 * `condenseFlow` wraps keys in an extra pair of double quotes, often making broken YAML.
 */
const DUMP_OPTIONS: [yaml.DumpOptions, number][] = [
  [{}, 0.8],
  [{ lineWidth: -1 }, 0.8],
  [{ flowLevel: 2 }, 0.8],
  [{ quotingType: '"' }, 0.8],
  [{ forceQuotes: true }, 0.8],
  [{ noCompatMode: true }, 0.8],
  [{ noArrayIndent: true }, 0.8],
  [{ indent: 4 }, 0.8],
  [{ lineWidth: 20 }, 0.8],
  [{ flowLevel: 0 }, 0.8],
  [{ schema: SCHEMA }, 0.8],
  [{ flowLevel: 1, condenseFlow: true }, 0.3],
];

const tally = { fast: 0, bail: 0 };
const mutatedTally = { fast: 0, bail: 0 };

afterAll(() => {
  const share = (t: { fast: number; bail: number }): string => `${t.fast} of ${t.fast + t.bail} (${((100 * t.fast) / Math.max(1, t.fast + t.bail)).toFixed(1)}%)`;
  console.log(`fast-yaml: fast path taken for ${share(tally)} dumped documents, ${share(mutatedTally)} mutated ones`);
});

describe("random values dumped by js-yaml", () => {
  test.each(DUMP_OPTIONS.map(([options, share]) => [JSON.stringify(options, (k, v: unknown) => (k === "schema" ? "core+merge" : v)), options, share] as const))(
    "yaml.dump(value, %s): the fast path agrees with js-yaml or leaves the text to it",
    (_, options, share) => {
      let fast = 0;
      let runs = 0;
      fc.assert(
        fc.property(jsonLike, (value) => {
          const dumped = yaml.dump(value, options);
          const taken = compare(dumped);
          tally[taken]++;
          runs++;
          if (taken === "fast") fast++;
        }),
        { numRuns: 400 },
      );
      // Dumped YAML is the subset's bread and butter: nearly all of it is read on the fast path.
      expect(fast / runs).toBeGreaterThan(share);
    },
  );

  test("mutated documents: never a value js-yaml would not return", () => {
    const edit = fc.tuple(fc.nat(), fc.nat({ max: 2 }), fc.constantFrom(" ", "  ", "\n", ":", ": ", "-", "- ", "#", " #", "'", '"', "|", ">", "[", "]", "{", "}", ",", "\t", "a", "1", "\\", "?", "&", "*", "!", "---"));
    fc.assert(
      fc.property(jsonLike, fc.constantFrom(...DUMP_OPTIONS.map(([options]) => options)), fc.array(edit, { minLength: 1, maxLength: 3 }), (value, options, edits) => {
        let doc = yaml.dump(value, options);
        for (const [at, deleted, inserted] of edits) {
          const p = doc.length === 0 ? 0 : at % (doc.length + 1);
          doc = doc.slice(0, p) + inserted + doc.slice(p + deleted);
        }
        mutatedTally[compare(doc)]++;
      }),
      { numRuns: 3000 },
    );
  });
});
