/**
 * Go text/template's builtin functions (funcs.go) over the value model. Builtins that take
 * `reflect.Value` in Go see the raw value: `undefined` is Go's invalid value, `null` a nil
 * interface — their error texts differ, as Go's do.
 */
import { formatValue, sprint, sprintf, sprintln } from "./fmt.js";
import { isPrintRune } from "./quote.js";
import { compareKeys, isMap, truth, typeName } from "./value.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An error a builtin reports (becomes `error calling NAME: MSG`). */
export class BuiltinError extends Error {}

const enum Kind {
  Invalid,
  Bool,
  Int,
  Float,
  String,
}

function basicKind(v: unknown): Kind {
  switch (typeof v) {
    case "boolean":
      return Kind.Bool;
    case "bigint":
      return Kind.Int;
    case "number":
      return Kind.Float;
    case "string":
      return Kind.String;
  }
  return Kind.Invalid;
}

const isNilish = (v: unknown): boolean => v === null || v === undefined;

/** The type name after Go's indirect(): a pointer to a struct names the struct. */
function derefType(v: unknown): string {
  return typeName(v).replace(/^\*/, "");
}

function comparable(v: unknown): boolean {
  return !(Array.isArray(v) || isMap(v) || v instanceof Uint8Array || typeof v === "function");
}

/** Go's `eq arg1 arg2...`. */
export function eq(arg1: unknown, ...arg2: unknown[]): boolean {
  if (arg2.length === 0) throw new BuiltinError("missing argument for comparison");
  const k1 = basicKind(arg1);
  for (const arg of arg2) {
    const k2 = basicKind(arg);
    let t = false;
    if (k1 !== k2) {
      if (!isNilish(arg1) && !isNilish(arg))
        throw new BuiltinError(`incompatible types for comparison: ${typeName(arg1)} and ${typeName(arg)}`);
    } else if (k1 !== Kind.Invalid) {
      t = arg1 === arg;
    } else {
      const kindOf1 = isNilish(arg1) ? "nil" : Array.isArray(arg1) ? "slice" : isMap(arg1) ? "map" : "other";
      const kindOf2 = isNilish(arg) ? "nil" : Array.isArray(arg) ? "slice" : isMap(arg) ? "map" : "other";
      if (kindOf1 !== kindOf2 && kindOf1 !== "nil" && kindOf2 !== "nil")
        throw new BuiltinError(`non-comparable types ${sprintf("%s", arg1)}: ${typeName(arg1)}, ${typeName(arg)}: ${formatValue(arg)}`);
      if (isNilish(arg1) || isNilish(arg)) t = isNilish(arg1) === isNilish(arg);
      else {
        if (!comparable(arg)) throw new BuiltinError(`non-comparable type ${sprintf("%s", arg)}: ${typeName(arg)}`);
        t = arg1 === arg;
      }
    }
    if (t) return true;
  }
  return false;
}

/** Go's `ne`. */
export function ne(a: unknown, b: unknown): boolean {
  return !eq(a, b);
}

/** Go's `lt`. */
export function lt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  if (k1 === Kind.Invalid) throw new BuiltinError("invalid type for comparison");
  const k2 = basicKind(b);
  if (k2 === Kind.Invalid) throw new BuiltinError("invalid type for comparison");
  if (k1 !== k2) throw new BuiltinError(`incompatible types for comparison: ${typeName(a)} and ${typeName(b)}`);
  switch (k1) {
    case Kind.Bool:
      throw new BuiltinError("invalid type for comparison");
    case Kind.String:
      return compareKeys(a as string, b as string) < 0;
    default:
      return (a as number) < (b as number);
  }
}

/** Go's `le`. */
export function le(a: unknown, b: unknown): boolean {
  return lt(a, b) || eq(a, b);
}

/** Go's `gt`. */
export function gt(a: unknown, b: unknown): boolean {
  return !le(a, b);
}

/** Go's `ge`. */
export function ge(a: unknown, b: unknown): boolean {
  return !lt(a, b);
}

