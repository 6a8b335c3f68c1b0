import { formatValue } from "../fmt.js";
import type { GoFunc } from "../value.js";
import { fromBytes, int, isAscii, sig, str, strslice, strval, tagType, toBytes } from "./conv.js";
import { fail } from "./errors.js";
import { goQuote } from "../quote.js";
import { goLower, goUpper, isLetter, isDigit, isLower, isSpace, isTitle, isUpper, toLowerRune, toTitleRune, toUpperRune, trimSpace } from "./unicode.js";
import { toKebabCase, toPascalCase, toSnakeCase } from "./xstrings.js";

/** strings.Trim(s, cutset): strips runes of cutset from both ends. */
function trimCutset(s: string, cutset: string): string {
  if (s === "" || cutset === "") return s;
  const set = new Set(cutset);
  const cs = [...s];
  let a = 0;
  let b = cs.length;
  while (a < b && set.has(cs[a]!)) a++;
  while (b > a && set.has(cs[b - 1]!)) b--;
  return cs.slice(a, b).join("");
}

/** strings.Replace(src, old, new, -1), including Go's empty-`old` rule. */
export function replaceAll(src: string, old: string, repl: string): string {
  if (old === "") return repl + [...src].map((c) => c + repl).join("");
  return src.split(old).join(repl);
}

/** strings.Split(s, sep): an empty sep splits into runes. */
export function goSplit(s: string, sep: string, n = -1): string[] {
  if (n === 0) return [];
  if (sep === "") {
    const runes = [...s];
    if (n < 0 || n >= runes.length) return runes;
    return [...runes.slice(0, n - 1), runes.slice(n - 1).join("")];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

function splitDict(parts: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  parts.forEach((p, i) => (out["_" + i] = p));
  return tagType(out, "map[string]string");
}

/** Sprig's trunc: byte-based, negative counts keep the end. */
export function trunc(c: number, s: string): string {
  const ascii = isAscii(s);
  const b = ascii ? s : toBytes(s);
  let r = b;
  if (c < 0 && b.length + c > 0) r = b.slice(b.length + c);
  else if (c >= 0 && b.length > c) r = b.slice(0, c);
  return r === b ? s : ascii ? r : fromBytes(r);
}

/** Sprig's substr: byte-based Go slicing that panics out of range. */
export function substring(start: number, end: number, s: string): string {
  const b = toBytes(s);
  const bounds = (lo: number, hi: number): string => {
    if (lo < 0 || hi > b.length || lo > hi) fail(`runtime error: slice bounds out of range [${lo}:${hi}]`);
    return fromBytes(b.slice(lo, hi));
  };
  if (start < 0) return bounds(0, end);
  if (end < 0 || end > b.length) return bounds(start, b.length);
  return bounds(start, end);
}

/** strings.Title: title-cases the first letter of each word. */
export function goTitle(s: string): string {
  let prev = " ";
  let out = "";
  for (const c of s) {
    out += isSeparator(prev) ? toTitleRune(c) : c;
    prev = c;
  }
  return out;
}

function isSeparator(c: string): boolean {
  if (c <= "\x7f") return !/[0-9A-Za-z_]/.test(c);
  if (isLetter(c) || isDigit(c)) return false;
  return isSpace(c);
}

/** goutils.Uncapitalize: lower-cases the first rune of each whitespace-separated word. */
function untitle(s: string): string {
  let next = true;
  let out = "";
  for (const c of s) {
    if (isSpace(c)) (next = true), (out += c);
    else if (next) (out += toLowerRune(c)), (next = false);
    else out += c;
  }
  return out;
}

/** goutils.SwapCase */
function swapcase(s: string): string {
  let ws = true;
  let out = "";
  for (const c of s) {
    if (isUpper(c) || isTitle(c)) (out += toLowerRune(c)), (ws = false);
    else if (isLower(c)) {
      out += ws ? toTitleRune(c) : toUpperRune(c);
      ws = false;
    } else (out += c), (ws = isSpace(c));
  }
  return out;
}

const BYTE_SPACE = new Set([9, 10, 11, 12, 13, 32, 0x85, 0xa0]);

/** goutils.DeleteWhiteSpace: byte-wise, as Go's code does (non-ASCII input is re-encoded per byte). */
function nospace(s: string): string {
  const b = toBytes(s);
  let out = "";
  let removed = false;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (BYTE_SPACE.has(c)) removed = true;
    else out += b[i];
  }
  return removed ? out : s;
}

/** goutils.Initials (byte-wise over whitespace-separated words). */
function initials(s: string): string {
  const b = toBytes(s);
  let out = "";
  let gap = true;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    const delim = c < 0x80 ? isSpace(b[i]!) : c === 0x85 || c === 0xa0;
    if (delim) gap = true;
    else if (gap) (out += b[i]), (gap = false);
  }
  return out;
}

