import { setMaxListeners } from "node:events";

/**
 * An operation's own signal, following the caller's: one operation fans out into many concurrent
 * requests and watches, each listening for abort, which would trip Node's max-listeners warning on
 * the caller's signal. Returns `undefined` when there is no caller signal.
 */
export function operationSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
  if (!signal) return undefined;
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  return controller.signal;
}
