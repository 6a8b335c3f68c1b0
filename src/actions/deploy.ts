import type { Chart } from "../chart/types.js";
import { releaseChartOf } from "../chart/package/release-chart.js";
import { assertApplicable } from "../plan/blocking.js";
import { recordedHooksChanged } from "../plan/hook-changes.js";
import type { Configuration } from "./configuration.js";
import { operationSignal } from "../util/signal.js";
import { PlanNotApproved } from "./errors.js";
import { performDeploy } from "./perform-deploy.js";
import { prepareDeploy } from "./prepare.js";
import type { DeployArgs, DeployOptions, DeployResult } from "./types.js";

/**
 * Installs the release when it has no deployed revision, upgrades it otherwise: renders, plans against
 * the stored revision and the live cluster, and applies exactly that plan (see `performOperation`).
 * An empty plan writes nothing and creates no revision, unless the release's recorded hooks changed
 * (e.g. only a `test` hook): then a revision records them and no object is written.
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
  if (!plan.changes && !recordedHooksChanged(state.lastDeployed?.release, rendered.hooks)) return finish({ revision: null, status: "unchanged", applied: [], deleted: [], hooks: [] });
  if (options.approve && !(await options.approve(plan))) throw new PlanNotApproved(`${state.namespace}/${state.name}`);

  const content = { chart: releaseChartOf(chart as Chart<unknown>), config: prepared.userValues, values: rendered.values, objects: rendered.objects, hooks: rendered.hooks, crds: rendered.crds, notes: rendered.notes };
  return finish(await performDeploy(config, state, plan, content, options));
}
