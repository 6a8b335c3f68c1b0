import { UnknownKind } from "../kube/errors.js";
import type { KubeApi } from "../kube/types.js";
import { crdGroupKind, groupKind } from "./context.js";
import type { RenderedObject, RenderResult } from "../model/rendered.js";

/** `group|Kind` of the cluster-scoped kinds the charts' own CRDs define. */
function clusterScopedCrdKinds(crds: readonly RenderedObject[]): Set<string> {
  const kinds = new Set<string>();
  for (const { object } of crds) {
    const gk = crdGroupKind(object);
    if (gk && (object["spec"] as { scope?: string }).scope === "Cluster") kinds.add(gk);
  }
  return kinds;
}

/**
 * Render fills in the release namespace from a built-in table of cluster-scoped kinds; for kinds the
 * table doesn't know (custom resources), the cluster's discovery — or the chart's own CRDs — decide.
 * Returns the render result with the namespace removed from cluster-scoped objects.
 */
export async function scopeByDiscovery(rendered: RenderResult, kube: KubeApi): Promise<RenderResult> {
  const crdKinds = clusterScopedCrdKinds(rendered.crds);
  const fix = async (item: RenderedObject): Promise<RenderedObject> => {
    const { object } = item;
    if (!object.metadata.namespace) return item;
    let namespaced = !crdKinds.has(groupKind(object.apiVersion, object.kind));
    if (namespaced) {
      try {
        namespaced = await kube.isNamespaced(object.apiVersion, object.kind);
      } catch (e) {
        if (!(e instanceof UnknownKind)) throw e;
      }
    }
    if (namespaced) return item;
    const { namespace: _, ...metadata } = object.metadata;
    return { ...item, object: { ...object, metadata } };
  };
  const objects = await Promise.all(rendered.objects.map(fix));
  const hooks = await Promise.all(rendered.hooks.map(async (h) => ({ ...h, ...(await fix(h)) })));
  return { ...rendered, objects, hooks };
}
