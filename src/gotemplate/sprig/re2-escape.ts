// The RE2 parser's cursor over a pattern, and the parts of Go's regexp syntax below an atom:
// literals (case folding), escapes and character classes, emitted as JS RegExp source (u flag).
import { SprigRegexInvalid } from "./errors.js";
import { emitRanges, foldRanges, negate, PERL_CLASSES, POSIX, u, unicodeClass, type Flags, type Range } from "./re2-classes.js";

/** A pattern, the parse position in it, and the escape and class parsing the RE2 parser builds on. */
export class Re2Cursor {
  pos = 0;
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

  literal(cp: number, f: Flags): string {
    if (f.i && !this.globalI) {
      const ranges = foldRanges([[cp, cp]]);
      if (ranges.length > 1) return `[${emitRanges(ranges)}]`;
    }
    const ch = String.fromCodePoint(cp);
    return /[0-9A-Za-z]/.test(ch) ? ch : u(cp);
  }  parseEscapeAtom(f: Flags): string {
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
  }  /** `\d \s \w \p{..}` and negations at pos: the class body (JS, inside brackets). */
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
  }  /** A single escaped character (not a class): Go's parseEscape. */
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
  }  parseClass(f: Flags): string {
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
  }  classChar(classStart: number): number {
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
