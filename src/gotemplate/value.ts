/**
 * The value model shared by the Go-template engine, Sprig and Helm's functions.
 *
 * Go values in JS: nil → `null` (`undefined` = Go's invalid "no value"), bool → boolean,
 * string → string, float64 → number, int/int64 → bigint, []byte → Uint8Array,
 * slices → arrays, map[string]interface{} → plain objects, structs → {@link GoStruct}.
 */

/** A template function. Errors are reported by throwing. */
export type GoFunc = (...args: unknown[]) => unknown;

/** A template function map (Go's `template.FuncMap`). */
export type GoFuncMap = Record<string, GoFunc>;

/**
 * A Go parameter type the engine can check before calling a function, as Go's exec does:
 * `any` is interface{} (nil and "no value" pass as null); the others reject mismatches with
 * Go's messages (`wrong type for value; expected string; got int`).
 */
export type GoParamType = "any" | "string" | "int" | "int64" | "float64" | "bool" | "[]interface {}" | "map[string]interface {}" | "[]string";

/** A Go function signature: fixed parameters then an optional variadic element type. */
export interface GoFuncSignature {
  /** The fixed parameters, in order. */
  readonly params: readonly GoParamType[];
  /** The element type of a final `...T` parameter; absent when not variadic. */
  readonly variadic?: GoParamType;
}

/**
 * Where a map or slice carries the methods of its Go named type (e.g. Helm's `.Files`,
 * `.Capabilities.APIVersions`): an object of Go-named functions the engine calls for
 * `.Name args…` before treating `Name` as a map key.
 */
export const GO_METHODS: unique symbol = Symbol.for("berth.gotemplate.methods") as never;

/** The property under which {@link withSignature} stores a function's Go signature. */
export const GO_SIGNATURE: unique symbol = Symbol.for("berth.gotemplate.signature");

/** A function carrying its Go signature. */
export type SignedGoFunc = GoFunc & { [GO_SIGNATURE]?: GoFuncSignature };

/**
 * Attaches a Go signature to a template function so the engine checks argument counts
 * (`wrong number of args for X: want N got M`) and types as Go's text/template does.
 */
export function withSignature<F extends GoFunc>(sig: GoFuncSignature, fn: F): F {
  (fn as SignedGoFunc)[GO_SIGNATURE] = sig;
  return fn;
}

/** The Go signature attached to a function by {@link withSignature}, if any. */
export function signatureOf(fn: GoFunc): GoFuncSignature | undefined {
  return (fn as SignedGoFunc)[GO_SIGNATURE];
}

/**
 * The base of every Go struct exposed to templates (`.Chart`, `.Capabilities`, `.Files`…).
 *
 * @remarks
 * Exported Go fields are own properties with Go's names; Go methods are class methods with
 * Go's (capitalised) names. Lower-case members are invisible to templates. Override
 * {@link GoStruct.goTypeName} to name the Go type in messages and `%T` (e.g. `*chart.Metadata`).
 * A `String()` method is used by fmt as Go's `Stringer`.
 */
export abstract class GoStruct {
  /** The Go type as reflect prints it, e.g. `*chart.Metadata`; a leading `*` prints `&{…}`. */
  goTypeName(): string {
    return "struct {}";
  }
}

