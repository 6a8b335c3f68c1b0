import type { HookEvent, RenderedHook, RenderedObject } from "../model/rendered.js";
import type { KubeObject } from "../model/object.js";
import type { ObjectRef } from "../model/ref.js";

/**
 * What a deploy does to one object.
 * - `create`: absent from the cluster, desired.
 * - `update`: live and desired differ (after the server's dry-run apply).
 * - `delete`: in the previous revision, no longer desired (pruned).
 * - `replace`: an immutable field changes: delete, then create.
 * - `keep`: would be pruned, but `helm.sh/resource-policy: keep` keeps it.
 * - `noop`: nothing to write.
 */
export type PlanOp = "create" | "update" | "delete" | "replace" | "keep" | "noop";

/** Names one object in a plan: the one {@link ObjectRef}. */
export type PlanObjectRef = ObjectRef;

/** One field that changes; `before` absent = added, `after` absent = removed. */
export interface FieldChange {
  /** Dotted path with `[index]` for list items and `["key"]` for keys with dots, e.g. `spec.template.spec.containers[0].image`. */
  readonly path: string;
  /** The old value; absent when the field is added. */
  readonly before?: unknown;
  /** The new value; absent when the field is removed. */
  readonly after?: unknown;
}

/** A change under a sensitive path: its values are never kept in plan data. */
export interface RedactedChange {
  /** The sensitive path, in `FieldChange.path` syntax. */
  readonly path: string;
  /** Marks a redacted change. */
  readonly redacted: true;
  /** Whether anything under the path differs. */
  readonly changed: boolean;
  /** The keys under the path whose value was added, removed or changed (names only). */
  readonly keys: readonly string[];
}

/** One entry of an object's field-level diff. */
export type PlanFieldDiff = FieldChange | RedactedChange;

/** Live state that differs from what the previous revision recorded, for fields berth manages. */
export interface PlanDrift {
  /** The revision whose record the live object no longer matches. */
  readonly revision: number;
  /** e.g. `live differs from revision 4`. */
  readonly message: string;
  /** `before` = recorded in the revision, `after` = live. */
  readonly fields: readonly PlanFieldDiff[];
}

/** The action on one object, with everything a reviewer and the apply side need (secrets redacted). */
export interface PlanAction {
  /** What the deploy does to the object. */
  readonly op: PlanOp;
  /** Stable key of the object, e.g. `apps/v1 Deployment web/api`; keys `Plan.payload.objects`. */
  readonly id: string;
  /** The object. */
  readonly ref: ObjectRef;
  /** `crd` for the charts' `crds/` objects (applied first), else `object`. */
  readonly category: "crd" | "object";
  /** The template the object came from (desired objects only). */
  readonly source?: string;
  /** Field-level diff: live → desired (empty for `noop`, `keep`; whole object for `create`/`delete`). */
  readonly diff: readonly PlanFieldDiff[];
  /** The printable old object (normalized, redacted), for formatters' YAML diffs. */
  readonly before?: unknown;
  /** The printable new object (normalized, redacted), for formatters' YAML diffs. */
  readonly after?: unknown;
  /** For `replace` (or a blocked one): the immutable fields the change touches. */
  readonly immutableFields?: readonly string[];
  /** Set when live differs from the previous revision's record. */
  readonly drift?: PlanDrift;
  /** Set when a live object owned by no or another release is adopted (option `adopt`). */
  readonly adopted?: boolean;
  /** Why the op was chosen, when not obvious (e.g. `already absent from the cluster`). */
  readonly note?: string;
  /** The live object's `resourceVersion` when planned; `null` when it did not exist. Checked by `checkPlanFresh`. */
  readonly liveResourceVersion: string | null;
  /**
   * Digest of the live object's compared content (see `liveDigest`); `null` when absent. A moved
   * resourceVersion with the same digest (a status-only write) does not make a plan stale.
   */
  readonly liveDigest: string | null;
}

/** A problem that stops the plan from being applied. */
export interface PlanProblem {
  /** What kind of problem it is. */
  readonly code: "OwnershipConflict" | "ImmutableField" | "ReleaseLocked" | "DryRunFailed" | "NamespaceMissing";
  /** What is wrong and how to fix it (secret values scrubbed). */
  readonly message: string;
  /** The object concerned, if any. */
  readonly object?: string;
  /** For `OwnershipConflict`: the release that owns the object now; `undefined` when none. */
  readonly owner?: { readonly release: string; readonly namespace: string };
  /** For `ImmutableField`: the fields. */
  readonly fields?: readonly string[];
}

/** A hook that runs as part of the operation the plan is for, in run order. */
export interface PlanHook {
  /** The event it runs on. */
  readonly event: HookEvent;
  /** `helm.sh/hook-weight`; hooks of an event run in ascending weight. */
  readonly weight: number;
  /** Stable key of the hook object, as `PlanAction.id`. */
  readonly id: string;
  /** The hook object. */
  readonly ref: ObjectRef;
  /** The template the hook came from. */
  readonly source: string;
  /** `helm.sh/hook-delete-policy` values. */
  readonly deletePolicies: readonly string[];
}