/** Go's `not`. */
export function not(a: unknown): boolean {
  return !truth(a);
}

/**
 * An argument whose static Go type is interface{} (read from a map or slice). `slice` does not
 * unwrap its indexes, so Go rejects such an index as `type interface {}`.
 */
export class BoxedArg {
  /** @param value - the value inside the interface */
  constructor(readonly value: unknown) {}
}

function indexArg(index: unknown, cap: number): number {
  if (index instanceof BoxedArg) throw new BuiltinError("cannot index slice/array with type interface {}");
  if (typeof index === "bigint") {
    if (index < 0n || index > BigInt(cap)) throw new BuiltinError(`index out of range: ${index}`);
    return Number(index);
  }
  if (isNilish(index)) throw new BuiltinError("cannot index slice/array with nil");
  throw new BuiltinError(`cannot index slice/array with type ${typeName(index)}`);
}

function utf8Len(s: string): number {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return encoder.encode(s).length;
  return s.length;
}

/** Go's `index item idx...`. */
export function index(item: unknown, ...indexes: unknown[]): unknown {
  if (isNilish(item)) throw new BuiltinError("index of untyped nil");
  for (const idx of indexes) {
    if (item === null) throw new BuiltinError("index of nil pointer");
    if (Array.isArray(item) || item instanceof Uint8Array) {
      const x = indexArg(idx, item.length);
      if (x >= item.length) throw new BuiltinError("reflect: slice index out of range");
      item = item instanceof Uint8Array ? BigInt(item[x]!) : item[x];
      if (item === undefined) item = null;
    } else if (typeof item === "string") {
      const bytes = encoder.encode(item);
      const x = indexArg(idx, bytes.length);
      if (x >= bytes.length) throw new BuiltinError("reflect: string index out of range");
      item = BigInt(bytes[x]!);
    } else if (isMap(item)) {
      if (isNilish(idx)) throw new BuiltinError("value is nil; should be of type string");
      if (typeof idx !== "string") throw new BuiltinError(`value has type ${typeName(idx)}; should be string`);
      const v = Object.hasOwn(item, idx) ? item[idx] : undefined;
      item = v === undefined ? null : v;
    } else {
      throw new BuiltinError(`can't index item of type ${derefType(item)}`);
    }
  }
  return item;
}

/** Go's `slice item idx...`. */
export function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (isNilish(item)) throw new BuiltinError("slice of untyped nil");
  if (indexes.length > 3) throw new BuiltinError(`too many slice indexes: ${indexes.length}`);
  let len: number;
  let bytes: Uint8Array | undefined;
  if (typeof item === "string") {
    if (indexes.length === 3) throw new BuiltinError("cannot 3-index slice a string");
    len = utf8Len(item);
    if (len !== item.length) bytes = encoder.encode(item);
  } else if (Array.isArray(item) || item instanceof Uint8Array) len = item.length;
  else throw new BuiltinError(`can't slice item of type ${derefType(item)}`);
  const idx = [0, len, len];
  indexes.forEach((x, i) => (idx[i] = indexArg(x, len)));
  if (idx[0]! > idx[1]!) throw new BuiltinError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new BuiltinError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === "string") return bytes ? decoder.decode(bytes.subarray(idx[0], idx[1])) : item.slice(idx[0], idx[1]);
  return item.slice(idx[0], idx[1]);
}

/** Go's `len`. */
export function length(item: unknown): bigint {
  if (item === undefined) throw new BuiltinError("reflect: call of reflect.Value.Type on zero Value");
  if (item === null) throw new BuiltinError("len of nil pointer");
  if (typeof item === "string") return BigInt(utf8Len(item));
  if (Array.isArray(item) || item instanceof Uint8Array) return BigInt(item.length);
  if (isMap(item)) return BigInt(Object.keys(item).length);
  throw new BuiltinError(`len of type ${derefType(item)}`);
}

