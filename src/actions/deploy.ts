import { applyReleasePlan } from "../apply/release-plan.js";
import type { Chart } from "../chart/types.js";
import { assertApplicable } from "../plan/blocking.js";
import type { Configuration } from "./configuration.js";
import { operationSignal } from "../util/signal.js";
import { PlanNotApproved } from "./errors.js";
import { prepareDeploy } from "./prepare.js";
import { atomicRecovery } from "./rollback.js";
import type { DeployArgs, DeployOptions, DeployResult } from "./types.js";

/**
 * Installs the release when it has no deployed revision, upgrades it otherwise: renders, plans against
 * the stored revision and the live cluster, and applies exactly that plan — its actions and its
 * hooks — on the path saved plans take too (`applyReleasePlan`). A plan without changes writes
 * nothing and creates no revision; a change to the recorded hooks alone (e.g. only a `test` hook,
 * `Plan.hooksChanged`) is a change: a revision records them and no object is written.
 *
 * @throws ValuesInvalid, RenderFailed, ReleaseLocked, OwnershipConflict, PlanBlocked, PlanNotApproved,
 * OperationFailed (the revision was marked failed; `recovery` says what `atomic` did)
 */
export async function deploy<V>(config: Configuration, chart: Chart<V>, args: DeployArgs<V>, given: DeployOptions = {}): Promise<DeployResult> {
  const signal = operationSignal(given.signal);
  const options: DeployOptions = signal ? { ...given, signal } : given;
  const started = Date.now();
  const prepared = await prepareDeploy(config, chart, args, options);
  const { state, plan, rendered } = prepared;
  const emit = options.onEvent ?? (() => undefined);
  emit({ type: "plan-computed", release: state.name, namespace: state.namespace, changes: plan.changes, summary: plan.summary });
  const base = { release: state.name, namespace: state.namespace, plan, notes: rendered.notes };
  const finish = (result: Omit<DeployResult, "durationMs" | keyof typeof base>): DeployResult => {
    const done = { ...base, ...result, durationMs: Date.now() - started };
    emit({ type: "done", release: state.name, revision: done.revision, status: done.status === "planned" ? "unchanged" : done.status, durationMs: done.durationMs });
    return done;
  };
  if (options.dryRun) return finish({ revision: null, status: "planned", applied: [], deleted: [], hooks: [] });
  assertApplicable(plan, state);
  // Nothing to approve when nothing would be written.
  if (!plan.changes) return finish({ revision: null, status: "unchanged", applied: [], deleted: [], hooks: [] });
  if (options.approve && !(await options.approve(plan))) throw new PlanNotApproved(`${state.namespace}/${state.name}`);
  return finish(await applyReleasePlan(config, state, plan, prepared.draft, options, atomicRecovery(config, state, options)));
}
