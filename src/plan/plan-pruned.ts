import { ownerOf, RESOURCE_POLICY_ANNOTATION } from "../model/ownership.js";
import type { KubeObject } from "../model/object.js";
import type { PlanContext } from "./context.js";
import { getLive } from "./dry-run.js";
import { liveDigest } from "./digest.js";
import { diffValues } from "./field-diff.js";
import { normalizeObject, sortKeys } from "./normalize.js";
import { objectId } from "./object-id.js";
import { refOf } from "../model/ref.js";
import type { ObjectPlan } from "./plan-desired.js";
import { redactChanges, redactDocument } from "./redact.js";
import { sensitivityOf } from "./sensitive.js";
import type { PlanAction } from "./types.js";

/**
 * Plans an object of the previous revision that is no longer desired: `delete`; `keep` under
 * `helm.sh/resource-policy: keep`; `noop` when it is already gone or another release owns it now.
 */
export async function planPruned(ctx: PlanContext, recorded: KubeObject): Promise<ObjectPlan> {
  const ref = refOf(recorded);
  const id = objectId(ref);
  const live = await getLive(ctx, ref);
  const base = { id, ref, category: "object" as const, liveResourceVersion: live ? String(live.metadata["resourceVersion"] ?? "") : null, liveDigest: live ? liveDigest(live) : null };
  const policy = live?.metadata.annotations?.[RESOURCE_POLICY_ANNOTATION] ?? recorded.metadata.annotations?.[RESOURCE_POLICY_ANNOTATION];
  const owner = live && ownerOf(live);
  let action: PlanAction;
  if (!live) action = { ...base, op: "noop", diff: [], note: "already absent from the cluster" };
  else if (policy === "keep") action = { ...base, op: "keep", diff: [], note: `${RESOURCE_POLICY_ANNOTATION}: keep` };
  else if (owner && (owner.name !== ctx.release.name || owner.namespace !== ctx.release.namespace)) {
    action = { ...base, op: "noop", diff: [], note: `now owned by release ${owner.namespace}/${owner.name}; not deleted` };
  } else {
    const s = sensitivityOf([recorded, live], ctx.valueStrings);
    const before = normalizeObject(live);
    action = { ...base, op: "delete", diff: redactChanges(diffValues(before, undefined), s), before: sortKeys(redactDocument(before, undefined, s, "before")) };
  }
  return { action, problems: [] };
}
