import { formatValue } from "../fmt.js";
import { GoStruct, withSignature, type GoFunc, type GoFuncSignature, type GoParamType } from "../value.js";

/** Sprig's `strval`: strings as is, []byte decoded, errors and Stringers by their method, else `%v`. */
export function strval(v: unknown): string {
  if (typeof v === "string") return v;
  if (v instanceof Uint8Array) return utf8Decode(v);
  if (v instanceof Error) return v.message;
  if (v instanceof GoStruct) {
    const m = (v as unknown as Record<string, unknown>)["Error"] ?? (v as unknown as Record<string, unknown>)["String"];
    if (typeof m === "function") return String(m.call(v));
  }
  return formatValue(v);
}

/** Sprig's `strslice` (`toStrings`, `join`): every non-nil element as {@link strval}. */
export function strslice(v: unknown): string[] {
  if (Array.isArray(v)) {
    const out: string[] = [];
    for (const e of v) if (e !== null && e !== undefined) out.push(strval(e));
    return out;
  }
  if (v instanceof Uint8Array) return Array.from(v, (b) => String(b));
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

/** A Go `int` parameter as a JS number (the engine passes bigint; tests may pass numbers). */
export function int(v: unknown): number {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") return Math.trunc(v);
  return 0;
}

/** A Go `string` parameter (the engine has checked it). */
export function str(v: unknown): string {
  return typeof v === "string" ? v : v === null || v === undefined ? "" : strval(v);
}

/** A Go `map[string]interface{}` parameter: the object, or null for a nil map. */
export function dictArg(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof GoStruct)
    ? (v as Record<string, unknown>)
    : null;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** UTF-8 bytes → string (invalid sequences become U+FFFD, where Go keeps raw bytes). */
export function utf8Decode(b: Uint8Array): string {
  return decoder.decode(b);
}

/** string → UTF-8 bytes. */
export function utf8Encode(s: string): Uint8Array {
  return encoder.encode(s);
}

const ASCII = /^[\x00-\x7f]*$/;

/** True when every char is ASCII, so JS indexes equal Go's byte offsets. */
export function isAscii(s: string): boolean {
  return ASCII.test(s);
}

/** A string as a Latin-1 "byte string" (one JS char per UTF-8 byte) for Go's byte-indexed code. */
export function toBytes(s: string): string {
  return isAscii(s) ? s : Buffer.from(s, "utf8").toString("latin1");
}

/** The inverse of {@link toBytes}. */
export function fromBytes(b: string): string {
  return isAscii(b) ? b : Buffer.from(b, "latin1").toString("utf8");
}

const P = (t: GoParamType): GoParamType => t;

/** Shorthand for a signed function: `sig(["string", "int"], fn)`, `sig([], fn, "any")`. */
export function sig(params: readonly GoParamType[], fn: GoFunc, variadic?: GoParamType): GoFunc {
  const s: GoFuncSignature = variadic === undefined ? { params: params.map(P) } : { params: params.map(P), variadic };
  return withSignature(s, fn);
}

/** Marks a value Sprig returns with its Go type when the value model cannot tell (`[]string`, `[]int`, `map[string]string`). */
export const GO_TYPE: unique symbol = Symbol.for("berth.gotemplate.goType");

/** Tags v with a Go type name for `typeOf` (non-enumerable; invisible otherwise). */
export function tagType<T extends object>(v: T, name: string): T {
  Object.defineProperty(v, GO_TYPE, { value: name, enumerable: false });
  return v;
}

/** The Go type tagged by {@link tagType}, if any. */
export function taggedType(v: unknown): string | undefined {
  return v !== null && typeof v === "object" ? ((v as { [GO_TYPE]?: string })[GO_TYPE]) : undefined;
}
