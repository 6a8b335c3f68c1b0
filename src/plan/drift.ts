import type { KubeObject } from "../model/object.js";
import { diffValues } from "./field-diff.js";
import { normalizeObject } from "./normalize.js";
import { redactChanges } from "./redact.js";
import type { Sensitivity } from "./sensitive.js";
import type { PlanDrift } from "./types.js";

/**
 * The part of `value` that `shape` sets: keys of `shape` only (recursively; lists by index), so
 * fields the server defaults or other managers own are left out of a comparison.
 */
export function project(value: unknown, shape: unknown): unknown {
  if (Array.isArray(shape) && Array.isArray(value)) return value.slice(0, shape.length).map((v, i) => project(v, shape[i]));
  if (isMap(shape) && isMap(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) if (Object.hasOwn(value, key)) out[key] = project(value[key], shape[key]);
    return out;
  }
  return value;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * How the live object differs from what revision `revision` recorded, for the fields the record
 * sets (scalars compared as text: the server prints `cpu: 1` as `"1"`); `undefined` when it matches.
 */
export function driftOf(recorded: KubeObject, live: KubeObject, revision: number, s: Sensitivity): PlanDrift | undefined {
  const want = normalizeObject(recorded);
  const have = project(normalizeObject(live), want);
  const raw = diffValues(want, have).filter((c) => !(isScalar(c.before) && isScalar(c.after) && String(c.before) === String(c.after)));
  if (raw.length === 0) return undefined;
  return { revision, message: `live differs from revision ${revision}`, fields: redactChanges(raw, s) };
}

function isScalar(value: unknown): boolean {
  return value !== undefined && (value === null || typeof value !== "object");
}
