import type { KubeApi } from "../kube/types.js";
import type { RenderResult } from "../model/rendered.js";
import type { Release } from "../storage/release.js";
import { liveLock, type ReleaseState } from "../storage/release-state.js";
import { refOf } from "../model/ref.js";
import { computePlan, PLAN_CONCURRENCY, type PlanInput, type PlanOptions } from "./compute.js";
import { LIST_THRESHOLD, startPrefetch, type LivePrefetch } from "./prefetch.js";
import type { Plan } from "./types.js";

/**
 * Plans rendered content against a release's state (used by deploy and rollback), dry-running as
 * `fieldManager`: `previous` is what it upgrades from (none: an install), its hooks what
 * `Plan.hooksChanged` compares with;
 * `options.pruneAlso` adds objects to prune that are not the previous revision's (a failed
 * install's); `options.operation` picks the hooks the plan runs.
 */
export async function planRelease(
  kube: KubeApi,
  fieldManager: string,
  state: ReleaseState,
  content: Pick<RenderResult, "objects" | "crds" | "hooks">,
  previous: Release | undefined,
  options: Pick<PlanOptions, "adopt" | "replaceImmutable" | "signal" | "prefetch"> & Pick<PlanInput, "pruneAlso" | "chart" | "operation">,
  sensitiveValues?: { readonly values: unknown; readonly previousValues?: unknown; readonly paths: readonly string[] },
): Promise<Plan> {
  const lock = liveLock(state);
  return await computePlan({
    release: state.name,
    namespace: state.namespace,
    objects: content.objects,
    crds: content.crds,
    hooks: content.hooks,
    ...(previous ? { previous: { revision: previous.revision, objects: previous.objects.map((o) => o.object), status: previous.status, hooks: previous.hooks } } : {}),
    ...(options.operation ? { operation: options.operation } : {}),
    ...(lock ? { lock } : {}),
    ...(options.pruneAlso?.length ? { pruneAlso: options.pruneAlso } : {}),
    ...(options.chart ? { chart: options.chart } : {}),
    ...(sensitiveValues && sensitiveValues.paths.length > 0 ? { sensitiveValues } : {}),
  }, kube, {
    fieldManager,
    ...(options.adopt !== undefined ? { adopt: options.adopt } : {}),
    ...(options.replaceImmutable !== undefined ? { replaceImmutable: options.replaceImmutable } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.prefetch ? { prefetch: options.prefetch } : {}),
  });
}

/**
 * Starts the LISTs a {@link planRelease} of `content` will need (with the plan's threshold and
 * concurrency), e.g. while the release's records are still being read; pass the result as its `prefetch`.
 */
export function prefetchForPlan(kube: KubeApi, content: Pick<RenderResult, "objects" | "crds">, signal?: AbortSignal): LivePrefetch {
  return startPrefetch(kube, [...content.crds, ...content.objects].map((o) => refOf(o.object)), LIST_THRESHOLD, PLAN_CONCURRENCY, signal);
}
