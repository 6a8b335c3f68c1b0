import { applyReleasePlan } from "../apply/release-plan.js";
import type { Chart } from "../chart/types.js";
import { SavedPlanIncomplete } from "../plan/errors.js";
import { checkPlanFresh } from "../plan/fresh.js";
import { plannedHooks } from "../plan/hooks.js";
import type { Plan, PlanReleaseDraft } from "../plan/types.js";
import { ReleaseLocked } from "../storage/errors.js";
import { assertApplicable } from "../plan/blocking.js";
import type { Configuration } from "./configuration.js";
import type { ApplySavedPlanOptions } from "../apply/options.js";
import type { DeployArgs, DeployResult } from "./types.js";
import type { DeployEvent } from "../apply/events.js";
import { prepareDeploy, type PrepareOptions } from "./prepare.js";
import { atomicRecovery } from "./rollback.js";
import { liveLock, releaseState, type ReleaseState } from "../storage/release-state.js";

/** Options of {@link planDeploy}. */
export interface PlanDeployOptions extends PrepareOptions {
  /** Receives `plan-computed` and `done`. */
  readonly onEvent?: (event: DeployEvent) => void;
}

/**
 * Renders and plans a deploy without writing anything, like `deploy(..., { dryRun: true })`, and
 * puts the revision it would write into `plan.payload.release`, so the plan can be saved and later
 * applied exactly with {@link applySavedPlan}. Returns a result with status `planned`.
 */
export async function planDeploy<V>(config: Configuration, chart: Chart<V>, args: DeployArgs<V>, options: PlanDeployOptions = {}): Promise<DeployResult> {
  const started = Date.now();
  const { state, rendered, plan } = await prepareDeploy(config, chart, args, options);
  const emit = options.onEvent ?? (() => undefined);
  emit({ type: "plan-computed", release: state.name, namespace: state.namespace, changes: plan.changes, summary: plan.summary });
  const durationMs = Date.now() - started;
  emit({ type: "done", release: state.name, revision: null, status: "unchanged", durationMs });
  return { release: state.name, namespace: state.namespace, revision: null, status: "planned", plan, notes: rendered.notes, applied: [], deleted: [], hooks: [], durationMs };
}

/**
 * Checks that a saved plan can be applied now, writing nothing: it carries its release draft and
 * the objects of its hooks, nothing moved since it was computed (`checkPlanFresh` against the last
 * deployed revision), it has no blocking problem, and no other operation holds the release's lock.
 * Returns the release's state.
 *
 * @throws SavedPlanIncomplete, PlanStale, PlanBlocked, OwnershipConflict, ReleaseLocked
 */
export async function checkSavedPlan(config: Configuration, plan: Plan, signal?: AbortSignal): Promise<{ state: ReleaseState; draft: PlanReleaseDraft }> {
  const { name, namespace } = plan.release;
  const draft = plan.payload.release;
  if (!draft) throw new SavedPlanIncomplete(`${namespace}/${name}`);
  plannedHooks(plan, "pre");
  const state = await releaseState(config, name, namespace, signal);
  await checkPlanFresh(plan, config.kube, state.lastDeployed?.release.revision ?? null, signal ? { signal } : {});
  assertApplicable(plan, state);
  const lock = liveLock(state);
  const latest = state.latest?.release;
  if (lock && latest) throw new ReleaseLocked(name, latest.revision, lock.holder, lock.since, ...(latest.lock ? [latest.lock.expiresAt] : []));
  return { state, draft };
}

/**
 * Applies exactly a saved plan (see `savePlans`/`loadPlans`): no render, no new plan. First checks
 * that nothing moved since it was computed — the release's revision and every object it touches
 * (`checkPlanFresh`) — and that it has no blocking problem and the release is not locked; then
 * applies it on `deploy`'s path (`applyReleasePlan`): the plan's hooks and actions, and the plan's
 * release draft recorded as the new revision. A plan without changes writes nothing (status
 * `unchanged`); a change to the recorded hooks alone (`Plan.hooksChanged`) is a change.
 *
 * @throws SavedPlanIncomplete, PlanStale (nothing written), PlanBlocked, OwnershipConflict,
 * ReleaseLocked, OperationFailed (the revision was marked failed)
 */
export async function applySavedPlan(config: Configuration, plan: Plan, options: ApplySavedPlanOptions = {}): Promise<DeployResult> {
  const started = Date.now();
  const { name, namespace } = plan.release;
  const { state, draft } = await checkSavedPlan(config, plan, options.signal);
  const emit = options.onEvent ?? (() => undefined);
  emit({ type: "plan-computed", release: name, namespace, changes: plan.changes, summary: plan.summary });
  const finish = (result: Pick<DeployResult, "revision" | "status" | "applied" | "deleted" | "hooks">): DeployResult => {
    const durationMs = Date.now() - started;
    emit({ type: "done", release: name, revision: result.revision, status: result.status === "planned" ? "unchanged" : result.status, durationMs });
    return { release: name, namespace, plan, notes: draft.notes, ...result, durationMs };
  };
  return finish(await applyReleasePlan(config, state, plan, draft, options, atomicRecovery(config, state, options)));
}
