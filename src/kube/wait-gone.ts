import { Aborted, WaitTimeout } from "./errors.js";
import { watchEvents, type WatchTarget } from "./watch.js";
import type { ObjectRef } from "../model/ref.js";

/** Options of {@link waitGone}. */
export interface WaitGoneOptions {
  /** @defaultValue 300000 (5 minutes) */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * Resolves once the object `ref` names no longer exists — or was replaced by a new object of the
 * same name (another uid). `target.list` must select that one name. Watches from a list, and the watch
 * re-lists when it expires. Throws `WaitTimeout` after the timeout, `Aborted` when the signal fires.
 */
export async function waitGone(target: WatchTarget, ref: ObjectRef, options: WaitGoneOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  const what = `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name} to be deleted`;
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(new WaitTimeout(what, timeoutMs)), timeoutMs);
  const onAbort = () => stop.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    if (options.signal?.aborted) onAbort();
    const listed = await target.list(stop.signal);
    const current = listed.items.find((o) => o.metadata.name === ref.name);
    if (!current) return;
    const uid = current.metadata["uid"];
    const events = watchEvents(target, { signal: stop.signal, resourceVersion: listed.resourceVersion, seen: [current] });
    for await (const event of events) {
      if (event.object.metadata.name !== ref.name || event.type === "BOOKMARK") continue;
      if (event.type === "DELETED" || event.object.metadata["uid"] !== uid) return;
    }
  } catch (e) {
    if (!stop.signal.aborted) throw e;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
  // Only an abort ends the watch without the object going away.
  if (options.signal?.aborted) throw new Aborted(`waiting for ${what}`, options.signal.reason);
  throw new WaitTimeout(what, timeoutMs);
}
