import { isDeepStrictEqual } from "node:util";
import type { KubeObject } from "../model/object.js";
import { project } from "./drift.js";
import { normalizeObject } from "./normalize.js";

/**
 * True when a desired object needs no dry run to be planned `noop`: it renders exactly as the
 * previous revision recorded it, and the live object still holds every field of it (with berth's
 * ownership metadata) — nothing would change, so there is nothing to validate. Applying it again
 * is what the plan would skip anyway. Anything else (a changed object, drift, a field the server
 * rewrites) is dry-run as usual, so a `false` costs only a request.
 *
 * @param rendered - the object as rendered now, before ownership metadata
 * @param recorded - the same object as the previous revision recorded it
 * @param desired - `rendered` as it would be applied (ownership metadata, cleaned)
 * @param live - the live object
 */
export function unchangedSincePrevious(rendered: KubeObject, recorded: KubeObject, desired: KubeObject, live: KubeObject): boolean {
  if (!isDeepStrictEqual(rendered, recorded)) return false;
  const want = normalizeObject(asStored(desired));
  return isDeepStrictEqual(project(normalizeObject(live), want), want);
}

/** A Secret's `stringData` as the server stores it: base64 in `data` (stringData wins); other objects as they are. */
function asStored(object: KubeObject): KubeObject {
  const stringData = object["stringData"];
  if (object.apiVersion !== "v1" || object.kind !== "Secret" || stringData === null || typeof stringData !== "object") return object;
  const data: Record<string, unknown> = { ...((object["data"] as Record<string, unknown> | undefined) ?? {}) };
  for (const [key, value] of Object.entries(stringData)) data[key] = Buffer.from(String(value), "utf8").toString("base64");
  const { stringData: _, ...rest } = object;
  return { ...rest, data } as KubeObject;
}
