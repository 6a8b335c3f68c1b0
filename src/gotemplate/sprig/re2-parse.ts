// Go's regexp syntax (RE2, Perl flags) parsed and emitted as JS RegExp source (u flag).
import { SprigRegexInvalid } from "./errors.js";
import { emitRanges, foldRanges, negate, PERL_CLASSES, POSIX, u, unicodeClass, type Flags, type Range } from "./re2-classes.js";

/** Go's regexp/syntax parser, emitting JS source as it goes. */
export class Parser {
  pos = 0;
  groups = 0;
  names = new Map<string, number>();
  constructor(
    readonly src: string,
    readonly globalI: boolean,
  ) {}

  err(code: string, arg: string): never {
    throw new SprigRegexInvalid(`error parsing regexp: ${code}: \`${arg}\``);
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
    if (c === undefined) throw new SprigRegexInvalid("error parsing regexp: trailing backslash at end of expression: ``");
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
      if (this.src[this.pos + 1] === undefined) throw new SprigRegexInvalid("error parsing regexp: trailing backslash at end of expression: ``");
      return this.parseEscapeChar();
    }
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }
}
