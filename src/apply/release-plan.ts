import type { HookRun } from "../hooks/events.js";
import type { ObjectRef } from "../model/ref.js";
import { scrubberOf, scrubError } from "../plan/scrub.js";
import type { Plan, PlanReleaseDraft } from "../plan/types.js";
import type { ReleaseState } from "../storage/release-state.js";
import type { ReleaseStatus } from "../storage/release.js";
import { refOf } from "../model/ref.js";
import { OperationFailed, type RecoveryOutcome } from "./errors.js";
import type { ApplySavedPlanOptions } from "./options.js";
import { performOperation, type PerformTarget } from "./perform.js";

/** How an install or upgrade plan is applied (by `deploy` and by saved-plan apply alike): the public {@link ApplySavedPlanOptions}. */
export type PerformDeployOptions = ApplySavedPlanOptions;

/** What applying an install or upgrade plan wrote. */
export interface ReleasePlanOutcome {
  /** The revision written; `null` when the plan had no changes. */
  readonly revision: number | null;
  /** The revision's status; `unchanged` when nothing was written. */
  readonly status: ReleaseStatus | "unchanged";
  /** The objects written, in install order. */
  readonly applied: readonly ObjectRef[];
  /** The objects pruned. */
  readonly deleted: readonly ObjectRef[];
  /** The hooks that ran (the plan's, then code hooks), in run order. */
  readonly hooks: readonly HookRun[];
}

/** Atomic recovery after a failed operation: what it did (it does not throw). */
export type Recovery = (failure: OperationFailed) => Promise<RecoveryOutcome>;

/**
 * Applies an install or upgrade plan — the one path of `deploy` and of saved-plan apply: a plan
 * without changes (`Plan.changes`, which counts a change to the recorded hooks alone) writes
 * nothing; otherwise `draft` is recorded as the new pending revision and the plan is performed
 * (`performOperation`: the plan's hooks, its actions, readiness, the revision's outcome). With
 * `atomic`, `recover` runs after a failure before `OperationFailed` is rethrown with its outcome.
 * @throws PlanStale, SavedPlanIncomplete, ReleaseLocked (nothing written); OperationFailed; LeaseLost
 */
export async function applyReleasePlan(
  target: PerformTarget,
  state: ReleaseState,
  plan: Plan,
  draft: PlanReleaseDraft,
  options: PerformDeployOptions,
  recover?: Recovery,
): Promise<ReleasePlanOutcome> {
  if (!plan.changes) return { revision: null, status: "unchanged", applied: [], deleted: [], hooks: [] };
  const operation = plan.release.isInstall ? "install" : "upgrade";
  const isUpgrade = operation === "upgrade";
  try {
    const result = await performOperation(target, {
      state,
      plan,
      operation,
      success: options.description ?? (isUpgrade ? "Upgrade complete" : "Install complete"),
      draft: {
        ...draft,
        chart: { ...draft.chart },
        status: isUpgrade ? "pending-upgrade" : "pending-install",
        namespace: state.namespace,
        description: isUpgrade ? "Upgrade in progress" : "Install in progress",
      },
    }, options);
    return {
      revision: result.record.release.revision,
      status: result.record.release.status,
      applied: result.applied.map(refOf),
      deleted: result.deleted,
      hooks: result.hookRuns,
    };
  } catch (error) {
    if (!options.atomic || !recover || !(error instanceof OperationFailed)) throw error;
    const recovery = await recover(error);
    if (recovery.error !== undefined) scrubError(recovery.error, scrubberOf(plan.payload.sensitive));
    throw new OperationFailed(`${operation} of ${state.namespace}/${state.name}`, error.revision, error.cause, recovery);
  }
}