/** goutils.AbbreviateFull; undefined where Go returns an error. */
function abbreviateFull(s: string, offset: number, maxWidth: number): string | undefined {
  if (s === "") return "";
  if (maxWidth < 4) return undefined;
  if (s.length <= maxWidth) return s;
  if (offset > s.length) offset = s.length;
  if (s.length - offset < maxWidth - 3) offset = s.length - (maxWidth - 3);
  if (offset <= 4) return s.slice(0, maxWidth - 3) + "...";
  if (maxWidth < 7) return undefined;
  if (offset + maxWidth - 3 < s.length) return "..." + (abbreviateFull(s.slice(offset), 0, maxWidth - 3) ?? "");
  return "..." + s.slice(s.length - (maxWidth - 3));
}

function abbrev(width: number, s: string): string {
  if (width < 4) return s;
  return fromBytes(abbreviateFull(toBytes(s), 0, width) ?? "");
}

function abbrevboth(left: number, right: number, s: string): string {
  if (right < 4 || (left > 0 && right < 7)) return s;
  return fromBytes(abbreviateFull(toBytes(s), left, right) ?? "");
}

/** goutils.WrapCustom (byte-based). */
export function wrapCustom(input: string, wrapLength: number, newLine: string, wrapLong: boolean): string {
  if (input === "") return "";
  if (newLine === "") newLine = "\n";
  if (wrapLength < 1) wrapLength = 1;
  const s = toBytes(input);
  const nl = toBytes(newLine);
  let offset = 0;
  let out = "";
  while (s.length - offset > wrapLength) {
    if (s[offset] === " ") {
      offset++;
      continue;
    }
    const end = wrapLength + offset + 1;
    const at = s.slice(offset, end).lastIndexOf(" ") + offset;
    if (at >= offset) {
      out += s.slice(offset, at) + nl;
      offset = at + 1;
    } else if (wrapLong) {
      out += s.slice(offset, wrapLength + offset) + nl;
      offset += wrapLength;
    } else {
      const e = wrapLength + offset;
      const idx = s.slice(e).indexOf(" ");
      if (idx === -1) {
        out += s.slice(offset);
        offset = s.length;
      } else {
        out += s.slice(offset, idx + e) + nl;
        offset = idx + e + 1;
      }
    }
  }
  return fromBytes(out + s.slice(offset));
}

function indent(spaces: number, v: string): string {
  if (spaces < 0) fail("strings: negative Repeat count");
  const pad = " ".repeat(spaces);
  return pad + v.replaceAll("\n", "\n" + pad);
}

function repeat(count: number, s: string): string {
  if (count < 0) fail("strings: negative Repeat count");
  return s.repeat(count);
}

const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function quoteOne(s: string): string {
  return PLAIN.test(s) ? `"${s}"` : goQuote(s);
}

function quote(...args: unknown[]): string {
  if (args.length === 1) return args[0] === null || args[0] === undefined ? "" : quoteOne(strval(args[0]));
  const out: string[] = [];
  for (const a of args) if (a !== null && a !== undefined) out.push(quoteOne(strval(a)));
  return out.join(" ");
}

