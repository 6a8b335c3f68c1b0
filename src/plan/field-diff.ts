import type { ValuePath } from "./paths.js";

/** One leaf that differs; `before`/`after` absent = the leaf was added/removed. */
export interface RawChange {
  readonly path: ValuePath;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Structural equality of JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function isContainer(value: unknown): value is Record<string | number, unknown> {
  return value !== null && typeof value === "object";
}

/**
 * Every leaf that differs between two JSON values, in sorted key order. Objects and lists are
 * descended into (lists by index), also when one side is absent, so each entry is a leaf (or an
 * empty object/list); a type change (object ↔ scalar) is one entry.
 */
export function diffValues(before: unknown, after: unknown, path: ValuePath = []): RawChange[] {
  if (deepEqual(before, after)) return [];
  const bothLists = Array.isArray(before) && Array.isArray(after);
  const bothMaps = isContainer(before) && isContainer(after) && !Array.isArray(before) && !Array.isArray(after);
  if (bothLists || bothMaps) return diffChildren(before as Record<string | number, unknown>, after as Record<string | number, unknown>, path);
  if (!isContainer(before) && !isContainer(after) && before !== undefined && after !== undefined) return [{ path, before, after }];
  return [...leaves(before, path, "before"), ...leaves(after, path, "after")];
}

function diffChildren(before: Record<string | number, unknown>, after: Record<string | number, unknown>, path: ValuePath): RawChange[] {
  const out: RawChange[] = [];
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      out.push(...pair(before, after, i, path));
    }
    return out;
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const key of keys) out.push(...pair(before, after, key, path));
  return out;
}

function pair(before: Record<string | number, unknown>, after: Record<string | number, unknown>, key: string | number, path: ValuePath): RawChange[] {
  const inBefore = Object.hasOwn(before, key);
  const inAfter = Object.hasOwn(after, key);
  const sub = [...path, key];
  if (inBefore && inAfter) return diffValues(before[key], after[key], sub);
  return inBefore ? leaves(before[key], sub, "before") : leaves(after[key], sub, "after");
}

/** The leaves of one side only (an added or removed subtree), each as a change. */
function leaves(value: unknown, path: ValuePath, side: "before" | "after"): RawChange[] {
  if (value === undefined) return [];
  const entries = isContainer(value) ? (Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.keys(value).sort().map((k) => [k, value[k]] as const)) : [];
  if (entries.length === 0) return [side === "before" ? { path, before: value } : { path, after: value }];
  return entries.flatMap(([k, v]) => leaves(v, [...path, k], side));
}