/** True for a Go map: a plain object (prototype Object.prototype or null). */
export function isMap(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/** True for a Go struct value ({@link GoStruct}). */
export function isStruct(v: unknown): v is GoStruct {
  return v instanceof GoStruct;
}

/** True for Go's nil / invalid value (`null` or `undefined`). */
export function isNil(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

/** Go's reflect kind name of a value, as Sprig's `kindOf` prints it. */
export function kindOf(v: unknown): string {
  if (v === null || v === undefined) return "invalid";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "string":
      return "string";
    case "number":
      return "float64";
    case "bigint":
      return "int";
    case "function":
      return "func";
  }
  if (Array.isArray(v) || v instanceof Uint8Array) return "slice";
  if (v instanceof GoStruct) return v.goTypeName().startsWith("*") ? "ptr" : "struct";
  if (isMap(v)) return "map";
  return "struct";
}

/** Go's reflect type string of a value (`%T`, error messages): `<nil>` for nil. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "string":
      return "string";
    case "number":
      return "float64";
    case "bigint":
      return "int";
    case "function":
      return "func(...interface {}) (interface {}, error)";
  }
  if (v instanceof Uint8Array) return "[]uint8";
  if (Array.isArray(v)) return "[]interface {}";
  if (v instanceof GoStruct) return v.goTypeName();
  if (isMap(v)) return "map[string]interface {}";
  return "struct {}";
}

/**
 * Go's `template.IsTrue`: false for nil, zero numbers, false, empty strings/slices/maps;
 * structs are always true.
 */
export function truth(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  switch (typeof v) {
    case "boolean":
      return v;
    case "string":
      return v.length > 0;
    case "number":
      return v !== 0;
    case "bigint":
      return v !== 0n;
    case "function":
      return true;
  }
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Uint8Array) return v.length > 0;
  if (v instanceof GoStruct) return true;
  if (isMap(v)) {
    for (const _ in v) return true;
    return false;
  }
  return true;
}

/** Compares map keys as Go sorts string keys (byte order of their UTF-8 encoding). */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-16 orders surrogates (astral chars) below U+E000..U+FFFF; UTF-8 orders them above.
    if (x >= 0xd800 && x <= 0xdfff) x += 0x2000;
    else if (x >= 0xe000) x -= 0x800;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x2000;
    else if (y >= 0xe000) y -= 0x800;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** The keys of a Go map in Go's iteration order for templates and fmt (sorted). */
export function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m).sort(compareKeys);
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** Wraps a bigint to int64 as Go's integer arithmetic does. */
export function wrapInt64(n: bigint): bigint {
  return BigInt.asIntN(64, n);
}

/**
 * Parses an integer as Go's `strconv.ParseInt(s, 0, 64)` does (prefixes 0x, 0o, 0b, leading 0
 * for octal, underscores only with a prefix); undefined when invalid or out of range.
 */
export function parseGoInt(s: string): bigint | undefined {
  let i = 0;
  let neg = false;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    i = 1;
  }
  let body = s.slice(i);
  let base = 10;
  const p = body.slice(0, 2).toLowerCase();
  if (p === "0x") (base = 16), (body = body.slice(2));
  else if (p === "0b") (base = 2), (body = body.slice(2));
  else if (p === "0o") (base = 8), (body = body.slice(2));
  else if (body.length > 1 && body[0] === "0") (base = 8), (body = body.slice(1));
  if (body.includes("_")) {
    if (!underscoreOK(s)) return undefined;
    body = body.replace(/_/g, "");
  }
  if (body.length === 0) return undefined;
  const digits = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!digits.test(body)) return undefined;
  let n = base === 10 ? BigInt(body) : BigInt((base === 16 ? "0x" : base === 8 ? "0o" : "0b") + body);
  if (neg) n = -n;
  if (n < INT64_MIN || n > INT64_MAX) return undefined;
  return n;
}

/** Go's strconv underscoreOK: underscores only between digits (or after a base prefix). */
export function underscoreOK(s: string): boolean {
  let saw = "^";
  let i = 0;
  if (s[0] === "-" || s[0] === "+") s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === "0" && "box".includes(s[1]!.toLowerCase())) {
    i = 2;
    saw = "0";
    hex = s[1]!.toLowerCase() === "x";
  }
  for (; i < s.length; i++) {
    const c = s[i]!.toLowerCase();
    if ((c >= "0" && c <= "9") || (hex && c >= "a" && c <= "f")) {
      saw = "0";
      continue;
    }
    if (c === "_") {
      if (saw !== "0") return false;
      saw = "_";
      continue;
    }
    if (saw === "_") return false;
    saw = "!";
  }
  return saw !== "_";
}

