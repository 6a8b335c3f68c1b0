/**
 * go-yaml v2's resolution of plain scalars (YAML 1.1 flavoured: `yes`/`on`/`y` are booleans,
 * `0x1F` and `017` are integers, `2020-01-02` is a timestamp kept as its text).
 */
import { parseGoInt } from "../../gotemplate/value.js";

/** What a plain scalar resolves to. */
export type Resolved =
  | { readonly tag: "str"; readonly value: string }
  | { readonly tag: "bool"; readonly value: boolean }
  | { readonly tag: "null"; readonly value: null }
  | { readonly tag: "int"; readonly value: bigint }
  | { readonly tag: "float"; readonly value: number }
  | { readonly tag: "timestamp"; readonly value: string }
  | { readonly tag: "merge"; readonly value: string };

const MAP = new Map<string, Resolved>();
const add = (r: Resolved, words: string[]): void => words.forEach((w) => MAP.set(w, r));
add({ tag: "bool", value: true }, ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]);
add({ tag: "bool", value: false }, ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]);
add({ tag: "null", value: null }, ["", "~", "null", "Null", "NULL"]);
add({ tag: "float", value: NaN }, [".nan", ".NaN", ".NAN"]);
add({ tag: "float", value: Infinity }, [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]);
add({ tag: "float", value: -Infinity }, ["-.inf", "-.Inf", "-.INF"]);
add({ tag: "merge", value: "<<" }, ["<<"]);

const HINTS = "+-0123456789yYnNtTfFoO~.";
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const UINT64_MAX = (1n << 64n) - 1n;

/** strconv.ParseFloat for the forms go-yaml hands it (decimal, exponent, hex floats, inf/nan words). */
function parseFloatGo(s: string): number | undefined {
  if (/^[+-]?(inf|infinity|nan)$/i.test(s)) {
    const l = s.toLowerCase();
    if (l.endsWith("nan")) return NaN;
    return l.startsWith("-") ? -Infinity : Infinity;
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  return undefined;
}

function parseUint(s: string): bigint | undefined {
  const body = s.startsWith("+") ? s.slice(1) : s;
  if (body.startsWith("-")) return undefined;
  // parseGoInt is limited to int64; retry as unsigned.
  const m = /^(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(body);
  if (!m) return undefined;
  let n: bigint;
  if (/^0[oO]/.test(body)) n = BigInt("0o" + body.slice(2));
  else if (/^0[0-7]+$/.test(body)) n = BigInt("0o" + body.slice(1));
  else n = BigInt(body);
  return n <= UINT64_MAX ? n : undefined;
}

function daysIn(y: number, m: number): number {
  return [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

/** go-yaml v2's parseTimestamp: the few time.Parse layouts it tries. */
export function isTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/.exec(
      s,
    );
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return false;
  const h = Number(m[4] ?? m[7] ?? 0);
  const mi = Number(m[5] ?? m[8] ?? 0);
  const se = Number(m[6] ?? m[9] ?? 0);
  return h < 24 && mi < 60 && se < 60;
}

/** Resolves an untagged plain scalar as go-yaml v2 does. */
export function resolvePlain(s: string): Resolved {
  const c = s[0] ?? "";
  // Only scalars starting with a "hint" character are looked up (so `<<` is a plain string here).
  if (c !== "" && !HINTS.includes(c)) return { tag: "str", value: s };
  const hit = MAP.get(s);
  if (hit) return hit;
  if (c === ".") {
    const f = parseFloatGo(s);
    if (f !== undefined) return { tag: "float", value: f };
    return { tag: "str", value: s };
  }
  if (c === "+" || c === "-" || (c >= "0" && c <= "9")) {
    if (isTimestamp(s)) return { tag: "timestamp", value: s };
    const plain = s.replace(/_/g, "");
    const i = parseGoInt(plain);
    if (i !== undefined) return { tag: "int", value: i };
    const u = parseUint(plain);
    if (u !== undefined) return { tag: "int", value: u };
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = parseFloatGo(plain);
      if (f !== undefined) return { tag: "float", value: f };
    }
    if (plain.startsWith("0b") && /^[01]+$/.test(plain.slice(2))) return { tag: "int", value: BigInt("0b" + plain.slice(2)) };
    if (plain.startsWith("-0b") && /^[01]+$/.test(plain.slice(3))) return { tag: "int", value: -BigInt("0b" + plain.slice(3)) };
  }
  return { tag: "str", value: s };
}

/**
 * True when go-yaml v2's encoder must quote a string: written plain it would read back as
 * something else (a bool, number, null, timestamp, merge key) or as a base-60 float.
 */
export function plainNeedsQuotes(s: string): boolean {
  if (resolvePlain(s).tag !== "str") return true;
  const c = s[0] ?? "";
  return s.includes(":") && (c === "+" || c === "-" || (c >= "0" && c <= "9")) && BASE60_FLOAT.test(s);
}
