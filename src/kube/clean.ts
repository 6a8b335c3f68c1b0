import type { KubeObject } from "../model/object.js";

/**
 * A copy of `object` with what server-side apply rejects or mis-handles removed:
 * `null`-valued fields at any depth (Helm's three-way merge tolerated them, SSA does not),
 * `status`, and empty or server-owned metadata (`creationTimestamp: null`, empty `resourceVersion`/`uid`,
 * `managedFields`). Pure: the input is never changed.
 */
export function cleanForApply(object: KubeObject): KubeObject {
  const copy = withoutNulls(object) as KubeObject;
  delete copy["status"];
  const metadata = (copy.metadata ?? {}) as Record<string, unknown>;
  for (const field of ["creationTimestamp", "resourceVersion", "uid"] as const) {
    if (metadata[field] === "") delete metadata[field];
  }
  delete metadata["managedFields"];
  return copy;
}

/** A deep copy without `null` values in mappings; `null` items of arrays are dropped too. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== null).map(withoutNulls);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === null || item === undefined) continue;
      out[key] = withoutNulls(item);
    }
    return out;
  }
  return value;
}
