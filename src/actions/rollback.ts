import type { OperationFailed, RecoveryOutcome } from "../apply/errors.js";
import { performOperation } from "../apply/perform.js";
import type { Recovery } from "../apply/release-plan.js";
import type { Release } from "../storage/release.js";
import { ReleaseNotFound } from "../storage/errors.js";
import { assertApplicable } from "../plan/blocking.js";
import type { Configuration } from "./configuration.js";
import { operationSignal } from "../util/signal.js";
import type { OperationOptions } from "../apply/options.js";
import type { DeployResult } from "./types.js";
import { withRecordNamespace } from "../storage/record-namespace.js";
import { planRelease } from "../plan/plan-release.js";
import { releaseState, type ReleaseState } from "../storage/release-state.js";
import { refOf } from "../wait/events.js";
import { unionObjects } from "../storage/prune-base.js";
import { uninstall } from "./uninstall.js";

/** How a rollback is done. */
export interface RollbackOptions extends OperationOptions {
  /** The release's namespace. @defaultValue the configuration's namespace */
  readonly namespace?: string;
  /** The revision to return to. @defaultValue the one before the latest */
  readonly revision?: number;
  /** Compute and return the plan; write nothing. @defaultValue false */
  readonly dryRun?: boolean;
  /** Adopt live objects that belong to no or another release instead of reporting a conflict. @defaultValue false */
  readonly adopt?: boolean;
  /** Plan immutable-field changes as `replace` (delete, then create) instead of a blocking problem. @defaultValue false */
  readonly replaceImmutable?: boolean;
}

/**
 * Writes a new revision with the objects, hooks and values of an earlier one (Helm's rollback):
 * plans them against the live cluster, prunes what the target didn't have, and performs the plan,
 * whose hooks are the target's pre/post-rollback hooks.
 * @throws ReleaseNotFound, ReleaseLocked, PlanBlocked, OperationFailed
 */
export async function rollback(config: Configuration, name: string, given: RollbackOptions = {}): Promise<DeployResult> {
  const signal = operationSignal(given.signal);
  const options: RollbackOptions = signal ? { ...given, signal } : given;
  const started = Date.now();
  const state = await releaseState(config, name, options.namespace, options.signal);
  const latest = state.latest?.release;
  if (!latest) throw new ReleaseNotFound(name);
  const targetRevision = options.revision ?? latest.revision - 1;
  if (targetRevision < 1) throw new ReleaseNotFound(name, targetRevision);
  const target = withRecordNamespace((await state.store.get(name, targetRevision)).release, state.namespace);
  const current = state.lastDeployed?.release;
  // Prune against everything the latest and last deployed revisions may have created.
  const pruneBase: Release = { ...latest, objects: unionObjects(current, latest) };
  const plan = await planRelease(config.kube, config.fieldManager, state, target, pruneBase, { ...options, operation: "rollback" });
  options.onEvent?.({ type: "plan-computed", release: name, namespace: state.namespace, changes: plan.changes, summary: plan.summary });
  const base = { release: name, namespace: state.namespace, plan, notes: target.notes };
  if (options.dryRun) return { ...base, revision: null, status: "planned", applied: [], deleted: [], hooks: [], durationMs: Date.now() - started };
  assertApplicable(plan, state);
  const result = await performOperation(config, {
    state,
    plan,
    operation: "rollback",
    success: `Rollback to ${targetRevision}`,
    draft: {
      status: "pending-rollback",
      namespace: state.namespace,
      chart: target.chart,
      config: target.config,
      values: target.values,
      objects: target.objects,
      hooks: target.hooks.map(({ lastRun: _, ...hook }) => hook),
      crds: target.crds,
      notes: target.notes,
      description: `Rollback to ${targetRevision} in progress`,
    },
  }, options);
  const durationMs = Date.now() - started;
  options.onEvent?.({ type: "done", release: name, revision: result.record.release.revision, status: result.record.release.status, durationMs });
  return {
    ...base,
    revision: result.record.release.revision,
    status: result.record.release.status,
    applied: result.applied.map(refOf),
    deleted: result.deleted,
    hooks: result.hookRuns,
    durationMs,
  };
}

/**
 * What an atomic deploy does after a failure: rolls back to the last deployed revision, or
 * uninstalls a failed first install. Reports the outcome instead of throwing.
 */
export function atomicRecovery(config: Configuration, state: ReleaseState, options: Pick<RollbackOptions, "wait" | "onEvent">): Recovery {
  return async (failure: OperationFailed): Promise<RecoveryOutcome> => {
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
  };
}
