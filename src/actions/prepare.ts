import { buildApplyGraph } from "../apply/graph.js";
import type { Chart } from "../chart/types.js";
import { sensitiveValuePaths } from "../plan/schema-sensitive.js";
import type { Plan, PlanReleaseDraft } from "../plan/types.js";
import type { RenderResult } from "../model/rendered.js";
import { stackOverrides } from "../values/coalesce.js";
import type { Values } from "../model/values.js";
import { collectUserValues } from "../values/user-values.js";
import type { Configuration } from "./configuration.js";
import { failedInstallLeftovers, upgradeBase } from "../storage/prune-base.js";
import { assertChartUnchanged, releaseChartOf } from "../chart/package/release-chart.js";
import { planChartRef } from "../plan/chart-ref.js";
import { scopeByDiscovery } from "../plan/scope.js";
import { checkCallArgs } from "./call-args.js";
import { renderWith, type TemplateArgs } from "./template.js";
import { clusterReader } from "../render/cluster-reader.js";
import { clusterCapabilities } from "../kube/capabilities.js";
import { planRelease, prefetchForPlan } from "../plan/plan-release.js";
import { listRelease, type ReleaseState } from "../storage/release-state.js";
import type { PlanOptions } from "../plan/compute.js";
import { preformatManifest } from "../storage/manifest-text.js";
import { reuseManifestTexts } from "../storage/manifest-copy.js";

/** A rendered, planned deploy, ready to be performed. */
export interface PreparedDeploy {
  readonly state: ReleaseState;
  readonly rendered: RenderResult;
  /** The values the user gave (Helm's `config`). */
  readonly userValues: Values;
  /** The plan, its release draft in `payload.release`: it can be saved and applied on its own. */
  readonly plan: Plan;
  /** What the new revision records (also `plan.payload.release`). */
  readonly draft: PlanReleaseDraft;
  /** True when a deployed revision exists: this is an upgrade. */
  readonly isUpgrade: boolean;
  readonly revision: number;
}

/** How a deploy is rendered and planned. */
export interface PrepareOptions extends Pick<PlanOptions, "adopt" | "replaceImmutable"> {
  /** Missing values are errors. @defaultValue true */
  readonly strict?: boolean;
  /** Cancels the reads of the release's records and of the live objects being planned; `prepareDeploy` then rejects. */
  readonly signal?: AbortSignal;
}

/**
 * Renders the chart against the cluster's capabilities and plans it against the release's state;
 * the plan carries the revision it would write (`payload.release`).
 * @throws DependencyInvalid (code `DependencyInvalid`) for a `berth.dev/depends-on` naming a missing object or forming a cycle
 */
export async function prepareDeploy<V>(config: Configuration, chart: Chart<V>, args: TemplateArgs<V>, options: PrepareOptions = {}): Promise<PreparedDeploy> {
  checkCallArgs(chart, args);
  // Discovery and the release's records are independent reads: one round trip, not two in a row.
  const capabilitiesRead = clusterCapabilities(config.kube);
  capabilitiesRead.catch(() => undefined); // awaited below, unless reading the state fails first
  const listing = await listRelease(config, args.release, args.namespace, options.signal);
  const isUpgrade = listing.hasDeployed;
  const revision = listing.latestRevision + 1;
  const capabilities = await capabilitiesRead;
  // The listing says what the next revision is: rendering it, and listing the live objects of its
  // kinds, need not wait for the previous revision's record to be read and decoded.
  let rendered: RenderResult;
  try {
    rendered = await scopeByDiscovery(await renderWith(chart, { ...args, namespace: listing.namespace }, {
      revision,
      isUpgrade,
      capabilities,
      ...(options.strict !== undefined ? { strict: options.strict } : {}),
    }, { reader: clusterReader(config.kube), ...(options.signal ? { signal: options.signal } : {}) }), config.kube);
    // A bad `berth.dev/depends-on` (missing target, cycle) is found here, before anything is written.
    buildApplyGraph(rendered.objects.map((o) => o.object));
  } catch (e) {
    // a replaced chart version is reported first, as when the record was read before rendering
    await listing.state.then((state) => assertChartOf(chart as Chart<unknown>, state), () => undefined);
    throw e;
  }
  const prefetch = prefetchForPlan(config.kube, rendered, options.signal);
  const state = await listing.state;
  const previous = state.lastDeployed?.release;
  assertChartOf(chart as Chart<unknown>, state);
  const userValues = (await collectUserValues(args)).reduce<Values>((acc, layer) => stackOverrides(acc, layer), {});
  const sensitive = { values: rendered.values, previousValues: previous?.values, paths: sensitiveValuePaths(chart as Chart<unknown>) };
  // The plan waits for the API server (an install's dry-runs every object): meanwhile the record's
  // manifest is formatted (otherwise done between the plan and the first write); an upgrade's reuses
  // the YAML of the objects unchanged since the previous revision. Stopped when the plan is done.
  if (previous) reuseManifestTexts(rendered.objects, previous.objects);
  const preformat = new AbortController();
  void preformatManifest(rendered.objects, preformat.signal);
  let planned: Plan;
  try {
    planned = await planRelease(config.kube, config.fieldManager, state, rendered, upgradeBase(state), { ...options, prefetch, pruneAlso: failedInstallLeftovers(state), chart: planChartRef(chart as Chart<unknown>) }, sensitive);
  } finally {
    preformat.abort();
  }
  const draft: PlanReleaseDraft = {
    chart: releaseChartOf(chart as Chart<unknown>),
    config: userValues,
    values: rendered.values,
    objects: rendered.objects,
    hooks: rendered.hooks,
    crds: rendered.crds,
    notes: rendered.notes,
  };
  const plan: Plan = { ...planned, payload: { ...planned.payload, release: draft } };
  return { state, rendered, userValues, plan, draft, isUpgrade, revision };
}

/** Throws when the chart's package was replaced since the release's last deployed revision recorded it (same name and version, other digest). */
function assertChartOf(chart: Chart<unknown>, state: ReleaseState): void {
  const previous = state.lastDeployed?.release;
  if (previous) assertChartUnchanged(chart, previous.chart, `revision ${previous.revision} of release ${state.namespace}/${state.name}`);
}
