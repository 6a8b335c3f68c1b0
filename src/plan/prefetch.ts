import { UnknownKind } from "../kube/errors.js";
import type { KubeApi } from "../kube/types.js";
import type { KubeObject } from "../model/object.js";
import { mapLimit } from "../util/map-limit.js";
import type { ObjectRef } from "../model/ref.js";

/** Live objects read by one LIST per kind and namespace: `group key → name → object`. */
export type PrefetchedLive = ReadonlyMap<string, ReadonlyMap<string, KubeObject>>;

/** The prefetch key of a ref: apiVersion, kind and namespace. */
export function listKey(ref: ObjectRef): string {
  return `${ref.apiVersion}|${ref.kind}|${ref.namespace ?? ""}`;
}

/**
 * Lists each kind-and-namespace that holds at least `threshold` of `refs` (one paged LIST instead
 * of many GETs); smaller groups are left to GETs. A kind the server does not serve is skipped.
 */
export async function prefetchLive(kube: KubeApi, refs: readonly ObjectRef[], threshold: number, concurrency: number, signal?: AbortSignal): Promise<PrefetchedLive> {
  const groups = new Map<string, ObjectRef>();
  const counts = new Map<string, number>();
  for (const ref of refs) {
    const key = listKey(ref);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    groups.set(key, ref);
  }
  const wanted = [...groups].filter(([key]) => (counts.get(key) ?? 0) >= threshold);
  const out = new Map<string, Map<string, KubeObject>>();
  await mapLimit(wanted, concurrency, async ([key, ref]) => {
    try {
      const { items } = await kube.list(ref.apiVersion, ref.kind, { ...(ref.namespace ? { namespace: ref.namespace } : {}), ...(signal ? { signal } : {}) });
      out.set(key, new Map(items.map((o) => [o.metadata.name, o])));
    } catch (e) {
      if (!(e instanceof UnknownKind)) throw e;
    }
  });
  return out;
}
