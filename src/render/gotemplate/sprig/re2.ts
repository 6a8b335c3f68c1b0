// Go's regexp (RE2 syntax, Perl flags) translated to a JS RegExp with the `u` flag, plus Go's
// match iteration rules (FindAll, ReplaceAll, Split, Expand) on top of it.
import { SprigError } from "./errors.js";
import { toLowerRune, toUpperRune } from "./unicode.js";

/** A compiled Go regular expression. */
export interface GoRegexp {
  /** The Go source. */
  readonly expr: string;
  /** The translated JS regexp (flags `gu`, `i` when the whole expression is case-insensitive). */
  readonly re: RegExp;
  /** Named groups → group index. */
  readonly names: ReadonlyMap<string, number>;
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

type Range = [number, number];

const PERL_CLASSES: Record<string, Range[]> = {
  d: [[0x30, 0x39]],
  s: [[9, 10], [12, 13], [32, 32]],
  w: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
};

const POSIX: Record<string, Range[]> = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  ascii: [[0, 0x7f]],
  blank: [[9, 9], [32, 32]],
  cntrl: [[0, 0x1f], [0x7f, 0x7f]],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  space: [[9, 13], [32, 32]],
  upper: [[0x41, 0x5a]],
  word: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a], [0x5f, 0x5f]],
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};

const u = (cp: number): string => `\\u{${cp.toString(16)}}`;