/** Counts of actions by op. */
export interface PlanSummary {
  /** Objects to create. */
  readonly create: number;
  /** Objects to update. */
  readonly update: number;
  /** Objects to replace (delete, then create). */
  readonly replace: number;
  /** Objects to delete (prune). */
  readonly delete: number;
  /** Objects kept by `helm.sh/resource-policy: keep` instead of pruned. */
  readonly keep: number;
  /** Objects left as they are. */
  readonly noop: number;
}

/**
 * The exact objects to apply. Never printed: formatters and `JSON` output do not read it;
 * `savePlan` encrypts it when given a key.
 */
export interface PlanPayload {
  /** The desired objects (CRDs included) by action id, exactly as rendered. */
  readonly objects: Readonly<Record<string, KubeObject>>;
  /** The hook objects applying runs, exactly as rendered, in run order (same order and length as `Plan.hooks`). */
  readonly hooks: readonly KubeObject[];
  /**
   * Every string that must never be shown (Secret data, `x-sensitive` values, annotated paths of
   * the desired, recorded and hook objects), longest first: applying scrubs them from errors,
   * events and the revision's description. @defaultValue none
   */
  readonly sensitive?: readonly string[];
  /**
   * What the release record of the applied plan holds, so a saved plan can be applied exactly
   * (`applySavedPlan`) without rendering again. Set by `cluster.plan()` and the script runner's
   * plan mode; absent from plans computed by `computePlan` alone. May hold secrets (values).
   */
  readonly release?: PlanReleaseDraft;
}

/** The chart a planned revision is made from (`Chart.yaml` metadata; unknown fields kept). */
export interface PlanChartMetadata {
  /** The chart's name. */
  readonly name: string;
  /** The chart's SemVer version. */
  readonly version: string;
  /** Other `Chart.yaml` fields, kept as they are. */
  readonly [field: string]: unknown;
}

/** The content of the release revision a plan writes when applied: what was rendered, and from what. */
export interface PlanReleaseDraft {
  /** The chart the revision is made from. */
  readonly chart: PlanChartMetadata;
  /** The values the user gave (Helm's `config`). */
  readonly config: Readonly<Record<string, unknown>>;
  /** The computed values: chart defaults ← user values. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The release's objects in install order, with their templates. */
  readonly objects: readonly RenderedObject[];
  /** The release's hook objects, in run order. */
  readonly hooks: readonly RenderedHook[];
  /** The charts' `crds/` objects. */
  readonly crds: readonly RenderedObject[];
  /** Rendered `NOTES.txt`. */
  readonly notes: string;
}

/** Which release a plan is for and which revision it was computed against. */
export interface PlanRelease {
  /** The release name. */
  readonly name: string;
  /** The release's namespace. */
  readonly namespace: string;
  /** The revision the plan was computed against; `null` for a first install. Checked by `checkPlanFresh`. */
  readonly revision: number | null;
  /** The previous revision's status, e.g. `deployed`; `null` for a first install. */
  readonly previousStatus: string | null;
  /** True when there is no previous revision. */
  readonly isInstall: boolean;
  /** The chart deployed: name, version and, for charts loaded by reference, the package digest. */
  readonly chart?: PlanChartRef;
}

/** The chart a plan deploys, as plans show it. */
export interface PlanChartRef {
  /** The chart's name. */
  readonly name: string;
  /** The chart's version. */
  readonly version: string;
  /** `sha256:<hex>` of the chart package, for charts loaded from a package, repository or registry. */
  readonly digest?: string;
  /** Where the package came from (URL, `oci://` reference or file). */
  readonly source?: string;
}

/** A deterministic plan: same inputs, same data. Plain readonly data. */
export interface Plan {
  /** The release and the revision the plan was computed against. */
  readonly release: PlanRelease;
  /**
   * False when every action is `noop`/`keep`, no hook runs and the recorded hooks are unchanged
   * (`hooksChanged`): applying writes nothing, not even a revision.
   */
  readonly changes: boolean;
  /**
   * True when the hooks the new revision records (every event: `test`, rollback and delete hooks
   * too) differ from the previous revision's, last runs aside: applying writes a revision even when
   * no object changes. Absent from plans saved before it existed (read as `false`).
   */
  readonly hooksChanged: boolean;
  /** Counts of actions by op. */
  readonly summary: PlanSummary;
  /** Blocking problems; a plan with any must not be applied. */
  readonly problems: readonly PlanProblem[];
  /**
   * The hooks applying runs, and only those: the pre-event's first, then the post-event's, each in
   * Helm's order (weight, then name, then kind). Their objects are `payload.hooks`, same order.
   */
  readonly hooks: readonly PlanHook[];
  /** One action per object, CRDs first, then install order of kind, namespace, kind, name. */
  readonly actions: readonly PlanAction[];
  /** What apply needs, unredacted. Not for printing. */
  readonly payload: PlanPayload;
}
