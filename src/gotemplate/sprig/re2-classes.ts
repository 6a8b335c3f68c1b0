// Character-class tables and helpers for translating Go's RE2 syntax to JS.
import { toLowerRune, toUpperRune } from "./unicode.js";

/** Go's regexp flags in effect (i, m, s, U). */
export interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

/** A code point range [lo, hi]. */
export type Range = [number, number];

/** Go's Perl classes \d \s \w (ASCII). */
export const PERL_CLASSES: Record<string, Range[]> = {
  d: [[0x30, 0x39]],
  s: [[9, 10], [12, 13], [32, 32]],
  w: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
};

/** Go's POSIX classes [:name:]. */
export const POSIX: Record<string, Range[]> = {
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

/** A code point as a JS u-mode escape. */
export const u = (cp: number): string => `\\u{${cp.toString(16)}}`;

/** The complement of ranges over all code points. */
export function negate(ranges: Range[]): Range[] {
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

/** Ranges plus their simple case folds ((?i) where the JS i flag cannot be used). */
export function foldRanges(ranges: Range[]): Range[] {
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

/** Ranges as the body of a JS class. */
export function emitRanges(ranges: Range[]): string {
  return ranges.map(([lo, hi]) => (lo === hi ? u(lo) : `${u(lo)}-${u(hi)}`)).join("");
}

const GENERAL = /^(C|Cc|Cf|Co|Cs|L|Ll|Lm|Lo|Lt|Lu|M|Mc|Me|Mn|N|Nd|Nl|No|P|Pc|Pd|Pe|Pf|Pi|Po|Ps|S|Sc|Sk|Sm|So|Z|Zl|Zp|Zs)$/;

/** \p{Name}: a general category or a script, as a JS u-mode class item. */
export function unicodeClass(name: string, bad: () => never): string {
  if (name === "Any") return "\\u{0}-\\u{10ffff}";
  const p = GENERAL.test(name) ? `\\p{${name}}` : `\\p{Script=${name}}`;
  try {
    new RegExp(p, "u");
  } catch {
    bad();
  }
  return p;
}