function negate(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

function foldRanges(ranges: Range[]): Range[] {
  const out: Range[] = [...ranges];
  for (const [lo, hi] of ranges) {
    if (hi - lo > 2000) continue;
    for (let c = lo; c <= hi; c++) {
      const ch = String.fromCodePoint(c);
      for (const v of [toLowerRune(ch), toUpperRune(ch)]) {
        const cp = v.codePointAt(0)!;
        if (cp !== c) out.push([cp, cp]);
      }
      if (c === 0x6b || c === 0x4b) out.push([0x212a, 0x212a]);
      if (c === 0x73 || c === 0x53) out.push([0x17f, 0x17f]);
    }
  }
  return out;
}

function emitRanges(ranges: Range[]): string {
  return ranges.map(([lo, hi]) => (lo === hi ? u(lo) : `${u(lo)}-${u(hi)}`)).join("");
}

class Parser {
  pos = 0;
  groups = 0;
  names = new Map<string, number>();
  constructor(
    readonly src: string,
    readonly globalI: boolean,
  ) {}

  err(code: string, arg: string): never {
    throw new SprigError("SprigRegexInvalid", `error parsing regexp: ${code}: \`${arg}\``);
  }

  peek(): string | undefined {
    return this.src[this.pos];
  }

  /** Parses alternatives until `)` or the end; returns JS source. */
  parseAlt(flags: Flags, depth: number): string {
    const branches: string[] = [];
    let cur = "";
    let lastAtomStart = -1; // index in `cur` where the last repeatable atom starts
    let lastWasRepeat = "";
    const f = { ...flags };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos]!;
      if (c === "|") {
        this.pos++;
        branches.push(cur);
        cur = "";
        lastAtomStart = -1;
        lastWasRepeat = "";
        continue;
      }
      if (c === ")") {
        if (depth === 0) this.err("unexpected )", this.src);
        break;
      }
      const start = this.pos;
      const rep = this.parseRepeatOp(f);
      if (rep !== undefined) {
        const text = this.src.slice(start, this.pos);
        if (lastWasRepeat) this.err("invalid nested repetition operator", lastWasRepeat + text);
        if (lastAtomStart < 0) this.err("missing argument to repetition operator", text);
        const atom = cur.slice(lastAtomStart);
        cur = cur.slice(0, lastAtomStart) + `(?:${atom})` + rep;
        lastWasRepeat = text;
        continue;
      }
      lastWasRepeat = "";
      if (c === "\\" && this.src[this.pos + 1] === "Q") {
        // \Q…\E: each char is its own atom (a following * applies to the last one).
        const end = this.src.indexOf("\\E", this.pos + 2);
        const lit = end < 0 ? this.src.slice(this.pos + 2) : this.src.slice(this.pos + 2, end);
        this.pos = end < 0 ? this.src.length : end + 2;
        for (const ch of lit) {
          lastAtomStart = cur.length;
          cur += this.literal(ch.codePointAt(0)!, f);
        }
        continue;
      }
      const atom = this.parseAtom(f, depth);
      if (atom === null) {
        lastAtomStart = -1;
        continue;
      }
      lastAtomStart = cur.length;
      cur += atom;
    }
    branches.push(cur);
    return branches.join("|");
  }

  /** A repetition operator at pos, as JS text, or undefined. */
  parseRepeatOp(f: Flags): string | undefined {
    const c = this.src[this.pos];
    let op: string;
    if (c === "*" || c === "+" || c === "?") {
      this.pos++;
      op = c;
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m) return undefined;
      const min = Number(m[1]);
      const max = m[3] === undefined ? min : m[3] === "" ? -1 : Number(m[3]);
      if (min > 1000 || max > 1000 || (max >= 0 && max < min)) this.err("invalid repeat count", m[0]);
      this.pos += m[0].length;
      op = m[0];
    } else return undefined;
    let lazy = false;
    if (this.src[this.pos] === "?") {
      this.pos++;
      lazy = true;
    }
    if (f.U) lazy = !lazy;
    return op + (lazy ? "?" : "");
  }

  /** One atom as JS source; null for a flag group that produced nothing. */
  parseAtom(f: Flags, depth: number): string | null {
    const c = this.src[this.pos]!;
    switch (c) {
      case "(":
        return this.parseGroup(f, depth);
      case "[":
        return this.parseClass(f);
      case ".":
        this.pos++;
        return f.s ? "[\\s\\S]" : "[^\\n]";
      case "^":
        this.pos++;
        return f.m ? "(?<![^\\n])" : "^";
      case "$":
        this.pos++;
        return f.m ? "(?![^\\n])" : "$";
      case "\\":
        return this.parseEscapeAtom(f);
    }
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return this.literal(cp, f);
  }

  literal(cp: number, f: Flags): string {
    if (f.i && !this.globalI) {
      const ranges = foldRanges([[cp, cp]]);
      if (ranges.length > 1) return `[${emitRanges(ranges)}]`;
    }
    const ch = String.fromCodePoint(cp);
    return /[0-9A-Za-z]/.test(ch) ? ch : u(cp);
  }

  parseGroup(f: Flags, depth: number): string | null {
    const start = this.pos;
    this.pos++;
    if (this.src[this.pos] !== "?") {
      this.groups++;
      return "(" + this.parseGroupBody(f, depth, start) + ")";
    }
    const rest = this.src.slice(this.pos);
    const named = /^\?P?<([^>]*)>/.exec(rest);
    if (named && (rest.startsWith("?P<") || rest.startsWith("?<"))) {
      const name = named[1]!;
      if (!/^[A-Za-z0-9_]+$/.test(name)) this.err("invalid named capture", this.src.slice(start, this.pos + named[0].length));
      this.pos += named[0].length;
      this.groups++;
      if (!this.names.has(name)) this.names.set(name, this.groups);
      return "(" + this.parseGroupBody(f, depth, start) + ")";
    }
    // Flags: (?flags) or (?flags:re)
    this.pos++;
    const nf = { ...f };
    let neg = false;
    let sawFlag = false;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.err("missing closing )", this.src.slice(start));
      this.pos++;
      if (c === "i" || c === "m" || c === "s" || c === "U") {
        nf[c] = !neg;
        sawFlag = true;
      } else if (c === "-" && !neg) {
        neg = true;
        sawFlag = false;
      } else if (c === ":" || c === ")") {
        if (neg && !sawFlag) this.err("invalid or unsupported Perl syntax", this.src.slice(start, this.pos));
        if (c === ")") {
          Object.assign(f, nf);
          return null;
        }
        return "(?:" + this.parseGroupBody(nf, depth, start) + ")";
      } else this.err("invalid or unsupported Perl syntax", this.src.slice(start, this.pos));
    }
  }

  parseGroupBody(f: Flags, depth: number, start: number): string {
    const body = this.parseAlt({ ...f }, depth + 1);
    if (this.src[this.pos] !== ")") this.err("missing closing )", this.src.slice(start));
    this.pos++;
    return body;
  }

  parseEscapeAtom(f: Flags): string {
    const start = this.pos;
    const c = this.src[this.pos + 1];
    if (c === undefined) throw new SprigError("SprigRegexInvalid", "error parsing regexp: trailing backslash at end of expression: ``");
    switch (c) {
      case "A":
        this.pos += 2;
        return "^";
      case "z":
        this.pos += 2;
        return "$";
      case "b":
        this.pos += 2;
        return "\\b";
      case "B":
        this.pos += 2;
        return "\\B";
    }
    const cls = this.maybeClassEscape(f);
    if (cls !== undefined) return `[${cls.neg ? "^" : ""}${cls.body}]`;
    this.pos = start;
    return this.literal(this.parseEscapeChar(), f);
  }

  /** `\d \s \w \p{..}` and negations at pos: the class body (JS, inside brackets). */
  maybeClassEscape(f: Flags): { neg: boolean; body: string } | undefined {
    const c = this.src[this.pos + 1]!;
    const lower = c.toLowerCase();
    if ((lower === "d" || lower === "s" || lower === "w") && "dswDSW".includes(c)) {
      this.pos += 2;
      const r = PERL_CLASSES[lower]!;
      return { neg: c !== lower, body: emitRanges(f.i && !this.globalI && lower === "w" ? foldRanges(r) : r) };
    }
    if (c === "p" || c === "P") {
      const start = this.pos;
      let name: string;
      if (this.src[this.pos + 2] === "{") {
        const end = this.src.indexOf("}", this.pos + 3);
        if (end < 0) this.err("invalid character class range", this.src.slice(start));
        name = this.src.slice(this.pos + 3, end);
        this.pos = end + 1;
      } else {
        const cp = this.src.codePointAt(this.pos + 2);
        if (cp === undefined) this.err("invalid character class range", this.src.slice(start));
        name = String.fromCodePoint(cp);
        this.pos += 2 + name.length;
      }
      let neg = c === "P";
      if (name.startsWith("^")) (neg = !neg), (name = name.slice(1));
      return { neg, body: unicodeClass(name, () => this.err("invalid character class range", this.src.slice(start, this.pos))) };
    }
    return undefined;
  }

  /** A single escaped character (not a class): Go's parseEscape. */
  parseEscapeChar(): number {
    const start = this.pos;
    const c = this.src[this.pos + 1]!;
    this.pos += 2;
    if (c >= "0" && c <= "7") {
      // \0 and \1-\7 followed by another octal digit are octal; a lone \1-\7 is a backreference.
      if (c !== "0" && !/[0-7]/.test(this.src[this.pos] ?? "")) this.err("invalid escape sequence", this.src.slice(start, this.pos));
      let v = c.charCodeAt(0) - 48;
      for (let k = 0; k < 2 && /[0-7]/.test(this.src[this.pos] ?? ""); k++) v = v * 8 + (this.src.charCodeAt(this.pos++) - 48);
      return v;
    }
    switch (c) {
      case "x": {
        if (this.src[this.pos] === "{") {
          const end = this.src.indexOf("}", this.pos);
          const hex = end < 0 ? "" : this.src.slice(this.pos + 1, end);
          if (!/^[0-9A-Fa-f]+$/.test(hex) || parseInt(hex, 16) > 0x10ffff) this.err("invalid escape sequence", this.src.slice(start, end < 0 ? this.src.length : end + 1));
          this.pos = end + 1;
          return parseInt(hex, 16);
        }
        const hex = this.src.slice(this.pos, this.pos + 2);
        if (!/^[0-9A-Fa-f]{2}$/.test(hex)) this.err("invalid escape sequence", this.src.slice(start, this.pos + hex.length));
        this.pos += 2;
        return parseInt(hex, 16);
      }
      case "a":
        return 7;
      case "f":
        return 12;
      case "n":
        return 10;
      case "r":
        return 13;
      case "t":
        return 9;
      case "v":
        return 11;
    }
    const cp = c.charCodeAt(0);
    if (cp < 0x80 && !/[0-9A-Za-z]/.test(c)) return cp;
    this.err("invalid escape sequence", this.src.slice(start, this.pos));
  }

  parseClass(f: Flags): string {
    const start = this.pos;
    this.pos++;
    let neg = false;
    if (this.src[this.pos] === "^") (neg = true), this.pos++;
    const ranges: Range[] = [];
    const extra: string[] = [];
    let first = true;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.err("missing closing ]", this.src.slice(start));
      if (c === "]" && !first) break;
      first = false;
      if (c === "[" && this.src[this.pos + 1] === ":") {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos));
        if (m) {
          const r = POSIX[m[2]!];
          if (!r) this.err("invalid character class range", m[0]);
          this.pos += m[0].length;
          const rr = f.i && !this.globalI ? foldRanges(r) : r;
          ranges.push(...(m[1] ? negate(rr) : rr));
          continue;
        }
      }
      if (c === "\\") {
        const cls = this.maybeClassEscape(f);
        if (cls !== undefined) {
          if (cls.neg) extra.push(`[^${cls.body}]`);
          else extra.push(cls.body);
          continue;
        }
      }
      const itemStart = this.pos;
      const lo = this.classChar(start);
      let hi = lo;
      if (this.src[this.pos] === "-" && this.src[this.pos + 1] !== "]" && this.src[this.pos + 1] !== undefined) {
        this.pos++;
        hi = this.classChar(start);
        if (hi < lo) this.err("invalid character class range", this.src.slice(itemStart, this.pos));
      }
      ranges.push([lo, hi]);
    }
    this.pos++;
    const rr = f.i && !this.globalI ? foldRanges(ranges) : ranges;
    let body = emitRanges(rr);
    // Negated sub-classes inside a class need the v-flag; express them as an alternation instead.
    const negSubs = extra.filter((e) => e.startsWith("[^"));
    body += extra.filter((e) => !e.startsWith("[^")).join("");
    if (negSubs.length === 0) return body === "" ? (neg ? "[\\s\\S]" : "[]") : `[${neg ? "^" : ""}${body}]`;
    const alts = [...(body ? [`[${body}]`] : []), ...negSubs];
    const any = `(?:${alts.join("|")})`;
    return neg ? `(?:(?!${any})[\\s\\S])` : any;
  }

  classChar(classStart: number): number {
    const c = this.src[this.pos];
    if (c === undefined) this.err("missing closing ]", this.src.slice(classStart));
    if (c === "\\") {
      if (this.src[this.pos + 1] === undefined) throw new SprigError("SprigRegexInvalid", "error parsing regexp: trailing backslash at end of expression: ``");
      return this.parseEscapeChar();
    }
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }
}

