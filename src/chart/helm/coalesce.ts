/**
 * Helm's values coalescing (chartutil.CoalesceValues / MergeValues): user values over chart
 * defaults, recursively into subcharts (under their name), globals copied down, and a `null`
 * user value deleting a default key (coalesce mode only).
 */
import type { HelmChart } from "./chart.js";

/** A values table (`map[string]interface{}`). */
export type Values = Record<string, unknown>;

/** True for a values table. */
export function isTable(v: unknown): v is Values {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/** A deep copy of maps and slices (copystructure.Copy). */
export function deepCopy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepCopy) as T;
  if (isTable(v)) {
    const out: Values = {};
    for (const k of Object.keys(v)) out[k] = deepCopy(v[k]);
    return out as T;
  }
  return v;
}

const GLOBAL = "global";

/** CoalesceValues: a copy of `vals` with the chart's defaults (and its subcharts') filled in. */
export function coalesceValues(chart: HelmChart, vals: Values | null | undefined): Values {
  return coalesce(chart, deepCopy(vals ?? {}), "", false);
}

/** MergeValues: like {@link coalesceValues} but a null never deletes. */
export function mergeValues(chart: HelmChart, vals: Values | null | undefined): Values {
  return coalesce(chart, deepCopy(vals ?? {}), "", true);
}

function prefixed(a: string, b: string): string {
  return a === "" ? b : `${a}.${b}`;
}

function coalesce(ch: HelmChart, dest: Values, prefix: string, merge: boolean): Values {
  coalesceChartValues(ch, dest, prefix, merge);
  return coalesceDeps(ch, dest, prefix, merge);
}

function coalesceDeps(ch: HelmChart, dest: Values, prefix: string, merge: boolean): Values {
  for (const sub of ch.dependencies()) {
    const name = sub.name();
    if (!(name in dest)) dest[name] = {};
    else if (!isTable(dest[name])) throw new Error(`type mismatch on ${name}: %!t(${typeof dest[name]}=${String(dest[name])})`);
    const dv = dest[name] as Values;
    const subPrefix = prefixed(prefix, ch.metadata.Name);
    coalesceGlobals(dv, dest, subPrefix);
    dest[name] = coalesce(sub, dv, subPrefix, merge);
  }
  return dest;
}

function coalesceGlobals(dest: Values, src: Values, prefix: string): void {
  let dg: Values;
  let sg: Values;
  if (!(GLOBAL in dest)) dg = {};
  else if (isTable(dest[GLOBAL])) dg = dest[GLOBAL];
  else return;
  if (!(GLOBAL in src)) sg = {};
  else if (isTable(src[GLOBAL])) sg = src[GLOBAL];
  else return;
  for (const key of Object.keys(sg)) {
    const val = sg[key];
    if (isTable(val)) {
      const vv: Values = { ...val };
      if (!(key in dg)) dg[key] = vv;
      else {
        const destv = dg[key];
        if (isTable(destv)) {
          coalesceTables(vv, destv, prefixed(prefix, key), true);
          dg[key] = vv;
        }
      }
    } else if (key in dg && isTable(dg[key])) {
      // a table is not replaced by a scalar
    } else dg[key] = val;
  }
  dest[GLOBAL] = dg;
}

function coalesceChartValues(c: HelmChart, v: Values, prefix: string, merge: boolean): void {
  const subPrefix = prefixed(prefix, c.metadata.Name);
  const vc = deepCopy(c.values ?? {});
  for (const key of Object.keys(vc)) {
    const val = vc[key];
    if (key in v) {
      const value = v[key];
      if (value === null && !merge) delete v[key];
      else if (isTable(value)) {
        if (isTable(val)) {
          const childMerge = c.dependencies().some((s) => s.name() === key) ? true : merge;
          coalesceTables(value, val, prefixed(subPrefix, key), childMerge);
        }
      }
    } else v[key] = val;
  }
}

/** CoalesceTables: fills `dst` with what `src` has that `dst` lacks (dst wins); a dst null deletes. */
export function coalesceTablesPublic(dst: Values, src: Values): Values {
  return coalesceTables(dst, src, "", false);
}

/** MergeTables: like CoalesceTables, but nulls are kept. */
export function mergeTables(dst: Values, src: Values): Values {
  return coalesceTables(dst, src, "", true);
}

function coalesceTables(dst: Values | null, src: Values | null, prefix: string, merge: boolean): Values {
  if (src === null) return dst ?? {};
  if (dst === null) return src;
  const srcOriginalNonNil = new Set<string>();
  for (const k of Object.keys(src)) if (src[k] !== null) srcOriginalNonNil.add(k);
  for (const k of Object.keys(dst)) if (dst[k] === null) src[k] = null;
  for (const key of Object.keys(src)) {
    const val = src[key];
    const has = key in dst;
    const dv = dst[key];
    if (has && !merge && dv === null && srcOriginalNonNil.has(key)) delete dst[key];
    else if (!has) dst[key] = val;
    else if (isTable(val)) {
      if (isTable(dv)) coalesceTables(dv, val, prefixed(prefix, key), merge);
    }
  }
  return dst;
}
