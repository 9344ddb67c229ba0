/**
 * A fast reader for the YAML that OpenAPI documents are written in, used in front of js-yaml
 * (read.ts): block mappings and sequences, plain, quoted and block scalars, flow collections on
 * one line, comments, CRLF line breaks, a leading `---` line. It returns exactly the value
 * js-yaml (4.x, core schema plus merge keys) returns for the same text, or gives up and lets
 * js-yaml read the text. It never reports an error: anything it does not fully understand —
 * anchors, aliases, tags, merge keys, directives, other document markers, explicit keys, tabs
 * in indentation, duplicate keys, deep nesting, and every mistake js-yaml would report — makes
 * it give up, and js-yaml, reading the text again, produces the value or the error message.
 *
 * It makes js-yaml's decisions (its quirks included, where they concern the subset read here)
 * without its generality: one pass over the text, searching it with `indexOf` where it can,
 * with recursion only as deep as the document's nesting.
 */

/**
 * The js-yaml release whose reading this file reproduces. package.json pins js-yaml to exactly
 * this version: js-yaml reads the documents fast-yaml leaves to it (anchors, tags…), so with any
 * other release a value could differ depending on whether the file has an anchor (4.1.0 reads
 * `1_000` as 1000 and `1e400` as Infinity, 4.3 as strings). test/generator/yaml-version.test.ts
 * holds the three together; upgrading js-yaml means re-checking this reader against it.
 */
export const MIRRORED_JS_YAML = "4.3.2";

/** Thrown inside the reader when js-yaml should read the text instead. */
const GIVE_UP: unique symbol = Symbol("give up");

function giveUp(): never {
  throw GIVE_UP;
}

/**
 * Collections nested deeper than this are left to js-yaml, which refuses nodes more than 100
 * levels deep by its own count (keys are a level below their mapping, and some scalars and flow
 * collections in block collections one more): this stays clear of that limit, so the reader
 * never accepts a document js-yaml rejects for its depth.
 */
const MAX_DEPTH = 96;

/**
 * Characters js-yaml rejects in plain and block scalars (or, for NUL, anywhere): text holding
 * any is left to js-yaml, wherever they are. Searched one by one with `includes`, several times
 * faster than a regular expression's character class; the ones beyond ASCII only when the text
 * has characters beyond ASCII (then lone surrogates are looked for too).
 */
const UNPRINTABLE_ASCII: readonly string[] = [...range(0x00, 0x08), "\x0b", "\x0c", ...range(0x0e, 0x1f), "\x7f"];
const UNPRINTABLE_BEYOND_ASCII: readonly string[] = [...range(0x80, 0x84), ...range(0x86, 0x9f), "\ufffe", "\uffff"];