const GENERAL = /^(C|Cc|Cf|Co|Cs|L|Ll|Lm|Lo|Lt|Lu|M|Mc|Me|Mn|N|Nd|Nl|No|P|Pc|Pd|Pe|Pf|Pi|Po|Ps|S|Sc|Sk|Sm|So|Z|Zl|Zp|Zs)$/;

function unicodeClass(name: string, bad: () => never): string {
  if (name === "Any") return "\\u{0}-\\u{10ffff}";
  const p = GENERAL.test(name) ? `\\p{${name}}` : `\\p{Script=${name}}`;
  try {
    new RegExp(p, "u");
  } catch {
    bad();
  }
  return p;
}

/** Translates a Go regular expression to JS; throws SprigError (SprigRegexInvalid) like regexp.Compile. */
function translate(expr: string): GoRegexp {
  const m = /^\(\?([imsU]*)i([imsU]*)\)/.exec(expr);
  const globalI = m !== null && !/\(\?[imsU]*-[imsU]*i/.test(expr);
  const p = new Parser(expr, globalI);
  const flags: Flags = { i: globalI, m: false, s: false, U: false };
  const src = p.parseAlt(flags, 0);
  if (p.pos < expr.length) p.err("unexpected )", expr);
  try {
    return { expr, re: new RegExp(src, globalI ? "gui" : "gu"), names: p.names };
  } catch (e) {
    throw new SprigError("SprigRegexInvalid", `error parsing regexp: ${(e as Error).message}: \`${expr}\``);
  }
}

const cache = new Map<string, GoRegexp | SprigError>();

/** regexp.Compile with a cache (templates call the same expressions over and over). */
export function compile(expr: string): GoRegexp {
  let r = cache.get(expr);
  if (r === undefined) {
    try {
      r = translate(expr);
    } catch (e) {
      if (!(e instanceof SprigError)) throw e;
      r = e;
    }
    if (cache.size > 5000) cache.clear();
    cache.set(expr, r);
  }
  if (r instanceof SprigError) throw r;
  return r;
}

/** regexp.MustCompile: the panic message Go prints. */
export function mustCompile(expr: string): GoRegexp {
  try {
    return compile(expr);
  } catch (e) {
    const msg = (e as Error).message;
    throw new SprigError("SprigRegexInvalid", `regexp: Compile(${JSON.stringify(expr)}): ${msg}`);
  }
}

function execAt(g: GoRegexp, s: string, pos: number): RegExpExecArray | null {
  g.re.lastIndex = pos;
  return g.re.exec(s);
}

function runeWidth(s: string, pos: number): number {
  const c = s.charCodeAt(pos);
  return c >= 0xd800 && c <= 0xdbff && pos + 1 < s.length ? 2 : 1;
}

/** Go's allMatches: successive non-overlapping matches, skipping an empty match right after a match. */
export function findAll(g: GoRegexp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  if (n < 0) n = s.length + 1;
  let pos = 0;
  let prevEnd = -1;
  while (out.length < n && pos <= s.length) {
    const m = execAt(g, s, pos);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (end === start) {
      if (start === prevEnd) accept = false;
      pos = start >= s.length ? s.length + 1 : start + runeWidth(s, start);
    } else pos = end;
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

/** Regexp.FindString */
export function findString(g: GoRegexp, s: string): string {
  const m = execAt(g, s, 0);
  return m ? m[0] : "";
}

/** Regexp.MatchString */
export function matchString(g: GoRegexp, s: string): boolean {
  return execAt(g, s, 0) !== null;
}

/** Regexp.Expand of a `$1`, `${name}` template for one match. */
export function expand(g: GoRegexp, template: string, m: RegExpExecArray): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const d = template.indexOf("$", i);
    if (d < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, d);
    i = d + 1;
    if (template[i] === "$") {
      out += "$";
      i++;
      continue;
    }
    let name: string | undefined;
    if (template[i] === "{") {
      const mm = /^\{([A-Za-z0-9_]+)\}/.exec(template.slice(i));
      if (mm) (name = mm[1]), (i += mm[0].length);
    } else {
      const mm = /^[A-Za-z0-9_]+/.exec(template.slice(i));
      if (mm) (name = mm[0]), (i += mm[0].length);
    }
    if (name === undefined) {
      out += "$";
      continue;
    }
    let idx: number | undefined;
    if (/^[0-9]+$/.test(name)) idx = name.length > 9 ? undefined : Number(name);
    else idx = g.names.get(name);
    if (idx !== undefined && idx < m.length) out += m[idx] ?? "";
  }
  return out;
}

/** Regexp.ReplaceAllString / ReplaceAllLiteralString. */
export function replaceAll(g: GoRegexp, s: string, repl: string, literal: boolean): string {
  let out = "";
  let lastEnd = 0;
  let searchPos = 0;
  while (searchPos <= s.length) {
    const m = execAt(g, s, searchPos);
    if (!m) break;
    const a0 = m.index;
    const a1 = a0 + m[0].length;
    out += s.slice(lastEnd, a0);
    if (a1 > lastEnd || a0 === 0) out += literal ? repl : expand(g, repl, m);
    lastEnd = a1;
    const width = searchPos < s.length ? runeWidth(s, searchPos) : 1;
    if (searchPos + width > a1) searchPos += width;
    else if (searchPos + 1 > a1) searchPos++;
    else searchPos = a1;
  }
  return out + s.slice(lastEnd);
}

/** Regexp.Split */
export function split(g: GoRegexp, s: string, n: number): string[] | null {
  if (n === 0) return null;
  if (g.expr.length > 0 && s.length === 0) return [""];
  const matches = findAll(g, s, n);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** regexp.QuoteMeta */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}
