import type { KubeObject } from "../model/object.js";
import { clonePlain } from "../util/plain-data.js";

const SERVER_METADATA = ["managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "selfLink"];

/** Annotations the server or kubectl set: never part of a diff. */
export const SERVER_ANNOTATIONS: readonly string[] = [
  "deployment.kubernetes.io/revision",
  "kubectl.kubernetes.io/last-applied-configuration",
];

/**
 * A copy of an object without server-managed noise: `status`, `metadata.managedFields`,
 * `resourceVersion`, `uid`, `creationTimestamp`, `generation`, `selfLink`, server-set annotations;
 * empty `annotations`/`labels` maps are dropped.
 */
export function normalizeObject(object: KubeObject): KubeObject {
  // Copy only what is kept: managedFields and status are most of a live object and are dropped anyway.
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    if (key === "status") continue;
    if (key !== "metadata") {
      kept[key] = object[key];
      continue;
    }
    const metadata: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(object.metadata)) if (!SERVER_METADATA.includes(k)) metadata[k] = v;
    kept[key] = metadata;
  }
  const copy = clonePlain(kept) as KubeObject;
  const metadata = copy.metadata;
  if (metadata.annotations) {
    for (const key of SERVER_ANNOTATIONS) delete metadata.annotations[key];
    if (Object.keys(metadata.annotations).length === 0) delete metadata.annotations;
  }
  if (metadata.labels && Object.keys(metadata.labels).length === 0) delete metadata.labels;
  return copy;
}

/** Every key of an object and its nested objects sorted, so printed forms are byte-stable. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}
