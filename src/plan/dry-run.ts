import { KubeApiError, UnknownKind } from "../kube/errors.js";
import type { KubeObject } from "../model/object.js";
import type { ObjectRef } from "../model/ref.js";
import { groupKind, type PlanContext } from "./context.js";
import { immutableFieldsOf } from "./immutable.js";
import { listKey } from "./prefetch.js";
import { scrubText, type Sensitivity } from "./sensitive.js";
import type { DryRunOutcome } from "./dry-run-outcome.js";

/** Reads the live object (from the prefetched lists when there); a kind the server does not serve yet reads as absent. */
export async function getLive(ctx: PlanContext, ref: ObjectRef): Promise<KubeObject | undefined> {
  const listed = ctx.prefetched.get(listKey(ref));
  if (listed) return listed.get(ref.name);
  try {
    return await ctx.kube.get(ref, ctx.signal ? { signal: ctx.signal } : {});
  } catch (e) {
    if (e instanceof UnknownKind) return undefined;
    throw e;
  }
}

/**
 * Server-side dry-run apply (the same field manager and force as the apply), classified.
 * Network failures and aborts are thrown; the server's refusals are outcomes. The result of an object
 * that does not exist is not compared with anything (a create shows the desired object): only its
 * metadata is asked for.
 */
export async function dryRunApply(ctx: PlanContext, desired: KubeObject, exists: boolean, s: Sensitivity): Promise<DryRunOutcome> {
  try {
    const result = await ctx.kube.apply(desired, {
      dryRun: true,
      ...(exists ? {} : { metadataOnly: true }),
      force: ctx.forceConflicts,
      ...(ctx.fieldManager ? { fieldManager: ctx.fieldManager } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    return { kind: "applied", result };
  } catch (e) {
    const fields = immutableFieldsOf(e);
    if (fields) return { kind: "immutable", fields };
    if (!exists && e instanceof UnknownKind && ctx.plannedKinds.has(groupKind(desired.apiVersion, desired.kind))) {
      return { kind: "deferred", note: "not dry-run: its CustomResourceDefinition is created by this plan first" };
    }
    if (exists && e instanceof KubeApiError && e.reason === "Invalid" && ctx.plannedKinds.has(groupKind(desired.apiVersion, desired.kind))) {
      return { kind: "deferred", note: "not dry-run: its CustomResourceDefinition changes in this plan and is applied first" };
    }
    if (!exists && e instanceof KubeApiError && e.status === 404 && desired.metadata.namespace) {
      const namespace = desired.metadata.namespace;
      if (!ctx.createdNamespaces.has(namespace)) return { kind: "namespace-missing", namespace };
      return { kind: "deferred", note: `not dry-run: namespace ${namespace} does not exist yet; this plan creates it first` };
    }
    if (e instanceof KubeApiError || e instanceof UnknownKind) return { kind: "failed", message: scrubText(e.message, s) };
    throw e;
  }
}
