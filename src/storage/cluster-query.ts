import type { KubeApi } from "../kube/types.js";
import type { DriverCallOptions, ReleaseQuery, ReleaseSummary } from "./driver.js";
import { labelSelectorOf, summaryOf } from "./record-format.js";

/** The Kubernetes storage kinds whose records can be listed cluster-wide. */
export type KubeStorageKind = "secret" | "configmap";

const KINDS: Readonly<Record<KubeStorageKind, "Secret" | "ConfigMap">> = { secret: "Secret", configmap: "ConfigMap" };

/**
 * Summaries of the release records of every namespace whose labels match `query`, in one
 * cluster-wide LIST of Secrets (or ConfigMaps) labelled `owner=helm` — as `helm list -A` does —
 * without decoding their bodies; unordered. Each summary's namespace is its object's.
 * Decode a record through its namespace's {@link ReleaseStore}.
 *
 * @param kube - the API (the caller must be allowed to list Secrets/ConfigMaps cluster-wide)
 * @param storage - which objects hold the records: `secret` (Helm's default) or `configmap`
 * @throws KubeApiError (e.g. `Forbidden` without cluster-wide list permission)
 */
export async function queryAllNamespaces(kube: KubeApi, storage: KubeStorageKind, query: ReleaseQuery = {}, options: DriverCallOptions = {}): Promise<ReleaseSummary[]> {
  const { items } = await kube.list("v1", KINDS[storage], { labelSelector: labelSelectorOf(query), ...(options.signal ? { signal: options.signal } : {}) });
  return items.flatMap((object) => summaryOf(object) ?? []);
}
