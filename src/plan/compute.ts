import type { KubeApi } from "../kube/types.js";
import type { KubeObject } from "../model/object.js";
import type { RenderedHook, RenderedObject } from "../model/rendered.js";
import { mapLimit } from "../util/map-limit.js";
import { crdGroupKind, type PlanContext } from "./context.js";
import { recordedHooksChanged } from "./hook-changes.js";
import { planHooks } from "./hooks.js";
import { objectKeyOf } from "../model/ref.js";
import { compareRefs } from "./object-id.js";
import { refOf } from "../model/ref.js";
import type { OwnershipRule } from "./ownership.js";
import { planDesired, startEarlyDryRuns, type ObjectPlan } from "./plan-desired.js";
import { planPruned } from "./plan-pruned.js";
import { LIST_THRESHOLD, prefetchLive, type LivePrefetch, type PrefetchedLive } from "./prefetch.js";
import { releaseSensitiveStrings, sensitiveValueStrings } from "./sensitive.js";
import type { Plan, PlanAction, PlanChartRef, PlanProblem, PlanSummary } from "./types.js";

/** The release revision a plan is computed against. */
export interface PreviousRevision {
  /** The revision number. */
  readonly revision: number;
  /** The objects the revision recorded (its manifest). */
  readonly objects: readonly KubeObject[];
  /** Its status, e.g. `deployed`; a previous `uninstalled` revision plans as an install. */
  readonly status: string;
  /** The hooks it recorded, compared with `PlanInput.hooks` for `Plan.hooksChanged`. @defaultValue [] */
  readonly hooks?: readonly RenderedHook[];
}

/** What is planned: the release, the desired objects (spread a `RenderResult` in), the previous revision. */
export interface PlanInput {
  /** The release name. */
  readonly release: string;
  /** The release's namespace. */
  readonly namespace: string;
  /** The desired objects, with their templates. */
  readonly objects: readonly RenderedObject[];
  /** The charts' `crds/` objects. @defaultValue [] */
  readonly crds?: readonly RenderedObject[];
  /** All hooks the new revision records; the plan runs those of its operation's events. @defaultValue [] */
  readonly hooks?: readonly RenderedHook[];
  /**
   * What applying the plan is: a `deploy` runs pre/post-install hooks (no previous revision) or
   * pre/post-upgrade hooks; a `rollback` runs pre/post-rollback hooks. @defaultValue "deploy"
   */
  readonly operation?: "deploy" | "rollback";
  /** The revision to upgrade from; absent for a first install. */
  readonly previous?: PreviousRevision;
  /**
   * More objects the release may have left in the cluster, pruned like the previous revision's
   * when no longer desired, without making this an upgrade: e.g. what a failed first install
   * created. Their drift is not reported. @defaultValue []
   */
  readonly pruneAlso?: readonly KubeObject[];
  /** Per-object adoption rules, before the `adopt` option. @defaultValue [] */
  readonly ownership?: readonly OwnershipRule[];
  /** The chart being deployed, shown in the plan's header. */
  readonly chart?: PlanChartRef;
  /** The release's lock, when one is held: a blocking problem. */
  readonly lock?: { readonly holder: string; readonly since: string };
  /** Chart values marked sensitive (`x-sensitive`/`writeOnly`): any string holding one is redacted. */
  readonly sensitiveValues?: {
    readonly values: unknown;
    readonly paths: readonly string[];
    /** The previous revision's values: its sensitive strings may still be live and must be redacted too. */
    readonly previousValues?: unknown;
  };
}

/** API calls in flight while planning, by default. */
export const PLAN_CONCURRENCY = 16;

/** How a plan is computed. */
export interface PlanOptions {
  /** Adopt live objects that belong to no or another release instead of reporting a conflict. @defaultValue false */
  readonly adopt?: boolean;
  /** Plan immutable-field changes as `replace` (delete, then create) instead of a blocking problem. @defaultValue false */
  readonly replaceImmutable?: boolean;
  /** Dry-run with `force` (take fields other managers own), as the apply does. Must match the apply. @defaultValue true */
  readonly forceConflicts?: boolean;
  /** Field manager of the dry runs; must match the apply. @defaultValue the client's ("berth") */
  readonly fieldManager?: string;
  /** Kinds with at least this many objects in one namespace are read with one LIST instead of GETs. @defaultValue 20 */
  readonly listThreshold?: number;
  /** Most API calls in flight. @defaultValue {@link PLAN_CONCURRENCY} */
  readonly concurrency?: number;
  /** Aborts planning. */
  readonly signal?: AbortSignal;
  /** LISTs started before the plan (by `startPrefetch`, with the same threshold): awaited, not made again. */
  readonly prefetch?: LivePrefetch;
}

/**
 * Computes what deploying `input` would do, writing nothing: each desired object is read live and
 * dry-run applied; objects of the previous revision no longer desired are pruned. Deterministic for
 * the same inputs and cluster state. Blocking problems are returned in `plan.problems`, not thrown.
 */