/**
 * Parses a float as Go's `strconv.ParseFloat(s, 64)` does (decimal, hex floats, Inf, NaN,
 * underscores); undefined when invalid.
 */
export function parseGoFloat(s: string): number | undefined {
  const t = s.toLowerCase();
  const sign = t.startsWith("-") ? -1 : 1;
  const u = t.replace(/^[+-]/, "");
  if (u === "inf" || u === "infinity") return sign * Infinity;
  if (u === "nan") return NaN;
  let body = u;
  if (body.includes("_")) {
    if (!underscoreOK(s)) return undefined;
    body = body.replace(/_/g, "");
  }
  if (body.startsWith("0x")) {
    const m = /^0x([0-9a-f]*)(?:\.([0-9a-f]*))?p([+-]?\d+)$/.exec(body);
    if (!m || (m[1] === "" && (m[2] ?? "") === "")) return undefined;
    const mant = parseInt((m[1] || "0") + (m[2] ?? ""), 16);
    return sign * mant * Math.pow(2, Number(m[3]) - 4 * (m[2] ?? "").length);
  }
  if (!/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(body)) return undefined;
  return sign * Number(body);
}

/** Removes a trailing `.0…0` as spf13/cast's `trimZeroDecimal` does before integer parsing. */
function trimZeroDecimal(s: string): string {
  const dot = s.indexOf(".");
  if (dot < 0 || dot === s.length - 1) return s;
  for (let i = dot + 1; i < s.length; i++) if (s[i] !== "0") return s;
  return s.slice(0, dot);
}

/** spf13/cast's `ToInt64` as Sprig uses it: unconvertible values give 0. */
export function toInt64(v: unknown): bigint {
  switch (typeof v) {
    case "bigint":
      return wrapInt64(v);
    case "number":
      if (!Number.isFinite(v)) return INT64_MIN;
      return wrapInt64(BigInt(Math.trunc(v)));
    case "boolean":
      return v ? 1n : 0n;
    case "string":
      return parseGoInt(trimZeroDecimal(v)) ?? 0n;
  }
  return 0n;
}

/** spf13/cast's `ToFloat64` as Sprig uses it: unconvertible values give 0. */
export function toFloat64(v: unknown): number {
  switch (typeof v) {
    case "number":
      return v;
    case "bigint":
      return Number(v);
    case "boolean":
      return v ? 1 : 0;
    case "string":
      return parseGoFloat(v) ?? 0;
  }
  return 0;
}

/**
 * spf13/cast's `ToString`: strings, numbers (floats as strconv 'f' shortest), bools,
 * []byte, Stringers; nil and other types give "".
 */
export function toGoString(v: unknown): string {
  switch (typeof v) {
    case "string":
      return v;
    case "boolean":
      return v ? "true" : "false";
    case "bigint":
      return v.toString();
    case "number":
      return formatFloatF(v);
  }
  if (v instanceof Uint8Array) return new TextDecoder().decode(v);
  if (v instanceof GoStruct) {
    const m = (v as unknown as Record<string, unknown>)["String"] ?? (v as unknown as Record<string, unknown>)["Error"];
    if (typeof m === "function") return String(m.call(v));
  }
  return "";
}

/** strconv.FormatFloat(f, 'f', -1, 64): shortest digits, never an exponent. */
export function formatFloatF(f: number): string {
  if (f !== f) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const [mant, expStr] = Math.abs(f).toExponential().split("e") as [string, string];
  const digits = mant.replace(".", "");
  const exp = Number(expStr);
  const sign = f < 0 ? "-" : "";
  if (exp >= digits.length - 1) return sign + digits + "0".repeat(exp - digits.length + 1);
  if (exp >= 0) return sign + digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
  return sign + "0." + "0".repeat(-exp - 1) + digits;
}