/** Whether js-yaml would refuse the text for a character it holds. */
function hasUnprintable(text: string): boolean {
  if (UNPRINTABLE_ASCII.some((c) => text.includes(c))) return true;
  if (Buffer.byteLength(text, "utf8") === text.length) return false; // all ASCII
  return UNPRINTABLE_BEYOND_ASCII.some((c) => text.includes(c)) || !(text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

function range(first: number, last: number): string[] {
  return Array.from({ length: last - first + 1 }, (_, i) => String.fromCharCode(first + i));
}

const TAB = 0x09;
const LF = 0x0a;
const SPACE = 0x20;
const BANG = 0x21;
const DQUOTE = 0x22;
const HASH = 0x23;
const PERCENT = 0x25;
const AMPERSAND = 0x26;
const SQUOTE = 0x27;
const STAR = 0x2a;
const PLUS = 0x2b;
const COMMA = 0x2c;
const DASH = 0x2d;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const COLON = 0x3a;
const LESS = 0x3c;
const GREATER = 0x3e;
const QUESTION = 0x3f;
const AT = 0x40;
const LBRACKET = 0x5b;
const BACKSLASH = 0x5c;
const RBRACKET = 0x5d;
const BACKTICK = 0x60;
const LBRACE = 0x7b;
const PIPE = 0x7c;
const RBRACE = 0x7d;
const TILDE = 0x7e;

/** Space or tab: what js-yaml calls white space. */
function isWhite(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** White space or a line break (the text's line breaks are all `\n` here). */
function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === LF;
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

/** `---` or `...` followed by a blank: a document marker when it starts a line. */
function isDocumentMarker(s: string, p: number): boolean {
  const c = s.charCodeAt(p);
  return (c === DASH || c === DOT) && s.charCodeAt(p + 1) === c && s.charCodeAt(p + 2) === c && (p + 3 >= s.length || isBlank(s.charCodeAt(p + 3)));
}

/**
 * Whether a plain scalar may start with `c` (followed by `next`). Indicators cannot start one;
 * `-` and `?` can unless a blank (or, inside a flow collection, a flow indicator) follows.
 */
function canStartPlain(c: number, next: number, inFlow: boolean): boolean {
  switch (c) {
    case SPACE:
    case TAB:
    case LF:
    case COMMA:
    case LBRACKET:
    case RBRACKET:
    case LBRACE:
    case RBRACE:
    case HASH:
    case AMPERSAND:
    case STAR:
    case BANG:
    case PIPE:
    case GREATER:
    case SQUOTE:
    case DQUOTE:
    case PERCENT:
    case AT:
    case BACKTICK:
      return false;
    case DASH:
    case QUESTION:
      return !(isBlank(next) || (inFlow && isFlowIndicator(next)));
    default:
      return !Number.isNaN(c);
  }
}

/** What `n` line breaks between two pieces of a folded scalar become. */
function folded(n: number): string {
  return n === 1 ? " " : "\n".repeat(n - 1);
}

/** The end of `s.slice(from, end)` without its trailing white space. */
function trimEnd(s: string, from: number, end: number): number {
  while (end > from && isWhite(s.charCodeAt(end - 1))) end--;
  return end;
}

function newlines(n: number): string {
  return n === 0 ? "" : n === 1 ? "\n" : "\n".repeat(n);
}

/** The single-character escapes of double-quoted scalars, by the character after the backslash. */
const ESCAPES: Record<number, string> = {
  0x30: "\x00", // 0
  0x61: "\x07", // a
  0x62: "\x08", // b
  0x74: "\t", // t
  [TAB]: "\t",
  0x6e: "\n", // n
  0x76: "\x0b", // v
  0x66: "\x0c", // f
  0x72: "\r", // r
  0x65: "\x1b", // e
  [SPACE]: " ",
  [DQUOTE]: '"',
  0x2f: "/", // /
  [BACKSLASH]: "\\",
  0x4e: "\x85", // N
  0x5f: "\xa0", // _
  0x4c: "\u2028", // L
  0x50: "\u2029", // P
};

/** How many hex digits follow `\x`, `\u` and `\U`. */
function hexEscapeLength(c: number): number {
  return c === 0x78 ? 2 : c === 0x75 ? 4 : c === 0x55 ? 8 : 0;
}

function hexValue(c: number): number {
  if (c >= DIGIT_0 && c <= DIGIT_9) return c - DIGIT_0;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** The character an escape sequence (other than an escaped line break) at `p` stands for. */
function unescape(s: string, p: number): string {
  const e = s.charCodeAt(p + 1);
  const simple = ESCAPES[e];
  if (simple !== undefined) return simple;
  const length = hexEscapeLength(e);
  if (length === 0) giveUp(); // unknown escape
  let code = 0;
  for (let i = 0; i < length; i++) {
    const digit = hexValue(s.charCodeAt(p + 2 + i));
    if (digit < 0) giveUp();
    code = code * 16 + digit;
  }
  // Beyond Unicode js-yaml makes garbage of it: left to js-yaml.
  if (code > 0x10ffff) giveUp();
  return fromCodePoint(code);
}

/** A code point as UTF-16 (a lone surrogate stays one, as in js-yaml). */
function fromCodePoint(code: number): string {
  if (code <= 0xffff) return String.fromCharCode(code);
  const high = ((code - 0x10000) >> 10) + 0xd800;
  const low = ((code - 0x10000) & 0x3ff) + 0xdc00;
  return String.fromCharCode(high, low);
}

// ---------------------------------------------------------------- plain scalars: the core schema

function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

/** The end of the run of decimal digits starting at `i`. */
function digitsEnd(text: string, i: number): number {
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Whether `text` is written as js-yaml's core schema writes a float: digits with an optional
 * sign, fraction (`1.`, `1.5`) and exponent (`1e3`, `2.5E-3`); a fraction without integer digits
 * and without a sign (`.5`); `.inf` with an optional sign; `.nan`. The three spellings of the
 * last two are lower case, capitalised and upper case.
 */
function isFloatSyntax(text: string): boolean {
  const first = text.charCodeAt(0);
  const signed = first === PLUS || first === DASH;
  const start = signed ? 1 : 0;
  const special = signed ? text.slice(1) : text;
  if (special === ".inf" || special === ".Inf" || special === ".INF") return true;
  if (!signed && (special === ".nan" || special === ".NaN" || special === ".NAN")) return true;
  let i = digitsEnd(text, start);
  const integerDigits = i > start;
  if (text.charCodeAt(i) === DOT) {
    const fractionEnd = digitsEnd(text, i + 1);
    if (!integerDigits && (signed || fractionEnd === i + 1)) return false;
    i = fractionEnd;
  } else if (!integerDigits) return false;
  if ((text.charCodeAt(i) | 0x20) === 0x65) {
    // e or E, an optional sign, digits
    let exponent = i + 1;
    if (text.charCodeAt(exponent) === PLUS || text.charCodeAt(exponent) === DASH) exponent++;
    i = digitsEnd(text, exponent);
    if (i === exponent) return false;
  }
  return i === text.length;
}

/** Integers: optional sign, then decimal digits, or `0b`, `0o`, `0x` and digits of that base. */
function yamlInteger(text: string): number | undefined {
  const first = text.charCodeAt(0);
  const sign = first === DASH ? -1 : 1;
  const at = first === DASH || first === PLUS ? 1 : 0;
  if (at === text.length) return undefined;
  if (text.charCodeAt(at) === DIGIT_0) {
    // A lone zero, whatever its sign, is 0 (never -0).
    if (at + 1 === text.length) return 0;
    const marker = text.charCodeAt(at + 1);
    const base = marker === 0x62 ? 2 : marker === 0x6f ? 8 : marker === 0x78 ? 16 : 0;
    if (base !== 0) {
      if (at + 2 === text.length) return undefined;
      for (let i = at + 2; i < text.length; i++) {
        const digit = hexValue(text.charCodeAt(i));
        if (digit < 0 || digit >= base) return undefined;
      }
      const value = sign * parseInt(text.slice(at + 2), base);
      return Number.isFinite(value) ? value : undefined;
    }
  }
  if (digitsEnd(text, at) !== text.length) return undefined;
  const value = sign * parseInt(text.slice(at), 10);
  return Number.isFinite(value) ? value : undefined;
}

function yamlFloat(text: string): number | undefined {
  if (!isFloatSyntax(text)) return undefined;
  const lower = text.toLowerCase();
  const sign = lower.charCodeAt(0) === DASH ? -1 : 1;
  const body = lower.charCodeAt(0) === DASH || lower.charCodeAt(0) === PLUS ? lower.slice(1) : lower;
  if (body === ".inf") return sign * Infinity;
  if (body === ".nan") return NaN;
  // Too large to be finite: the text stays a string.
  if (!Number.isFinite(parseFloat(text))) return undefined;
  return sign * parseFloat(body);
}

/**
 * The value of a plain scalar: null, a Boolean, an integer or a float as the core schema reads
 * them, else the text. A plain `<<` is a merge key (or a merge-typed string) and is left to js-yaml.
 */
function resolvePlain(text: string): unknown {
  switch (text.charCodeAt(0)) {
    case TILDE:
      return text.length === 1 ? null : text;
    case 0x6e: // n
    case 0x4e: // N
      return text === "null" || text === "Null" || text === "NULL" ? null : text;
    case 0x74: // t
    case 0x54: // T
      return text === "true" || text === "True" || text === "TRUE" ? true : text;
    case 0x66: // f
    case 0x46: // F
      return text === "false" || text === "False" || text === "FALSE" ? false : text;
    case LESS:
      if (text === "<<") giveUp();
      return text;
    case PLUS:
    case DASH:
    case DOT:
    case DIGIT_0:
    case 0x31:
    case 0x32:
    case 0x33:
    case 0x34:
    case 0x35:
    case 0x36:
    case 0x37:
    case 0x38:
    case DIGIT_9:
      return yamlInteger(text) ?? yamlFloat(text) ?? text;
    default:
      return text;
  }
}

/** A plain scalar as a mapping key: js-yaml resolves it, then makes it a string (`1e3` is "1000"). */
function plainKey(text: string): string {
  const value = resolvePlain(text);
  return typeof value === "string" ? value : String(value);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Adds a pair; a key already present is an error js-yaml reports. `__proto__` becomes an own key. */
function setEntry(map: Record<string, unknown>, key: string, value: unknown): void {
  if (hasOwn.call(map, key)) giveUp();
  if (key === "__proto__") Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
}

// ---------------------------------------------------------------- the reader

/**
 * Where one character next occurs at or after a position. Searched with `indexOf` and
 * remembered, so each stretch of text is searched once however often it is asked about.
 */
class NextChar {
  /** No occurrence in `from..at`; `at` is one (or the text's length: none). */
  private from = 1;
  private at = 0;

  constructor(
    private readonly s: string,
    private readonly char: string,
  ) {}

  find(p: number): number {
    if (p < this.from || p > this.at) {
      this.from = p;
      const found = this.s.indexOf(this.char, p);
      this.at = found < 0 ? this.s.length : found;
    }
    return this.at;
  }
}

const CLIP = 0;
const STRIP = 1;
const KEEP = 2;

/**
 * One pass over the text. Between nodes the position is always at the first character of a
 * content line (blank and comment lines skipped), with `indent` its indentation, or -1 at the
 * end of the text: every node reader returns there.
 */
class Reader {
  private pos = 0;
  /** Start of the line `pos` is on. */
  private lineStart = 0;
  /** Indentation of the current content line; -1 at the end of the text. */
  private indent = 0;
  /** Collections open around the current node. */
  private depth = 0;
  private readonly end: number;
  private readonly lineBreak: NextChar;
  private readonly colon: NextChar;
  private readonly hash: NextChar;
  private readonly singleQuote: NextChar;
  private readonly doubleQuote: NextChar;
  private readonly backslash: NextChar;

  /** `s` ends with a line break and holds no `\r`. */
  constructor(private readonly s: string) {
    this.end = s.length;
    this.lineBreak = new NextChar(s, "\n");
    this.colon = new NextChar(s, ":");
    this.hash = new NextChar(s, "#");
    this.singleQuote = new NextChar(s, "'");
    this.doubleQuote = new NextChar(s, '"');
    this.backslash = new NextChar(s, "\\");
  }

  /** The document: one node, optionally after a `---` line of its own. */
  document(): unknown {
    this.nextContent(true);
    const s = this.s;
    if (this.indent === 0 && (isDocumentMarker(s, this.pos) || s.startsWith("---", this.pos))) {
      // js-yaml takes `---` for the marker whatever follows it (`---x` is `x`): only a `---`
      // line of its own is read here.
      if (!isDocumentMarker(s, this.pos) || s.charCodeAt(this.pos) !== DASH) giveUp();
      this.pos += 3;
      this.finishLine();
    }
    if (this.indent < 0) giveUp();
    const value = this.blockNode(this.indent - 1);
    if (this.indent !== -1) giveUp();
    return value;
  }

  /**
   * From the start of a line, moves to the first character of the next content line, skipping
   * blank and comment lines.
   */
  private nextContent(documentStart = false): void {
    const s = this.s;
    let p = this.pos;
    for (;;) {
      let q = p;
      while (s.charCodeAt(q) === SPACE) q++;
      const c = s.charCodeAt(q);
      if (c === LF) p = q + 1;
      else if (c === HASH) p = s.indexOf("\n", q) + 1;
      else return this.landOn(p, q, documentStart);
    }
  }

  /**
   * Makes the line starting at `lineStart` the current content line; `q` is its first character
   * other than a space (not a line break or `#`), or the end of the text. Tabs in indentation
   * and document markers are left to js-yaml.
   */
  private landOn(lineStart: number, q: number, documentStart = false): void {
    if (q >= this.end) {
      this.pos = this.lineStart = this.end;
      this.indent = -1;
      return;
    }
    if (this.s.charCodeAt(q) === TAB) giveUp();
    if (q === lineStart && !documentStart && isDocumentMarker(this.s, q)) giveUp();
    this.lineStart = lineStart;
    this.pos = q;
    this.indent = q - lineStart;
  }

  /** After a node that ended inside a line: only white space and a comment may follow it. */
  private finishLine(): void {
    const s = this.s;
    let p = this.pos;
    let c = s.charCodeAt(p);
    while (isWhite(c)) c = s.charCodeAt(++p);
    if (c === HASH) p = s.indexOf("\n", p);
    else if (c !== LF) giveUp();
    this.pos = p + 1;
    this.nextContent();
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) giveUp();
  }

  /** A `-` that starts a sequence entry. */
  private atEntry(): boolean {
    return this.s.charCodeAt(this.pos) === DASH && isBlank(this.s.charCodeAt(this.pos + 1));
  }

  /**
   * A node where a block collection may start: the document, a sequence entry, a mapping value
   * on the lines below its key. `parentIndent` is the indentation of the enclosing collection.
   */
  private blockNode(parentIndent: number): unknown {
    const s = this.s;
    const c = s.charCodeAt(this.pos);
    if (c === DASH && isBlank(s.charCodeAt(this.pos + 1))) return this.sequence(this.pos - this.lineStart);
    if (c === PIPE || c === GREATER) return this.blockScalar(parentIndent + 1);
    if (c === LBRACKET || c === LBRACE) {
      const value = this.flowCollection();
      // `[a]: b` would be a mapping with a collection for a key.
      let p = this.pos;
      while (isWhite(s.charCodeAt(p))) p++;
      if (s.charCodeAt(p) === COLON) giveUp();
      this.finishLine();
      return value;
    }
    const col = this.pos - this.lineStart;
    const key = this.key();
    if (key !== undefined) return this.mapping(col, key);
    return this.scalar(parentIndent + 1);
  }

  /** A mapping value on its key's line: no block collection can start there. */
  private inlineNode(parentIndent: number): unknown {
    const c = this.s.charCodeAt(this.pos);
    if (c === PIPE || c === GREATER) return this.blockScalar(parentIndent + 1);
    if (c === LBRACKET || c === LBRACE) {
      const value = this.flowCollection();
      this.finishLine();
      return value;
    }
    return this.scalar(parentIndent + 1);
  }

  /**
   * A quoted or plain scalar in block context; a plain one continues on lines indented at least
   * `minIndent`.
   */
  private scalar(minIndent: number): unknown {
    const c = this.s.charCodeAt(this.pos);
    if (c !== SQUOTE && c !== DQUOTE) return this.plain(minIndent);
    const value = c === SQUOTE ? this.singleQuoted(true) : this.doubleQuoted(true);
    this.finishLine();
    return value;
  }

  /**
   * The key of a mapping entry, when the current line starts with one (a one-line quoted or plain
   * scalar, then `:` and a blank): the position moves past the `:`. Otherwise `undefined` and the
   * position stays.
   */
  private key(): string | undefined {
    const s = this.s;
    const start = this.pos;
    const c = s.charCodeAt(start);
    if (c === SQUOTE || c === DQUOTE) {
      const key = c === SQUOTE ? this.singleQuoted(false) : this.doubleQuoted(false);
      let p = this.pos;
      this.pos = start;
      if (key === undefined) return undefined;
      while (isWhite(s.charCodeAt(p))) p++;
      if (s.charCodeAt(p) !== COLON) return undefined;
      if (!isBlank(s.charCodeAt(p + 1))) giveUp();
      this.pos = p + 1;
      return key;
    }
    if (!canStartPlain(c, s.charCodeAt(start + 1), false)) return undefined;
    // The key ends at the line's first `:` followed by a blank, unless a comment comes first.
    const colon = this.terminator(start, this.lineBreak.find(start));
    if (s.charCodeAt(colon) !== COLON) return undefined;
    const last = trimEnd(s, start, colon);
    // `: value` with no key is an explicit-entry form (or an error) js-yaml deals with.
    if (last === start) giveUp();
    this.pos = colon + 1;
    return plainKey(s.slice(start, last));
  }

  /**
   * Where a plain scalar's text on one line ends, from `p` to the line break at `lineEnd`: at the
   * first `:` followed by a blank, or the first `#` after a blank, or the line break.
   */
  private terminator(p: number, lineEnd: number): number {
    const s = this.s;
    let end = lineEnd;
    for (let c = this.colon.find(p); c < end; c = this.colon.find(c + 1)) {
      if (isBlank(s.charCodeAt(c + 1))) {
        end = c;
        break;
      }
    }
    for (let h = this.hash.find(p); h < end; h = this.hash.find(h + 1)) {
      if (isBlank(s.charCodeAt(h - 1))) return h;
    }
    return end;
  }

  /** A block mapping whose keys start at column `col`; its first key has been read. */
  private mapping(col: number, firstKey: string): Record<string, unknown> {
    this.enter();
    const map: Record<string, unknown> = {};
    let key = firstKey;
    for (;;) {
      setEntry(map, key, this.mappingValue(col));
      if (this.indent !== col) {
        if (this.indent > col) giveUp(); // js-yaml: bad indentation
        break;
      }
      const next = this.key();
      if (next === undefined) giveUp(); // a line in the mapping that is not `key: value`
      key = next;
    }
    this.depth--;
    return map;
  }

  /**
   * From `p`, past spaces to the next content on the line, or to the line's `\n` when only a
   * comment (or nothing) follows. A tab there makes the reader give up. The text always ends
   * with a line break, so a comment always has one.
   */
  private skipInlineSpace(p: number): number {
    const s = this.s;
    let c = s.charCodeAt(p);
    while (c === SPACE) c = s.charCodeAt(++p);
    if (c === TAB) giveUp();
    return c === HASH ? s.indexOf("\n", p) : p;
  }

  /** The value after a key's `:` in a mapping at column `col`. */
  private mappingValue(col: number): unknown {
    const p = this.skipInlineSpace(this.pos);
    if (this.s.charCodeAt(p) !== LF) {
      this.pos = p;
      return this.inlineNode(col);
    }
    this.pos = p + 1;
    this.nextContent();
    if (this.indent > col) return this.blockNode(col);
    // A sequence may sit at its key's own indentation.
    if (this.indent === col && this.atEntry()) return this.sequence(col);
    return null;
  }

  /** A block sequence whose `-` are at column `col`; the position is on the first `-`. */
  private sequence(col: number): unknown[] {
    this.enter();
    const s = this.s;
    const list: unknown[] = [];
    for (;;) {
      const p = this.skipInlineSpace(this.pos + 1);
      if (s.charCodeAt(p) === LF) {
        this.pos = p + 1;
        this.nextContent();
        if (this.indent <= col) {
          // A `-` with nothing after it. js-yaml would take a `-` less indented than this
          // sequence's as its next entry: left to it.
          list.push(null);
          if (!this.atEntry()) break;
          if (this.indent < col) giveUp();
          continue;
        }
      } else this.pos = p;
      list.push(this.blockNode(col));
      if (this.indent !== col) {
        if (this.indent > col) giveUp(); // js-yaml: bad indentation
        break;
      }
      if (!this.atEntry()) break;
    }
    this.depth--;
    return list;
  }

  /**
   * A plain scalar in block context, resolved. It continues on following lines indented at least
   * `minIndent` (line breaks folded); it ends at `: `, at ` #` and before a less indented line.
   * Like the other block nodes, it returns on the next content line.
   */
  private plain(minIndent: number): unknown {
    const s = this.s;
    let p = this.pos;
    if (!canStartPlain(s.charCodeAt(p), s.charCodeAt(p + 1), false)) giveUp();
    let text = "";
    let pending = 0; // line breaks before the current line (none on the first)
    for (;;) {
      const lineEnd = this.lineBreak.find(p);
      const end = this.terminator(p, lineEnd);
      const last = trimEnd(s, p, end);
      // The line's text (with the folded line breaks before it) counts only if it is not empty.
      if (end > p) text += pending === 0 ? s.slice(p, last) : folded(pending) + s.slice(p, last);
      else if (text === "") giveUp(); // `: ` straight away: no scalar (js-yaml's error)
      if (end < lineEnd) {
        this.pos = end;
        this.finishLine();
        break;
      }
      // Skip blank lines; the scalar goes on if the next line is indented at least `minIndent`.
      let q = lineEnd;
      let lineStart: number;
      let next: number;
      pending = 0;
      do {
        lineStart = ++q;
        pending++;
        while (s.charCodeAt(q) === SPACE) q++;
        next = s.charCodeAt(q);
        if (next === TAB) giveUp();
      } while (next === LF);
      if (q >= this.end || q - lineStart < minIndent) {
        // The scalar ends with its line; the next line (known by now) is the next content.
        if (next === HASH) {
          this.pos = q;
          this.finishLine();
        } else this.landOn(lineStart, q);
        break;
      }
      if (q === lineStart && isDocumentMarker(s, q)) giveUp();
      p = q;
    }
    return resolvePlain(text);
  }

  /**
   * A single-quoted scalar; the position moves past its closing quote. Over several lines only
   * when `multiLine` (else `undefined` if it does not close on its line).
   */
  private singleQuoted(multiLine: boolean): string | undefined {
    const s = this.s;
    let p = this.pos + 1; // start of the current piece
    let out = "";
    for (;;) {
      const quote = this.singleQuote.find(p);
      const lineEnd = this.lineBreak.find(p);
      if (quote < lineEnd) {
        out += s.slice(p, quote);
        if (s.charCodeAt(quote + 1) !== SQUOTE) {
          this.pos = quote + 1;
          return out;
        }
        // `''` is a quote.
        out += "'";
        p = quote + 2;
        continue;
      }
      if (!multiLine) return undefined;
      // Line folding: white space around the line break goes, the break becomes a space.
      out += s.slice(p, trimEnd(s, p, lineEnd));
      const { next, breaks } = this.quotedBreak(lineEnd);
      out += folded(breaks);
      p = next;
    }
  }

  /** A double-quoted scalar with its escapes; like {@link singleQuoted}. */
  private doubleQuoted(multiLine: boolean): string | undefined {
    const s = this.s;
    let p = this.pos + 1;
    let out = "";
    for (;;) {
      const quote = this.doubleQuote.find(p);
      const lineEnd = this.lineBreak.find(p);
      const escape = this.backslash.find(p);
      if (escape < quote && escape < lineEnd) {
        out += s.slice(p, escape);
        const e = s.charCodeAt(escape + 1);
        if (e === LF) {
          // An escaped line break: the lines join with nothing between them.
          if (!multiLine) return undefined;
          p = this.quotedBreak(escape + 1).next;
        } else {
          out += unescape(s, escape);
          p = escape + 2 + hexEscapeLength(e);
        }
        continue;
      }
      if (quote < lineEnd) {
        out += s.slice(p, quote);
        this.pos = quote + 1;
        return out;
      }
      if (!multiLine) return undefined;
      out += s.slice(p, trimEnd(s, p, lineEnd));
      const { next, breaks } = this.quotedBreak(lineEnd);
      out += folded(breaks);
      p = next;
    }
  }

  /**
   * A line break inside a quoted scalar at `p`: skips it, blank lines and the indentation of the
   * next line. The scalar must go on (the text ends with no closing quote: js-yaml's error).
   */
  private quotedBreak(p: number): { next: number; breaks: number } {
    const s = this.s;
    let breaks = 0;
    let c: number;
    do {
      const lineStart = ++p;
      breaks++;
      while (s.charCodeAt(p) === SPACE) p++;
      c = s.charCodeAt(p);
      if (c === TAB) giveUp();
      if (p === lineStart && isDocumentMarker(s, p)) giveUp();
    } while (c === LF);
    if (p >= this.end) giveUp();
    return { next: p, breaks };
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar. `nodeIndent` is one more than the indentation
   * of the enclosing collection: content lines are indented at least that much, exactly as far
   * as the first content line (or an explicit indentation indicator) says.
   */
  private blockScalar(nodeIndent: number): string {
    const s = this.s;
    let p = this.pos;
    const folding = s.charCodeAt(p) === GREATER;
    let chomping = CLIP;
    let textIndent = nodeIndent;
    let detected = false;
    let c: number;
    for (;;) {
      c = s.charCodeAt(++p);
      if (c === PLUS || c === DASH) {
        if (chomping !== CLIP) giveUp();
        chomping = c === PLUS ? KEEP : STRIP;
      } else if (c >= DIGIT_0 && c <= DIGIT_9) {
        if (c === DIGIT_0 || detected) giveUp();
        textIndent = nodeIndent + (c - DIGIT_0) - 1;
        detected = true;
      } else break;
    }
    if (isWhite(c)) {
      do c = s.charCodeAt(++p);
      while (isWhite(c));
      if (c === HASH) {
        p = s.indexOf("\n", p);
        c = LF;
      }
    }
    if (c !== LF) giveUp();

    let out = "";
    let hasContent = false;
    let emptyLines = 0;
    let moreIndented = false;
    for (;;) {
      // `p` is on the line break that ends the previous line.
      const lineStart = ++p;
      let indent = 0;
      while ((!detected || indent < textIndent) && s.charCodeAt(p) === SPACE) {
        p++;
        indent++;
      }
      if (!detected && indent > textIndent) textIndent = indent;
      c = s.charCodeAt(p);
      if (c === LF) {
        emptyLines++;
        continue;
      }
      // Content (or the end) while the content's indentation is 0, which only a block scalar
      // that is the whole document can have: js-yaml rejects it, or with `|1` reads it without
      // chomping.
      if (textIndent === 0) giveUp();
      if (indent < textIndent) {
        // A less indented line (or the end of the text) ends the scalar.
        if (chomping === KEEP) out += newlines(hasContent ? 1 + emptyLines : emptyLines);
        else if (chomping === CLIP && hasContent) out += "\n";
        this.pos = lineStart;
        break;
      }
      if (folding) {
        if (isWhite(c)) {
          // More indented lines keep their line breaks.
          moreIndented = true;
          out += newlines(hasContent ? 1 + emptyLines : emptyLines);
        } else if (moreIndented) {
          moreIndented = false;
          out += newlines(emptyLines + 1);
        } else if (emptyLines === 0) {
          if (hasContent) out += " ";
        } else out += newlines(emptyLines);
      } else out += newlines(hasContent ? 1 + emptyLines : emptyLines);
      hasContent = true;
      detected = true;
      emptyLines = 0;
      const lineEnd = s.indexOf("\n", p);
      out += s.slice(p, lineEnd);
      p = lineEnd;
    }
    this.nextContent();
    return out;
  }

  /** Spaces between the parts of a flow collection, which must stay on one line. */
  private flowSpace(): number {
    const s = this.s;
    let c = s.charCodeAt(this.pos);
    while (c === SPACE) c = s.charCodeAt(++this.pos);
    // A tab, a comment or a line break: left to js-yaml.
    if (c === TAB || c === HASH || c === LF) giveUp();
    return c;
  }

  /** A flow sequence or mapping on one line; the position moves past its closing bracket. */
  private flowCollection(): unknown[] | Record<string, unknown> {
    this.enter();
    const s = this.s;
    const isMap = s.charCodeAt(this.pos) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const list: unknown[] = [];
    const map: Record<string, unknown> = {};
    let expectEntry = true;
    this.pos++;
    for (;;) {
      let c = this.flowSpace();
      if (c === close) {
        this.pos++;
        break;
      }
      if (!expectEntry || c === COMMA) giveUp();
      if (isMap) {
        const key = this.flowNode(true) as string;
        let value: unknown = null;
        if (this.flowSpace() === COLON) {
          this.pos++;
          c = this.flowSpace();
          if (c !== COMMA && c !== close) value = this.flowNode(false);
        }
        setEntry(map, key, value);
      } else {
        list.push(this.flowNode(false));
        // `[a: b]` holds a one-pair mapping: left to js-yaml.
        if (this.flowSpace() === COLON) giveUp();
      }
      c = this.flowSpace();
      expectEntry = c === COMMA;
      if (expectEntry) this.pos++;
    }
    this.depth--;
    return isMap ? map : list;
  }

  /** A node inside a flow collection; as a key, a scalar made a string. */
  private flowNode(asKey: boolean): unknown {
    const s = this.s;
    const start = this.pos;
    const c = s.charCodeAt(start);
    if (c === LBRACKET || c === LBRACE) {
      if (asKey) giveUp();
      return this.flowCollection();
    }
    if (c === SQUOTE || c === DQUOTE) {
      const value = c === SQUOTE ? this.singleQuoted(false) : this.doubleQuoted(false);
      if (value === undefined) giveUp();
      return value;
    }
    if (!canStartPlain(c, s.charCodeAt(start + 1), true)) giveUp();
    let last = start;
    let p = start;
    for (;; p++) {
      const ch = s.charCodeAt(p);
      if (ch === COLON) {
        const next = s.charCodeAt(p + 1);
        if (isBlank(next) || isFlowIndicator(next)) break;
      } else if (ch === HASH) {
        if (isWhite(s.charCodeAt(p - 1))) break;
      } else if (isFlowIndicator(ch)) break;
      else if (ch === LF) giveUp();
      if (!isWhite(ch)) last = p + 1;
    }
    if (last === start) giveUp();
    this.pos = p;
    const text = s.slice(start, last);
    return asKey ? plainKey(text) : resolvePlain(text);
  }
}

/**
 * Reads YAML text as js-yaml would with read.ts's schema (core schema plus merge keys):
 * `{ value }` with the very value js-yaml returns, or `undefined` when the text uses YAML this
 * reader leaves to js-yaml — including every text js-yaml rejects.
 */
export function fastYaml(text: string): { value: unknown } | undefined {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // CRLF is a line break like LF everywhere in YAML; a lone CR is left to js-yaml.
  if (text.includes("\r")) {
    text = text.replaceAll("\r\n", "\n");
    if (text.includes("\r")) return undefined;
  }
  if (hasUnprintable(text)) return undefined;
  // js-yaml reads a last line without a line break as if it had one.
  if (text.charCodeAt(text.length - 1) !== LF) text += "\n";
  try {
    return { value: new Reader(text).document() };
  } catch {
    // GIVE_UP, or anything unforeseen: js-yaml reads the text and says what is wrong.
    return undefined;
  }
}
