import type { KubeApi } from "../kube/types.js";
import type { HookEvent, RenderedHook } from "../model/rendered.js";
import type { WaitEvent } from "../wait/events.js";
import { codeHookFor, runCodeHook, type CodeHookContext, type CodeHooks } from "./code-hooks.js";
import { HookFailed } from "./errors.js";
import type { HookRun, HookRunEvent } from "./events.js";
import { runHookList } from "./run-hooks.js";

/** What running the hooks of one event needs. */
export interface HookEventContext<Plan> {
  readonly kube: KubeApi;
  /** The release the operation is for; `namespace` is given to hook objects of namespaced kinds that name none. */
  readonly release: CodeHookContext<Plan>["release"];
  /** Given to code hooks. */
  readonly plan: Plan;
  /** Hooks written in TypeScript; the one of the event runs after the manifest hooks. */
  readonly codeHooks?: CodeHooks<Plan> | undefined;
  /** How long each manifest hook may take. */
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  readonly onEvent?: ((event: HookRunEvent | WaitEvent) => void) | undefined;
  /** Receives every run, a failed one included, as it ends: the release record keeps them. */
  readonly runs: HookRun[];
}

/**
 * Runs one hook event of an operation: the given manifest hooks in the given order (a plan's, or
 * `hooksFor(event, …)`), then the event's code hook. Every run, a failed one included, is pushed to
 * `ctx.runs`.
 * @throws HookFailed at the first failing hook; Aborted; KubeApiError
 */
export async function runHookEvent<Plan>(event: HookEvent, hooks: readonly RenderedHook[], ctx: HookEventContext<Plan>): Promise<void> {
  const onEvent = ctx.onEvent;
  try {
    ctx.runs.push(...(await runHookList(event, hooks, ctx.kube, { namespace: ctx.release.namespace, timeoutMs: ctx.timeoutMs, signal: ctx.signal, ...(onEvent ? { onEvent } : {}) })));
    const fn = codeHookFor(ctx.codeHooks, event);
    if (fn) ctx.runs.push(await runCodeHook(event, fn, { event, release: ctx.release, plan: ctx.plan, kube: ctx.kube, signal: ctx.signal }, onEvent));
  } catch (error) {
    // The failed hook's run (and those before it in this event) belong in the record too.
    if (error instanceof HookFailed) ctx.runs.push(...error.runs);
    throw error;
  }
}
