import { UnknownKind } from "../kube/errors.js";
import type { KubeApi } from "../kube/types.js";
import type { KubeObject } from "../model/object.js";
import { mapLimit } from "../util/map-limit.js";
import type { ObjectRef } from "../model/ref.js";

/** Live objects read by one LIST per kind and namespace: `group key → name → object`. */
export type PrefetchedLive = ReadonlyMap<string, ReadonlyMap<string, KubeObject>>;

/** LISTs started ahead of a plan (while the release's records are still being read): the groups they cover, and their outcome. */
export interface LivePrefetch {
  readonly keys: ReadonlySet<string>;
  /** Rejects as {@link prefetchLive} does; never an unhandled rejection. */
  readonly live: Promise<PrefetchedLive>;
}

/** Kinds with at least this many objects in one namespace are read with one LIST instead of GETs. */
export const LIST_THRESHOLD = 20;

/** The prefetch key of a ref: apiVersion, kind and namespace. */
export function listKey(ref: ObjectRef): string {
  return `${ref.apiVersion}|${ref.kind}|${ref.namespace ?? ""}`;
}

/** One ref of each kind-and-namespace holding at least `threshold` of `refs`, by key. */
function listedGroups(refs: readonly ObjectRef[], threshold: number): Map<string, ObjectRef> {
  const groups = new Map<string, ObjectRef>();
  const counts = new Map<string, number>();
  for (const ref of refs) {
    const key = listKey(ref);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    groups.set(key, ref);
  }
  for (const key of groups.keys()) if ((counts.get(key) ?? 0) < threshold) groups.delete(key);
  return groups;
}

async function listGroups(kube: KubeApi, groups: ReadonlyMap<string, ObjectRef>, concurrency: number, signal?: AbortSignal): Promise<Map<string, ReadonlyMap<string, KubeObject>>> {
  const out = new Map<string, ReadonlyMap<string, KubeObject>>();
  await mapLimit([...groups], concurrency, async ([key, ref]) => {
    try {
      const { items } = await kube.list(ref.apiVersion, ref.kind, { ...(ref.namespace ? { namespace: ref.namespace } : {}), ...(signal ? { signal } : {}) });
      out.set(key, new Map(items.map((o) => [o.metadata.name, o])));
    } catch (e) {
      if (!(e instanceof UnknownKind)) throw e;
    }
  });
  return out;
}

/** Starts the LISTs {@link prefetchLive} would make for `refs`; a plan given it lists only what it does not cover. */
export function startPrefetch(kube: KubeApi, refs: readonly ObjectRef[], threshold: number, concurrency: number, signal?: AbortSignal): LivePrefetch {
  const groups = listedGroups(refs, threshold);
  const live = listGroups(kube, groups, concurrency, signal);
  live.catch(() => undefined); // awaited by the plan, unless the deploy fails before it
  return { keys: new Set(groups.keys()), live };
}

/**
 * Lists each kind-and-namespace that holds at least `threshold` of `refs` (one paged LIST instead
 * of many GETs); smaller groups are left to GETs. A kind the server does not serve is skipped.
 * Groups `started` covers are not listed again: its LISTs are awaited instead.
 */
export async function prefetchLive(kube: KubeApi, refs: readonly ObjectRef[], threshold: number, concurrency: number, signal?: AbortSignal, started?: LivePrefetch): Promise<PrefetchedLive> {
  const groups = listedGroups(refs, threshold);
  for (const key of started?.keys ?? []) groups.delete(key);
  const [early, rest] = await Promise.all([started?.live, listGroups(kube, groups, concurrency, signal)]);
  for (const [key, objects] of early ?? []) rest.set(key, objects);
  return rest;
}
