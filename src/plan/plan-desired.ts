import { withOwnership } from "../model/ownership.js";
import { cleanForApply } from "../kube/clean.js";
import type { KubeObject } from "../model/object.js";
import type { RenderedObject } from "../model/rendered.js";
import { groupKind, type EarlyDryRun, type PlanContext } from "./context.js";
import { driftOf, project } from "./drift.js";
import { dryRunApply, getLive } from "./dry-run.js";
import type { DryRunOutcome } from "./dry-run-outcome.js";
import { liveDigest } from "./digest.js";
import { diffValues } from "./field-diff.js";
import { normalizeObject, sortKeys } from "./normalize.js";
import { objectKey } from "../model/ref.js";
import { objectId } from "./object-id.js";
import { refOf } from "../model/ref.js";
import { checkOwnership } from "./ownership.js";
import { redactChanges, redactDocument } from "./redact.js";
import { sensitivityOf, type Sensitivity } from "./sensitive.js";
import type { PlanAction, PlanOp, PlanProblem } from "./types.js";
import type { ObjectRef } from "../model/ref.js";
import { unchangedSincePrevious } from "./unchanged.js";
import { defineLazy } from "../util/lazy.js";

/** The plan of one object: its action, its blocking problems, and (desired objects) the exact object to apply. */
export interface ObjectPlan {
  readonly action: PlanAction;
  readonly problems: readonly PlanProblem[];
  readonly payload?: KubeObject;
}

/**
 * Plans one desired object: reads it live, checks ownership and drift, dry-runs the apply and
 * diffs the result against the live object.
 */
export async function planDesired(ctx: PlanContext, rendered: RenderedObject, category: "crd" | "object"): Promise<ObjectPlan> {
  const early = ctx.earlyDryRuns?.get(rendered);
  const desired = early?.desired ?? desiredObject(ctx, rendered);
  const ref = refOf(desired);
  const id = objectId(ref);
  const recorded = ctx.previous?.objects.get(objectKey(ref));
  const live = await getLive(ctx, ref);
  const s = sensitivityOf([desired, live, recorded], ctx.valueStrings);
  const problems: PlanProblem[] = [];
  let adopted = false;
  if (live) {
    const verdict = checkOwnership(live, ref, id, ctx.release, ctx.adopt, ctx.ownership);
    if (verdict.ok) adopted = verdict.adopted;
    else problems.push(verdict.problem);
  }
  if (live && recorded && category === "object" && problems.length === 0 && !adopted && unchangedSincePrevious(rendered.object, recorded, desired, live)) {
    return { action: noopAction(id, ref, rendered.source, live), problems, payload: desired };
  }
  const drift = live && recorded && ctx.previous ? driftOf(recorded, live, ctx.previous.revision, s) : undefined;
  const outcome = await (live === undefined && early ? early.outcome : dryRunApply(ctx, desired, live !== undefined, s));
  const shown = compare(outcome, desired, live && normalizeObject(live));
  if (outcome.kind === "immutable" && !ctx.replaceImmutable) {
    problems.push({
      code: "ImmutableField",
      message: `${id}: immutable field(s) ${outcome.fields.join(", ")} change; deploy with replaceImmutable: true to delete and re-create it`,
      object: id,
      fields: outcome.fields,
    });
  }
  if (outcome.kind === "namespace-missing") {
    problems.push({
      code: "NamespaceMissing",
      message: `${id}: namespace ${outcome.namespace} does not exist and this release does not create it; create the namespace first, or add a v1 Namespace object named ${outcome.namespace} to the chart`,
      object: id,
    });
  }
  if (outcome.kind === "failed") problems.push({ code: "DryRunFailed", message: `${id}: the server rejected the dry run: ${outcome.message}`, object: id });
  // What a create shows (the whole object) is computed when first read: a deploy that applies the
  // plan without printing it (`--yes`, a library call) never reads it.
  const created = shown.op === "create";
  const action: PlanAction = {
    op: shown.op,
    id,
    ref,
    category,
    source: rendered.source,
    diff: created ? [] : redactChanges(diffValues(shown.before, shown.after), s),
    ...(created ? { after: undefined } : printable(shown, s)),
    ...(outcome.kind === "immutable" ? { immutableFields: outcome.fields } : {}),
    ...(drift ? { drift } : {}),
    ...(adopted ? { adopted } : {}),
    ...(outcome.kind === "deferred" ? { note: outcome.note } : {}),
    liveResourceVersion: live ? String(live.metadata["resourceVersion"] ?? "") : null,
    liveDigest: live ? liveDigest(live) : null,
  };
  if (created) {
    defineLazy(action, "diff", () => redactChanges(diffValues(undefined, shown.after), s));
    defineLazy(action, "after", () => printable(shown, s).after);
  }
  return { action, problems, payload: desired };
}

