// Go's regexp (RE2 syntax, Perl flags) translated to a JS RegExp with the `u` flag, plus Go's
// match iteration rules (FindAll, ReplaceAll, Split, Expand) on top of it.
import { SprigError, SprigRegexInvalid } from "./errors.js";
import type { Flags } from "./re2-classes.js";
import { Parser } from "./re2-parse.js";

/** A compiled Go regular expression. */
export interface GoRegexp {
  /** The Go source. */
  readonly expr: string;
  /** The translated JS regexp (flags `gu`, `i` when the whole expression is case-insensitive). */
  readonly re: RegExp;
  /** Named groups → group index. */
  readonly names: ReadonlyMap<string, number>;
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
    throw new SprigRegexInvalid(`error parsing regexp: ${(e as Error).message}: \`${expr}\``);
  }
}

const cache = new Map<string, GoRegexp | SprigError>();

/** Forgets the compiled expressions (for benchmarks that time cold renders). @internal */
export function clearRegexpCache(): void {
  cache.clear();
}

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
    throw new SprigRegexInvalid(`regexp: Compile(${JSON.stringify(expr)}): ${msg}`);
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
