import type { ObjectRef } from "../../model/ref.js";
import type { ReleaseStatusReport, RevisionInfo } from "../../actions/queries.js";
import type { Column } from "./table.js";

/** A revision as `history -o json|yaml` prints it: fixed key order. */
export function revisionData(r: RevisionInfo) {
  return { revision: r.revision, updated: r.updated, status: r.status, chart: r.chart, appVersion: r.appVersion, description: r.description };
}

/** A release as `list -o json|yaml` prints it: fixed key order. */
export function releaseData(r: RevisionInfo) {
  return { name: r.name, namespace: r.namespace, revision: r.revision, updated: r.updated, status: r.status, chart: r.chart, appVersion: r.appVersion };
}

/** An object reference with a fixed key order. */
export function refData(o: ObjectRef) {
  return { apiVersion: o.apiVersion, kind: o.kind, ...(o.namespace ? { namespace: o.namespace } : {}), name: o.name };
}

/** `status -o json|yaml`: fixed key order; object references only, never their content. */
export function statusData(s: ReleaseStatusReport) {
  return {
    name: s.name,
    namespace: s.namespace,
    revision: s.revision,
    status: s.status,
    chart: s.chart,
    appVersion: s.appVersion,
    firstDeployed: s.firstDeployed,
    lastDeployed: s.updated,
    description: s.description,
    ...(s.lock ? { lock: { holder: s.lock.holder, acquiredAt: s.lock.acquiredAt, expiresAt: s.lock.expiresAt } } : {}),
    objects: s.objects.map(refData),
    notes: s.notes,
  };
}

/** The columns of `berth history`. */
export const HISTORY_COLUMNS: readonly Column<RevisionInfo>[] = [
  { header: "REVISION", value: (r) => r.revision },
  { header: "UPDATED", value: (r) => r.updated },
  { header: "STATUS", value: (r) => r.status },
  { header: "CHART", value: (r) => r.chart },
  { header: "APP VERSION", value: (r) => r.appVersion },
  { header: "DESCRIPTION", value: (r) => r.description },
];

/** The columns of `berth list`. */
export const LIST_COLUMNS: readonly Column<RevisionInfo>[] = [
  { header: "NAME", value: (r) => r.name },
  { header: "NAMESPACE", value: (r) => r.namespace },
  { header: "REVISION", value: (r) => r.revision },
  { header: "UPDATED", value: (r) => r.updated },
  { header: "STATUS", value: (r) => r.status },
  { header: "CHART", value: (r) => r.chart },
  { header: "APP VERSION", value: (r) => r.appVersion },
];

/** The columns of the object table in `berth status`. */
export const OBJECT_COLUMNS: readonly Column<ObjectRef>[] = [
  { header: "KIND", value: (o) => o.kind },
  { header: "NAMESPACE", value: (o) => o.namespace ?? "" },
  { header: "NAME", value: (o) => o.name },
  { header: "API VERSION", value: (o) => o.apiVersion },
];