/** The object a desired one is applied as: with the release's ownership labels and annotations, cleaned of server-set fields. */
export function desiredObject(ctx: PlanContext, rendered: RenderedObject): KubeObject {
  return cleanForApply(withOwnership(rendered.object, ctx.release.name, ctx.release.namespace));
}

/**
 * Dry-runs the desired objects the previous revision did not record (whatever is live, they are
 * dry-run), as if absent, `count` at a time, while the live objects are being read: a new one starts
 * as one finishes, until `listed` settles. Their outcomes serve the objects found absent indeed; one
 * found live is dry-run again in full. Not for kinds the plan's CRDs define.
 */
export function startEarlyDryRuns(ctx: PlanContext, objects: readonly RenderedObject[], count: number, listed: Promise<unknown>): Map<RenderedObject, EarlyDryRun> {
  const early = new Map<RenderedObject, EarlyDryRun>();
  // settled before the plan reads this map: the reaction is registered before the plan awaits `listed`
  let open = true;
  const close = () => void (open = false);
  listed.then(close, close);
  let next = 0;
  const startNext = (): void => {
    try {
      while (open && next < objects.length) {
        const rendered = objects[next++]!;
        const desired = desiredObject(ctx, rendered);
        if (ctx.previous?.objects.has(objectKey(refOf(desired))) || ctx.plannedKinds.has(groupKind(desired.apiVersion, desired.kind))) continue;
        const outcome = dryRunApply(ctx, desired, false, sensitivityOf([desired], ctx.valueStrings));
        early.set(rendered, { desired, outcome });
        // unused when the object exists; otherwise awaited by planDesired
        outcome.then(startNext, startNext);
        return;
      }
    } catch {
      // an object that cannot be made desired fails its own planDesired, with the error in place
      open = false;
    }
  };
  for (let i = 0; i < count; i++) startNext();
  return early;
}

/**
 * The action of an object unchanged since the previous revision (no dry run, see `unchangedSincePrevious`).
 * Its `liveDigest` is computed when first read (saving or printing the plan as JSON, checking a saved
 * plan fresh): a deploy that only applies the plan never reads it, and it was most of the cost of
 * planning an unchanged object.
 */
function noopAction(id: string, ref: ObjectRef, source: string, live: KubeObject): PlanAction {
  const action = { op: "noop" as const, id, ref, category: "object" as const, source, diff: [], liveResourceVersion: String(live.metadata["resourceVersion"] ?? ""), liveDigest: null as string | null };
  defineLazy(action, "liveDigest", () => liveDigest(live));
  return action;
}

interface Comparison {
  readonly op: PlanOp;
  readonly before: unknown;
  readonly after: unknown;
}

/**
 * What to compare. An applied dry run is compared whole with the live object (server defaults are
 * on both sides). Without one (create, replace, refusal) the desired object is compared with the
 * part of the live object it sets, so defaults do not show as removals. `desired` is the object as
 * applied, normalized here (for a create, when what it shows is first read).
 */
function compare(outcome: DryRunOutcome, desired: KubeObject, live: KubeObject | undefined): Comparison {
  if (!live) {
    let after: KubeObject | undefined;
    return { op: "create", before: undefined, get after() { return (after ??= normalizeObject(desired)); } };
  }
  if (outcome.kind === "applied") {
    const after = normalizeObject(outcome.result);
    return { op: diffValues(live, after).length ? "update" : "noop", before: live, after };
  }
  const after = normalizeObject(desired);
  return { op: outcome.kind === "immutable" ? "replace" : "update", before: project(live, after), after };
}

function printable(shown: Comparison, s: Sensitivity): { before?: unknown; after?: unknown } {
  if (shown.op === "noop") return {};
  const out: { before?: unknown; after?: unknown } = {};
  if (shown.before !== undefined) out.before = sortKeys(redactDocument(shown.before, shown.after, s, "before"));
  if (shown.after !== undefined) out.after = sortKeys(redactDocument(shown.after, shown.before, s, "after"));
  return out;
}
