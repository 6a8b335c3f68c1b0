// dario.cat/mergo v1.0.1 semantics for map[string]interface{} (Sprig's merge / mergeOverwrite).
import { isMap } from "../value.js";
import { isEmpty } from "./equal.js";

const isSlice = (v: unknown): boolean => Array.isArray(v) || v instanceof Uint8Array;

/**
 * Merges src into dst in place, as mergo.Merge (overwrite=false: only keys missing or empty in
 * dst are set) or mergo.MergeWithOverwrite does. Nested maps merge recursively; slices and other
 * values are taken whole (by reference, as Go does); nil src values are skipped unless overwriting.
 */
export function mergeMaps(dst: Record<string, unknown>, src: Record<string, unknown>, overwrite: boolean): void {
  for (const key of Object.keys(src)) {
    const s = src[key];
    const has = Object.prototype.hasOwnProperty.call(dst, key);
    const d = has ? dst[key] : undefined;
    if (s === null || s === undefined) {
      if (overwrite) dst[key] = null;
      continue;
    }
    if (isMap(s)) {
      if (has && isMap(d)) mergeMaps(d, s, overwrite);
    } else if (isSlice(s)) {
      let ds: unknown = !has || d === null || d === undefined ? [] : d;
      if (overwrite || isEmpty(dst)) ds = s;
      dst[key] = ds;
    }
    if (has && !isEmpty(d)) {
      if (isSlice(s)) continue;
      if (isMap(s) && isMap(d)) continue;
    }
    if (overwrite || !has || isEmpty(d)) dst[key] = s;
  }
}
