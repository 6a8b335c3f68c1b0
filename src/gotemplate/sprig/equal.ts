import { GoStruct, isMap } from "../value.js";

/** reflect.DeepEqual over the value model (types must match: 1 (int) ≠ 1.0 (float64)). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a !== typeof b) return false;
  if (typeof a !== "object") return false; // primitives already compared (NaN ≠ NaN as in Go)
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Uint8Array) {
    if (!(b instanceof Uint8Array) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (isMap(a)) {
    if (!isMap(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !deepEqual(a[k], b[k])) return false;
    return true;
  }
  if (a instanceof GoStruct) {
    if (!(b instanceof GoStruct) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    const ra = a as unknown as Record<string, unknown>;
    const rb = b as unknown as Record<string, unknown>;
    for (const k of Object.keys(ra)) if (!deepEqual(ra[k], rb[k])) return false;
    return true;
  }
  return false;
}

/** Sprig's `empty`: nil, zero numbers, false, empty strings/slices/maps; structs never. */
export function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  switch (typeof v) {
    case "string":
      return v.length === 0;
    case "boolean":
      return !v;
    case "number":
      return v === 0;
    case "bigint":
      return v === 0n;
    case "function":
      return false;
  }
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (v instanceof GoStruct) return false;
  if (isMap(v)) {
    for (const _ in v) return false;
    return true;
  }
  return false;
}

/** copystructure.Copy: a deep copy of maps and slices (structs and scalars shared). */
export function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (v instanceof Uint8Array) return new Uint8Array(v);
  if (isMap(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = deepCopy(v[k]);
    return out;
  }
  return v;
}
