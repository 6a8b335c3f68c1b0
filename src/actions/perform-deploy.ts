import type { Plan, PlanReleaseDraft } from "../plan/types.js";
import { refOf } from "../wait/events.js";
import type { Configuration } from "./configuration.js";
import type { ApplySavedPlanOptions, DeployResult } from "./types.js";
import { OperationFailed, type RecoveryOutcome } from "../apply/errors.js";
import { performOperation } from "./perform.js";
import { scrubberOf, scrubError } from "../plan/scrub.js";
import type { ReleaseState } from "../storage/release-state.js";
import { rollback } from "./rollback.js";
import { uninstall } from "./uninstall.js";

/** How an install or upgrade is performed (shared by `deploy` and saved-plan apply): the public {@link ApplySavedPlanOptions}. */
export type PerformDeployOptions = ApplySavedPlanOptions;

/**
 * Performs a planned install or upgrade: records `content` as the new pending revision and applies
 * `plan` (see `performOperation`); with `atomic`, recovers from a failure before rethrowing.
 * @throws OperationFailed (with `recovery` when atomic)
 */
export async function performDeploy(
  config: Configuration,
  state: ReleaseState,
  plan: Plan,
  content: PlanReleaseDraft,
  options: PerformDeployOptions,
): Promise<Pick<DeployResult, "revision" | "status" | "applied" | "deleted" | "hooks">> {
  const isUpgrade = state.lastDeployed !== undefined;
  const operation = isUpgrade ? "upgrade" : "install";
  try {
    const result = await performOperation(config, {
      state,
      plan,
      operation,
      success: options.description ?? (isUpgrade ? "Upgrade complete" : "Install complete"),
      draft: {
        ...content,
        chart: { ...content.chart },
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
    if (!options.atomic || !(error instanceof OperationFailed)) throw error;
    const recovery = await recover(config, state, error, options);
    if (recovery.error !== undefined) scrubError(recovery.error, scrubberOf(plan.payload.sensitive));
    throw new OperationFailed(`${operation} of ${state.namespace}/${state.name}`, error.revision, error.cause, recovery);
  }
}

/** Atomic recovery: roll back to the last deployed revision, or uninstall a failed first install. */
async function recover(config: Configuration, state: ReleaseState, failure: OperationFailed, options: PerformDeployOptions): Promise<RecoveryOutcome> {
  const { name, namespace } = state;
  const toRevision = state.lastDeployed?.release.revision;
  options.onEvent?.({ type: "rollback-started", release: name, toRevision: toRevision ?? null, reason: (failure.cause as Error)?.message ?? String(failure.cause) });
  // The original signal may be what failed the deploy; recovery must still run to the end.
  const recoveryOptions = { ...(options.wait !== undefined ? { wait: options.wait } : {}), ...(options.onEvent ? { onEvent: options.onEvent } : {}) };
  try {
    if (toRevision === undefined) {
      await uninstall(config, name, { namespace, ...recoveryOptions });
      return { status: "uninstalled" };
    }
    const result = await rollback(config, name, { namespace, revision: toRevision, ...recoveryOptions });
    return { status: "rolled-back", ...(result.revision !== null ? { revision: result.revision } : {}) };
  } catch (error) {
    return { status: "failed", error };
  }
}
