// Go's regexp syntax (RE2, Perl flags) parsed and emitted as JS RegExp source (u flag): alternation,
// repetition and groups; escapes and classes are in re2-escape.ts.
import type { Flags } from "./re2-classes.js";
import { Re2Cursor } from "./re2-escape.js";

/** Go's regexp/syntax parser, emitting JS source as it goes. */
export class Parser extends Re2Cursor {
  groups = 0;
  names = new Map<string, number>();

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










}
