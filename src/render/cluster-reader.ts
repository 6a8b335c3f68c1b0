import type { KubeApi } from "../kube/types.js";
import type { ClusterReader } from "./lookup.js";

/**
 * The read-only view of the cluster that templates get (Helm's `lookup`): GET, LIST and discovery
 * through berth's kube layer, and nothing else — the client itself never reaches a template.
 */
export function clusterReader(kube: KubeApi): ClusterReader {
  return {
    get: (ref, options) => kube.get(ref, options),
    list: (apiVersion, kind, options) => kube.list(apiVersion, kind, options),
    isNamespaced: (apiVersion, kind) => kube.isNamespaced(apiVersion, kind),
  };
}
