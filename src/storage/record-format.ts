import type { KubeObject } from "../model/object.js";
import type { ReleaseQuery, ReleaseSummary } from "./driver.js";
import { RELEASE_STATUSES, type Release, type ReleaseLock, type ReleaseStatus } from "./release.js";

/** How one kind of Kubernetes object carries Helm's record (Secret or ConfigMap). */
export interface RecordFormat {
  /** `Secret` or `ConfigMap`. */
  readonly kind: "Secret" | "ConfigMap";
  /** The driver's name. */
  readonly driverName: string;
  /** Fields besides metadata and data of a record object (a Secret's `type`). */
  readonly extraFields: (part: boolean) => Record<string, unknown>;
  /** The object's `data` holding one chunk of Helm's payload under `release`. */
  readonly toData: (chunk: string) => Record<string, string>;
  /** The chunk of Helm's payload an object holds; undefined when it has none. */
  readonly fromData: (object: KubeObject) => string | undefined;
}

/** berth's annotations and labels on record objects (Helm ignores them; a Helm write drops them). */
export const ANNOTATIONS = {
  lockHolder: "berth.dev/lock-holder",
  lockAcquiredAt: "berth.dev/lock-acquired-at",
  lockExpiresAt: "berth.dev/lock-expires-at",
  /** How many extra part objects the payload continues in (a berth extension Helm cannot read). */
  parts: "berth.dev/parts",
  /** Distinguishes the parts of one write from those of another write of the same revision. */
  partsId: "berth.dev/parts-id",
  /** sha256 (hex) of the whole payload, checked when a split record is put back together. */
  payloadSha256: "berth.dev/payload-sha256",
} as const;

/** Labels of the part objects a large record is split into (no `owner=helm`, so Helm never sees them). */
export const PART_LABELS = { release: "berth.dev/part-of-release", revision: "berth.dev/part-of-revision", partsId: "berth.dev/parts-id" } as const;

/** The labels Helm sets on a record, plus the release's custom labels (Helm's own win). */
export function recordLabels(release: Release, times: { createdAt?: string; modifiedAt?: string }): Record<string, string> {
  return {
    ...release.labels,
    name: release.name,
    owner: "helm",
    status: release.status,
    version: String(release.revision),
    ...(times.createdAt ? { createdAt: times.createdAt } : {}),
    ...(times.modifiedAt ? { modifiedAt: times.modifiedAt } : {}),
  };
}

/** The label selector of a query: `owner` (default `helm`), `name`, `status` and custom labels, e.g. `owner=helm,name=web`. */
export function labelSelectorOf(query: ReleaseQuery): string {
  return Object.entries({ ...query.labels, owner: query.owner ?? "helm", ...(query.name ? { name: query.name } : {}), ...(query.status ? { status: query.status } : {}) })
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
}

/** The lock as annotations, so it can be listed without decoding bodies. */
export function lockAnnotations(lock: ReleaseLock | undefined): Record<string, string> {
  if (!lock) return {};
  return { [ANNOTATIONS.lockHolder]: lock.holder, [ANNOTATIONS.lockAcquiredAt]: lock.acquiredAt, [ANNOTATIONS.lockExpiresAt]: lock.expiresAt };
}

/** Helm's label timestamps are Unix seconds. */
export function unixSeconds(ms: number): string {
  return String(Math.floor(ms / 1000));
}

/** What a record object says from its labels and annotations; undefined for objects that are not records. */
export function summaryOf(object: KubeObject): ReleaseSummary | undefined {
  const labels = object.metadata.labels ?? {};
  const annotations = object.metadata.annotations ?? {};
  const revision = Number(labels["version"]);
  const status = labels["status"] as ReleaseStatus;
  if (!labels["name"] || !Number.isInteger(revision) || !RELEASE_STATUSES.includes(status)) return undefined;
  const holder = annotations[ANNOTATIONS.lockHolder];
  const acquiredAt = annotations[ANNOTATIONS.lockAcquiredAt];
  const expiresAt = annotations[ANNOTATIONS.lockExpiresAt];
  const createdAt = isoOfSeconds(labels["createdAt"]);
  const modifiedAt = isoOfSeconds(labels["modifiedAt"]);
  return {
    name: labels["name"],
    namespace: object.metadata.namespace ?? "",
    revision,
    status,
    version: String(object.metadata["resourceVersion"] ?? ""),
    ...(holder && acquiredAt && expiresAt ? { lock: { holder, acquiredAt, expiresAt } } : {}),
    ...(createdAt ? { createdAt } : {}),
    ...(modifiedAt ? { modifiedAt } : {}),
  };
}

function isoOfSeconds(value: string | undefined): string | undefined {
  const seconds = Number(value);
  return value && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : undefined;
}

/** `Secret ns/name`, naming a record object in errors. */
export function describeObject(format: RecordFormat, namespace: string, name: string): string {
  return `${format.kind} ${namespace}/${name}`;
}
