import { createHash } from "node:crypto";
import type { KubeObject } from "../model/object.js";
import { normalizeObject, sortKeys } from "./normalize.js";
import { redactDocument } from "./redact.js";
import { sensitivityOf } from "./sensitive.js";

/**
 * A digest of what berth compares in a live object (no status, no server metadata), sensitive
 * subtrees masked so the digest reveals nothing about them. Status-only writes (a controller
 * updating `status` bumps `resourceVersion`) leave it unchanged; `checkPlanFresh` relies on that.
 */
export function liveDigest(live: KubeObject): string {
  const normalized = normalizeObject(live);
  const masked = redactDocument(normalized, normalized, sensitivityOf([live], []), "after");
  return `sha256:${createHash("sha256").update(JSON.stringify(sortKeys(masked))).digest("hex")}`;
}