function squote(...args: unknown[]): string {
  const out: string[] = [];
  for (const a of args) if (a !== null && a !== undefined) out.push(`'${formatValue(a)}'`);
  return out.join(" ");
}

function cat(...args: unknown[]): string {
  return args
    .filter((a) => a !== null && a !== undefined)
    .map((a) => formatValue(a))
    .join(" ");
}

function shuffle(s: string): string {
  const r = [...s];
  for (let i = r.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [r[i], r[j]] = [r[j]!, r[i]!];
  }
  return r.join("");
}

/** Sprig's string functions. */
export function stringFunctions(): Record<string, GoFunc> {
  const S = "string" as const;
  const I = "int" as const;
  return {
    abbrev: sig([I, S], (w, s) => abbrev(int(w), str(s))),
    abbrevboth: sig([I, I, S], (l, r, s) => abbrevboth(int(l), int(r), str(s))),
    trunc: sig([I, S], (c, s) => trunc(int(c), str(s))),
    trim: sig([S], (s) => trimSpace(str(s))),
    upper: sig([S], (s) => goUpper(str(s))),
    lower: sig([S], (s) => goLower(str(s))),
    title: sig([S], (s) => goTitle(str(s))),
    untitle: sig([S], (s) => untitle(str(s))),
    substr: sig([I, I, S], (a, b, s) => substring(int(a), int(b), str(s))),
    repeat: sig([I, S], (c, s) => repeat(int(c), str(s))),
    trimall: sig([S, S], (a, b) => trimCutset(str(b), str(a))),
    trimAll: sig([S, S], (a, b) => trimCutset(str(b), str(a))),
    trimSuffix: sig([S, S], (a, b) => {
      const suf = str(a);
      const s = str(b);
      return suf !== "" && s.endsWith(suf) ? s.slice(0, s.length - suf.length) : s;
    }),
    trimPrefix: sig([S, S], (a, b) => {
      const pre = str(a);
      const s = str(b);
      return pre !== "" && s.startsWith(pre) ? s.slice(pre.length) : s;
    }),
    nospace: sig([S], (s) => nospace(str(s))),
    initials: sig([S], (s) => initials(str(s))),
    swapcase: sig([S], (s) => swapcase(str(s))),
    shuffle: sig([S], (s) => shuffle(str(s))),
    snakecase: sig([S], (s) => toSnakeCase(str(s))),
    camelcase: sig([S], (s) => toPascalCase(str(s))),
    kebabcase: sig([S], (s) => toKebabCase(str(s))),
    wrap: sig([I, S], (l, s) => wrapCustom(str(s), int(l), "", false)),
    wrapWith: sig([I, S, S], (l, sep, s) => wrapCustom(str(s), int(l), str(sep), true)),
    contains: sig([S, S], (sub, s) => str(s).includes(str(sub))),
    hasPrefix: sig([S, S], (sub, s) => str(s).startsWith(str(sub))),
    hasSuffix: sig([S, S], (sub, s) => str(s).endsWith(str(sub))),
    quote: sig([], quote, "any"),
    squote: sig([], squote, "any"),
    cat: sig([], cat, "any"),
    indent: sig([I, S], (n, v) => indent(int(n), str(v))),
    nindent: sig([I, S], (n, v) => "\n" + indent(int(n), str(v))),
    replace: sig([S, S, S], (o, n, s) => replaceAll(str(s), str(o), str(n))),
    plural: sig([S, S, I], (one, many, n) => (int(n) === 1 ? str(one) : str(many))),
    toString: sig(["any"], (v) => strval(v)),
    split: sig([S, S], (sep, s) => splitDict(goSplit(str(s), str(sep)))),
    splitList: sig([S, S], (sep, s) => tagType(goSplit(str(s), str(sep)), "[]string")),
    splitn: sig([S, I, S], (sep, n, s) => splitDict(goSplit(str(s), str(sep), int(n)))),
    toStrings: sig(["any"], (v) => tagType(strslice(v), "[]string")),
    join: sig([S, "any"], (sep, v) => strslice(v).join(str(sep))),
  };
}
