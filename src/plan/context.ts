import { groupOf } from "../model/ref.js";
import type { KubeApi } from "../kube/types.js";
import type { KubeObject } from "../model/object.js";
import type { RenderedObject } from "../model/rendered.js";
import type { DryRunOutcome } from "./dry-run-outcome.js";
import type { OwnershipRule } from "./ownership.js";
import type { PrefetchedLive } from "./prefetch.js";

/** What every per-object planning step shares; built once by `computePlan`. */
export interface PlanContext {
  readonly kube: KubeApi;
  readonly release: { readonly name: string; readonly namespace: string };
  /** The previous revision's objects by identity key, and its number. */
  readonly previous: { readonly revision: number; readonly objects: ReadonlyMap<string, KubeObject> } | undefined;
  /** Sensitive value strings from the chart's values. */
  readonly valueStrings: readonly string[];
  /** `group|kind` of the custom kinds the plan's own CRDs define (not served yet on first install). */
  readonly plannedKinds: ReadonlySet<string>;
  readonly adopt: boolean;
  readonly ownership: readonly OwnershipRule[];
  readonly replaceImmutable: boolean;
  readonly forceConflicts: boolean;
  readonly fieldManager: string | undefined;
  readonly signal: AbortSignal | undefined;
  /** Namespaces this plan creates (its `Namespace` objects): objects in them are dry-run after they exist. */
  readonly createdNamespaces: ReadonlySet<string>;
  /** Live objects already read by LIST; others are read by GET. */
  readonly prefetched: PrefetchedLive;
  /**
   * Dry runs sent while the live objects were still being read, for desired objects the previous
   * revision did not record (they are dry-run whatever is live): the object as applied, and the
   * outcome, used when the object is absent.
   */
  readonly earlyDryRuns?: ReadonlyMap<RenderedObject, EarlyDryRun>;
}

/** A dry run sent before the live objects were read: the desired object as applied, and its outcome as if absent. */
export interface EarlyDryRun {
  readonly desired: KubeObject;
  readonly outcome: Promise<DryRunOutcome>;
}

/** `group|kind` of an apiVersion + kind. */
export function groupKind(apiVersion: string, kind: string): string {
  return `${groupOf(apiVersion)}|${kind}`;
}

/** The `group|kind` a CustomResourceDefinition object defines; `undefined` for other objects. */
export function crdGroupKind(object: KubeObject): string | undefined {
  if (object.kind !== "CustomResourceDefinition") return undefined;
  const spec = object["spec"] as { group?: string; names?: { kind?: string } } | undefined;
  return spec?.group && spec.names?.kind ? `${spec.group}|${spec.names.kind}` : undefined;
}
