import type { KubeApi, ListOptions } from "../kube/types.js";
import type { KubeObject } from "../model/object.js";

/** What to follow: a kind and a list query (namespace, label/field selector). */
export interface FollowQuery {
  readonly apiVersion: string;
  readonly kind: string;
  readonly list: Omit<ListOptions, "signal">;
}

/** How a follow reports. */
export interface FollowCallbacks {
  /** The current set of matching objects, after the initial list and after every change. */
  readonly onChange: (items: readonly KubeObject[]) => void;
  /** A list or watch failed; the follow retries. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Keeps an up-to-date view of the objects matching a query until `signal` aborts: lists, then
 * watches from the list's resourceVersion. The watch is restarted from a fresh list when it ends,
 * fails, or after `relistMs` (so a silently stalled watch cannot hide a change for long).
 */
export async function follow(kube: KubeApi, query: FollowQuery, callbacks: FollowCallbacks, signal: AbortSignal, relistMs = 30_000): Promise<void> {
  while (!signal.aborted) {
    const round = AbortSignal.any([signal, AbortSignal.timeout(relistMs)]);
    try {
      const listed = await kube.list(query.apiVersion, query.kind, { ...query.list, signal: round });
      const items = new Map(listed.items.map((o) => [keyOf(o), o]));
      callbacks.onChange([...items.values()]);
      const events = kube.watch(query.apiVersion, query.kind, { ...query.list, resourceVersion: listed.resourceVersion, signal: round });
      for await (const event of events) {
        if (round.aborted) break;
        if (event.type === "BOOKMARK") continue;
        if (event.type === "DELETED") items.delete(keyOf(event.object));
        else items.set(keyOf(event.object), event.object);
        callbacks.onChange([...items.values()]);
      }
    } catch (error) {
      if (signal.aborted) return;
      if (!round.aborted) {
        callbacks.onError?.(error);
        await sleep(1000, signal);
      }
    }
  }
}

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ""}/${object.metadata.name}`;
}

/** Resolves after `ms`, or early when `signal` aborts (never rejects). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
