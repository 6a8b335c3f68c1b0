import type { Chart } from "../chart/types.js";
import { releaseChartOf } from "../chart/package/release-chart.js";
import { BerthError } from "../errors.js";
import { checkPlanFresh } from "../plan/fresh.js";
import type { Plan, PlanReleaseDraft } from "../plan/types.js";
import { ReleaseLocked } from "../storage/errors.js";
import { assertApplicable } from "../plan/blocking.js";
import type { Configuration } from "./configuration.js";
import type { ApplySavedPlanOptions, DeployArgs, DeployResult } from "./types.js";
import type { DeployEvent } from "./events.js";
import { performDeploy } from "./perform-deploy.js";
import { prepareDeploy, type PrepareOptions } from "./prepare.js";
import { liveLock, releaseState, type ReleaseState } from "../storage/release-state.js";

/**
 * A saved plan cannot be applied as it is: it carries no release draft (`plan.payload.release`),
 * so the revision it would write is unknown. Plan with `cluster.plan()` or `berth plan --save-plan`.
 */
export class SavedPlanIncomplete extends BerthError {
  /** @param release - `namespace/name` of the plan */
  constructor(release: string) {
    super(
      "SavedPlanIncomplete",
      `the plan of ${release} carries no release draft (chart, values, notes, hooks), so it cannot be applied on its own; ` +
        "save plans made by cluster.plan() or `berth plan --save-plan`",
    );
  }
}

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
  const prepared = await prepareDeploy(config, chart, args, options);
  const { state, rendered } = prepared;
  const release: PlanReleaseDraft = {
    chart: releaseChartOf(chart as Chart<unknown>),
    config: prepared.userValues,
    values: rendered.values,
    objects: rendered.objects,
    hooks: rendered.hooks,
    crds: rendered.crds,
    notes: rendered.notes,
  };
  const plan: Plan = { ...prepared.plan, payload: { ...prepared.plan.payload, release } };
  const emit = options.onEvent ?? (() => undefined);
  emit({ type: "plan-computed", release: state.name, namespace: state.namespace, changes: plan.changes, summary: plan.summary });
  const durationMs = Date.now() - started;
  emit({ type: "done", release: state.name, revision: null, status: "unchanged", durationMs });
  return { release: state.name, namespace: state.namespace, revision: null, status: "planned", plan, notes: rendered.notes, applied: [], deleted: [], hooks: [], durationMs };
}

/**
 * Checks that a saved plan can be applied now, writing nothing: it carries its release draft, nothing
 * moved since it was computed (`checkPlanFresh` against the last deployed revision), it has no
 * blocking problem, and no other operation holds the release's lock. Returns the release's state.
 *
 * @throws SavedPlanIncomplete, PlanStale, PlanBlocked, OwnershipConflict, ReleaseLocked
 */
export async function checkSavedPlan(config: Configuration, plan: Plan, signal?: AbortSignal): Promise<{ state: ReleaseState; draft: PlanReleaseDraft }> {
  const { name, namespace } = plan.release;
  const draft = plan.payload.release;
  if (!draft) throw new SavedPlanIncomplete(`${namespace}/${name}`);
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
 * performs it like `deploy` does and records the plan's release draft as the new revision. A plan
 * without changes writes nothing (status `unchanged`).
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
  if (!plan.changes) return finish({ revision: null, status: "unchanged", applied: [], deleted: [], hooks: [] });
  return finish(await performDeploy(config, state, plan, draft, options));
}