export async function computePlan(input: PlanInput, kube: KubeApi, options: PlanOptions = {}): Promise<Plan> {
  const limit = options.concurrency ?? PLAN_CONCURRENCY;
  const crds = input.crds ?? [];
  const planned = new Set([...crds, ...input.objects].map((o) => objectKeyOf(o.object)));
  const pruned = [...(input.previous?.objects ?? []), ...(input.pruneAlso ?? [])].filter((o) => {
    const key = objectKeyOf(o);
    if (planned.has(key)) return false;
    planned.add(key); // each object once
    return true;
  });
  const refs = [...[...crds, ...input.objects].map((o) => refOf(o.object)), ...pruned.map(refOf)];
  const reading = prefetchLive(kube, refs, options.listThreshold ?? LIST_THRESHOLD, limit, options.signal, options.prefetch);
  reading.catch(() => undefined); // awaited below
  // the new objects' dry runs need not wait for the live objects when they will be dry-run anyway
  const base = contextOf(input, kube, options, new Map());
  const earlyDryRuns = startEarlyDryRuns(base, input.objects, limit, reading);
  const ctx: PlanContext = { ...base, prefetched: await reading, earlyDryRuns };
  const crdPlans = await mapLimit(crds, limit, (o) => planDesired(ctx, o, "crd"));
  // Custom resources are dry-run against the CRDs as they are now; those whose CRD this plan
  // creates or changes are validated at apply time, after their CRD.
  const changingKinds = new Set<string>();
  crdPlans.forEach((p, i) => {
    const gk = crdGroupKind(crds[i]!.object);
    if (gk && p.action.op !== "noop") changingKinds.add(gk);
  });
  const objectCtx: PlanContext = { ...ctx, plannedKinds: changingKinds };
  const plans: ObjectPlan[] = [
    ...crdPlans,
    ...(await mapLimit(input.objects, limit, (o) => planDesired(objectCtx, o, "object"))),
    ...(await mapLimit(pruned, limit, (o) => planPruned(ctx, o))),
  ];
  plans.sort((a, b) => compareActions(a.action, b.action));
  const isInstall = !input.previous || input.previous.status === "uninstalled";
  const hooks = planHooks(input.hooks ?? [], input.operation === "rollback" ? "rollback" : isInstall ? "install" : "upgrade");
  const hooksChanged = recordedHooksChanged(input.previous && (input.previous.hooks ?? []), input.hooks ?? []);
  const problems: PlanProblem[] = [];
  if (input.lock) {
    problems.push({
      code: "ReleaseLocked",
      message: `release ${input.namespace}/${input.release} is locked by ${input.lock.holder} since ${input.lock.since}; wait for it to finish, or recover the stale lock`,
    });
  }
  for (const p of plans) problems.push(...p.problems);
  const actions = plans.map((p) => p.action);
  const objects: Record<string, KubeObject> = {};
  for (const p of plans) if (p.payload) objects[p.action.id] = p.payload;
  const sensitive = releaseSensitiveStrings([...crds, ...input.objects, ...(input.hooks ?? [])].map((o) => o.object).concat(pruned, input.previous?.objects ?? []), ctx.valueStrings);
  return {
    release: {
      name: input.release,
      namespace: input.namespace,
      revision: input.previous?.revision ?? null,
      previousStatus: input.previous?.status ?? null,
      isInstall,
      ...(input.chart && { chart: input.chart }),
    },
    changes: hooks.hooks.length > 0 || hooksChanged || actions.some((a) => a.op !== "noop" && a.op !== "keep"),
    hooksChanged,
    summary: summarize(actions),
    problems,
    hooks: hooks.hooks,
    actions,
    payload: { objects, hooks: hooks.objects, ...(sensitive.length > 0 ? { sensitive } : {}) },
  };
}

function contextOf(input: PlanInput, kube: KubeApi, options: PlanOptions, prefetched: PrefetchedLive): PlanContext {
  const plannedKinds = new Set<string>();
  for (const o of [...(input.crds ?? []), ...input.objects]) {
    const gk = crdGroupKind(o.object);
    if (gk) plannedKinds.add(gk);
  }
  const previous = input.previous && {
    revision: input.previous.revision,
    objects: new Map(input.previous.objects.map((o) => [objectKeyOf(o), o])),
  };
  const sv = input.sensitiveValues;
  return {
    kube,
    release: { name: input.release, namespace: input.namespace },
    previous,
    valueStrings: sv ? [...sensitiveValueStrings(sv.values, sv.paths), ...sensitiveValueStrings(sv.previousValues, sv.paths)] : [],
    plannedKinds,
    createdNamespaces: new Set(input.objects.filter((o) => o.object.kind === "Namespace" && o.object.apiVersion === "v1").map((o) => o.object.metadata.name)),
    adopt: options.adopt ?? false,
    ownership: input.ownership ?? [],
    replaceImmutable: options.replaceImmutable ?? false,
    forceConflicts: options.forceConflicts ?? true,
    fieldManager: options.fieldManager,
    signal: options.signal,
    prefetched,
  };
}

/** CRDs first (applied before everything), then install order, namespace, kind, name. */
function compareActions(a: PlanAction, b: PlanAction): number {
  if (a.category !== b.category) return a.category === "crd" ? -1 : 1;
  return compareRefs(a.ref, b.ref);
}

function summarize(actions: readonly PlanAction[]): PlanSummary {
  const count = (op: PlanAction["op"]) => actions.filter((a) => a.op === op).length;
  return { create: count("create"), update: count("update"), replace: count("replace"), delete: count("delete"), keep: count("keep"), noop: count("noop") };
}
