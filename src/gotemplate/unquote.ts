/**
 * Go's strconv.Unquote / UnquoteChar for template literals. Throws "invalid syntax" like Go.
 */

/** The error strconv returns for bad literals. */
export class SyntaxErr extends Error {
  constructor() {
    super("invalid syntax");
  }
}

const HEX = /^[0-9a-fA-F]$/;

/**
 * Decodes one (possibly escaped) character at `i` of `s` inside quotes `quote`.
 * Returns the bytes (for \x and octal escapes) or a code point, and the next index.
 */
function unquoteChar(s: string, i: number, quote: string): { cp?: number; byte?: number; next: number } {
  const c = s[i]!;
  if (c === quote && (quote === "'" || quote === '"')) throw new SyntaxErr();
  if (c !== "\\") {
    const cp = s.codePointAt(i)!;
    return { cp, next: i + (cp > 0xffff ? 2 : 1) };
  }
  if (i + 1 >= s.length) throw new SyntaxErr();
  const e = s[i + 1]!;
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92 };
  if (e in simple) return { cp: simple[e]!, next: i + 2 };
  if (e === "'" || e === '"') {
    if (e !== quote) throw new SyntaxErr();
    return { cp: e.charCodeAt(0), next: i + 2 };
  }
  if (e === "x" || e === "u" || e === "U") {
    const n = e === "x" ? 2 : e === "u" ? 4 : 8;
    const h = s.slice(i + 2, i + 2 + n);
    if (h.length < n || ![...h].every((d) => HEX.test(d))) throw new SyntaxErr();
    const v = parseInt(h, 16);
    if (e === "x") return { byte: v, next: i + 2 + n };
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new SyntaxErr();
    return { cp: v, next: i + 2 + n };
  }
  if (e >= "0" && e <= "7") {
    const o = s.slice(i + 1, i + 4);
    if (!/^[0-7]{3}$/.test(o)) throw new SyntaxErr();
    const v = parseInt(o, 8);
    if (v > 255) throw new SyntaxErr();
    return { byte: v, next: i + 4 };
  }
  throw new SyntaxErr();
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** strconv.Unquote of a "…" or `…` literal. */
export function unquote(lit: string): string {
  const q = lit[0];
  if (lit.length < 2 || lit[lit.length - 1] !== q) throw new SyntaxErr();
  const body = lit.slice(1, -1);
  if (q === "`") {
    if (body.includes("`")) throw new SyntaxErr();
    return body.includes("\r") ? body.replace(/\r/g, "") : body;
  }
  if (q !== '"') throw new SyntaxErr();
  if (!body.includes("\\") && !body.includes('"') && !body.includes("\n")) return body;
  if (body.includes("\n")) throw new SyntaxErr();
  const bytes: number[] = [];
  let hasBytes = false;
  let out = "";
  for (let i = 0; i < body.length; ) {
    const r = unquoteChar(body, i, '"');
    if (r.byte !== undefined) {
      hasBytes = true;
      bytes.push(r.byte);
    } else {
      const ch = String.fromCodePoint(r.cp!);
      if (hasBytes) bytes.push(...encoder.encode(ch));
      else out += ch;
    }
    if (!hasBytes && r.byte === undefined) {
      /* plain */
    }
    i = r.next;
    if (hasBytes && out) {
      bytes.unshift(...encoder.encode(out));
      out = "";
    }
  }
  return hasBytes ? decoder.decode(new Uint8Array(bytes)) : out;
}

/** Decodes a character constant `'x'` to its rune value (throws like Go on malformed ones). */
export function unquoteCharConstant(lit: string): number {
  const r = unquoteChar(lit, 1, "'");
  if (lit.slice(r.next) !== "'") throw new Error(`malformed character constant: ${lit}`);
  return r.byte ?? r.cp!;
}
