// Go's unicode predicates and simple (one rune to one rune) case mappings over code points.

const SPACE = /^[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const TITLE = /^\p{Lt}$/u;
const LETTER = /^\p{L}$/u;
const NUMBER = /^\p{N}$/u;
const DIGIT = /^\p{Nd}$/u;
const PUNCT = /^\p{P}$/u;

const ASCII_PUNCT = /^[!-#%-*,-/:;?@[-\]_{}]$/;

/** unicode.IsSpace */
export const isSpace = (c: string): boolean => (c < "\x80" ? c === " " || (c >= "\t" && c <= "\r") : SPACE.test(c));
/** unicode.IsUpper */
export const isUpper = (c: string): boolean => (c >= "A" && c <= "Z") || (c > "\x7f" && UPPER.test(c));
/** unicode.IsLower */
export const isLower = (c: string): boolean => (c >= "a" && c <= "z") || (c > "\x7f" && LOWER.test(c));
/** unicode.IsTitle */
export const isTitle = (c: string): boolean => c > "\x7f" && TITLE.test(c);
/** unicode.IsLetter */
export const isLetter = (c: string): boolean => (c < "\x80" ? (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") : LETTER.test(c));
/** unicode.IsNumber */
export const isNumber = (c: string): boolean => (c < "\x80" ? c >= "0" && c <= "9" : NUMBER.test(c));
/** unicode.IsDigit */
export const isDigit = (c: string): boolean => (c < "\x80" ? c >= "0" && c <= "9" : DIGIT.test(c));
/** unicode.IsPunct */
export const isPunct = (c: string): boolean => (c < "\x80" ? ASCII_PUNCT.test(c) : PUNCT.test(c));

function single(c: string, mapped: string): string {
  // Go maps rune to rune; JS may expand (ß → SS): keep the rune then.
  return mapped.length === c.length || [...mapped].length === 1 ? mapped : c;
}

/** unicode.ToUpper of one code point. */
export function toUpperRune(c: string): string {
  if (c < "\x80") return c >= "a" && c <= "z" ? String.fromCharCode(c.charCodeAt(0) - 32) : c;
  return single(c, c.toUpperCase());
}

/** unicode.ToLower of one code point. */
export function toLowerRune(c: string): string {
  if (c < "\x80") return c >= "A" && c <= "Z" ? String.fromCharCode(c.charCodeAt(0) + 32) : c;
  if (c === "\u0130") return "i";
  return single(c, c.toLowerCase());
}

const TITLES: Record<string, string> = {
  "\u01c4": "\u01c5", "\u01c5": "\u01c5", "\u01c6": "\u01c5",
  "\u01c7": "\u01c8", "\u01c8": "\u01c8", "\u01c9": "\u01c8",
  "\u01ca": "\u01cb", "\u01cb": "\u01cb", "\u01cc": "\u01cb",
  "\u01f1": "\u01f2", "\u01f2": "\u01f2", "\u01f3": "\u01f2",
};

/** unicode.ToTitle of one code point. */
export function toTitleRune(c: string): string {
  return TITLES[c] ?? toUpperRune(c);
}

/** strings.ToUpper */
export function goUpper(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.toUpperCase();
  let out = "";
  for (const c of s) out += toUpperRune(c);
  return out;
}

/** strings.ToLower */
export function goLower(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  let out = "";
  for (const c of s) out += toLowerRune(c);
  return out;
}

const TRIM_SPACE = /^[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** strings.TrimSpace */
export function trimSpace(s: string): string {
  return s.replace(TRIM_SPACE, "");
}