/** Go's `call fn args...` (the callee name is used in messages). */
export function call(name: string, fn: unknown, ...args: unknown[]): unknown {
  if (isNilish(fn)) throw new BuiltinError("call of nil");
  if (typeof fn !== "function") throw new BuiltinError(`non-function ${name} of type ${typeName(fn)}`);
  return (fn as (...a: unknown[]) => unknown)(...args.map((a) => (a === undefined ? null : a)));
}

function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  return sprint(...args.map((a) => (isNilish(a) ? "<no value>" : a)));
}

/** Go's `html`. */
export function html(...args: unknown[]): string {
  const s = evalArgs(args);
  if (!/['"&<>\0]/.test(s)) return s;
  return s.replace(/['"&<>\0]/g, (c) =>
    c === "'" ? "&#39;" : c === '"' ? "&#34;" : c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "\uFFFD",
  );
}

/** Go's `js`. */
export function js(...args: unknown[]): string {
  const s = evalArgs(args);
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80) out += isPrintRune(c) ? ch : "\\u" + c.toString(16).toUpperCase().padStart(4, "0");
    else if (c === 92) out += "\\\\";
    else if (c === 39) out += "\\'";
    else if (c === 34) out += '\\"';
    else if (c === 60) out += "\\u003C";
    else if (c === 62) out += "\\u003E";
    else if (c === 38) out += "\\u0026";
    else if (c === 61) out += "\\u003D";
    else if (c < 0x20) out += "\\u00" + c.toString(16).toUpperCase().padStart(2, "0");
    else out += ch;
  }
  return out;
}

/** Go's `urlquery` (url.QueryEscape). */
export function urlquery(...args: unknown[]): string {
  let out = "";
  for (const b of encoder.encode(evalArgs(args))) {
    if ((b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 45 || b === 95 || b === 46 || b === 126)
      out += String.fromCharCode(b);
    else if (b === 32) out += "+";
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** Go's `print`. */
export const print = (...args: unknown[]): string => sprint(...args);
/** Go's `printf`. */
export const printf = (format: unknown, ...args: unknown[]): string => sprintf(format as string, ...args);
/** Go's `println`. */
export const println = (...args: unknown[]): string => sprintln(...args);

/** Parameter kinds of builtins: `value` is Go's reflect.Value (raw), `any` interface{}, `string`. */
export type BuiltinParam = "value" | "any" | "string";

/** A builtin: implementation and Go signature. */
export interface Builtin {
  readonly fn: (...args: unknown[]) => unknown;
  readonly params: readonly BuiltinParam[];
  readonly variadic?: BuiltinParam;
}

/** Go's builtin function table. */
export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ["and", { fn: () => undefined, params: ["value"], variadic: "value" }],
  ["or", { fn: () => undefined, params: ["value"], variadic: "value" }],
  ["call", { fn: call as (...a: unknown[]) => unknown, params: ["value"], variadic: "value" }],
  ["html", { fn: html, params: [], variadic: "any" }],
  ["index", { fn: index, params: ["value"], variadic: "value" }],
  ["slice", { fn: slice, params: ["value"], variadic: "value" }],
  ["js", { fn: js, params: [], variadic: "any" }],
  ["len", { fn: length, params: ["value"] }],
  ["not", { fn: not, params: ["value"] }],
  ["print", { fn: print, params: [], variadic: "any" }],
  ["printf", { fn: printf, params: ["string"], variadic: "any" }],
  ["println", { fn: println, params: [], variadic: "any" }],
  ["urlquery", { fn: urlquery, params: [], variadic: "any" }],
  ["eq", { fn: eq, params: ["value"], variadic: "value" }],
  ["ge", { fn: ge, params: ["value", "value"] }],
  ["gt", { fn: gt, params: ["value", "value"] }],
  ["le", { fn: le, params: ["value", "value"] }],
  ["lt", { fn: lt, params: ["value", "value"] }],
  ["ne", { fn: ne, params: ["value", "value"] }],
]);

/** True for a GoStruct method name visible to templates (exported). */
export function isExported(name: string): boolean {
  const c = name.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c > 127 && name[0] !== name[0]!.toLowerCase());
}

