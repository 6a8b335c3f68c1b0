import { sortedKeys, type GoFunc } from "../value.js";
import { dictArg, sig, str, strval, tagType } from "./conv.js";
import { fail } from "./errors.js";
import { mergeMaps } from "./mergo.js";

const M = "map[string]interface {}" as const;
const S = "string" as const;
const has = (d: Record<string, unknown>, k: string): boolean => Object.prototype.hasOwnProperty.call(d, k);

function merge(overwrite: boolean) {
  return (dst: unknown, ...srcs: unknown[]): unknown => {
    let d = dictArg(dst);
    for (const s of srcs) {
      const src = dictArg(s);
      if (d === null && src !== null) d = {};
      if (d !== null && src !== null) mergeMaps(d, src, overwrite);
    }
    return d ?? {}; // Go returns a typed nil map, which prints map[]
  };
}

function newMap(): Record<string, unknown> {
  return {};
}

/** Sprig's dict functions over map[string]interface{} (plain objects; nil maps as null). */
export function dictFunctions(): Record<string, GoFunc> {
  return {
    dict: sig(
      [],
      (...v) => {
        const d = newMap();
        for (let i = 0; i < v.length; i += 2) d[strval(v[i])] = i + 1 < v.length ? v[i + 1] : "";
        return d;
      },
      "any",
    ),
    get: sig([M, S], (d, k) => {
      const m = dictArg(d);
      return m !== null && has(m, str(k)) ? m[str(k)] : "";
    }),
    set: sig([M, S, "any"], (d, k, v) => {
      const m = dictArg(d);
      if (m === null) fail("assignment to entry in nil map");
      m[str(k)] = v;
      return m;
    }),
    unset: sig([M, S], (d, k) => {
      const m = dictArg(d);
      if (m === null) return {}; // Go returns the typed nil map, which prints map[]
      delete m[str(k)];
      return m;
    }),
    hasKey: sig([M, S], (d, k) => {
      const m = dictArg(d);
      return m !== null && has(m, str(k));
    }),
    pluck: sig(
      [S],
      (k, ...ds) => {
        const out: unknown[] = [];
        for (const d of ds) {
          const m = dictArg(d);
          if (m !== null && has(m, str(k))) out.push(m[str(k)]);
        }
        return out;
      },
      M,
    ),
    // Go's map order is random; sorted is one of its possible outcomes and is deterministic.
    keys: sig(
      [],
      (...ds) => {
        const out: string[] = [];
        for (const d of ds) {
          const m = dictArg(d);
          if (m !== null) out.push(...sortedKeys(m));
        }
        return tagType(out, "[]string");
      },
      M,
    ),
    pick: sig(
      [M],
      (d, ...ks) => {
        const m = dictArg(d);
        const out = newMap();
        for (const k of ks) if (m !== null && has(m, str(k))) out[str(k)] = m[str(k)];
        return out;
      },
      S,
    ),
    omit: sig(
      [M],
      (d, ...ks) => {
        const m = dictArg(d);
        const drop = new Set(ks.map(str));
        const out = newMap();
        if (m !== null) for (const k of Object.keys(m)) if (!drop.has(k)) out[k] = m[k];
        return out;
      },
      S,
    ),
    values: sig([M], (d) => {
      const m = dictArg(d);
      return m === null ? [] : sortedKeys(m).map((k) => m[k]);
    }),
    merge: sig([M], merge(false), M),
    mustMerge: sig([M], merge(false), M),
    mergeOverwrite: sig([M], merge(true), M),
    mustMergeOverwrite: sig([M], merge(true), M),
  };
}

