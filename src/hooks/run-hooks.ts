import { refOf } from "../model/ref.js";
import type { KubeApi } from "../kube/types.js";
import type { HookEvent, RenderedHook } from "../model/rendered.js";
import type { WaitEvent } from "../wait/events.js";
import { HookFailed } from "./errors.js";
import type { HookRun, HookRunEvent } from "./events.js";
import { runManifestHook } from "./manifest-hook.js";
import { hooksFor } from "./order.js";

/** How to run the hooks of one event. */
export interface RunHooksOptions {
  /** The release namespace, given to hook objects of namespaced kinds that name none. */
  readonly namespace: string;
  /** How long each hook may take (its Job/Pod run, and deletions). @defaultValue 300000 (5 minutes) */
  readonly timeoutMs?: number;
  /** Stops the run; it then throws `Aborted`. */
  readonly signal?: AbortSignal;
  /** Receives `hook-started`/`hook-finished`, and the `k8s-event`/`object-waiting` events of Job/Pod hooks. */
  readonly onEvent?: (event: HookRunEvent | WaitEvent) => void;
}

/**
 * Runs the manifest hooks registered for `event`, one at a time, in Helm's order (`compareHooks`:
 * weight, then name, then kind), with Helm's delete policies. Stops at the first failure.
 *
 * @param hooks - every hook of the release (those of other events are ignored)
 * @returns one record per hook run, for the release record
 * @throws HookFailed naming the hook, its failure and its Pods' logs; Aborted; KubeApiError
 */
export async function runHooks(event: HookEvent, hooks: readonly RenderedHook[], kube: KubeApi, options: RunHooksOptions): Promise<HookRun[]> {
  return await runHookList(event, hooksFor(event, hooks), kube, options);
}

/**
 * Runs exactly the given manifest hooks for `event`, in the given order (e.g. a plan's), with
 * Helm's delete policies. Stops at the first failure.
 * @throws HookFailed (its `runs` hold this call's runs, the failed one last); Aborted; KubeApiError
 */
export async function runHookList(event: HookEvent, hooks: readonly RenderedHook[], kube: KubeApi, options: RunHooksOptions): Promise<HookRun[]> {
  const runs: HookRun[] = [];
  const timeoutMs = options.timeoutMs ?? 300_000;
  for (const hook of hooks) {
    const { name } = hook.object.metadata;
    const { kind } = hook.object;
    const startedAt = new Date();
    options.onEvent?.({ type: "hook-started", hook: name, kind, event });
    const finish = (ok: boolean, message?: string) => {
      const completedAt = new Date();
      const phase = ok ? "Succeeded" : "Failed";
      runs.push({ name, kind, ref: refOf(hook.object), events: hook.events, phase, startedAt: startedAt.toISOString(), completedAt: completedAt.toISOString() });
      options.onEvent?.({ type: "hook-finished", hook: name, kind, event, phase, durationMs: completedAt.getTime() - startedAt.getTime(), ...(message ? { message } : {}) });
    };
    let outcome;
    try {
      outcome = await runManifestHook(hook, { event, kube, namespace: options.namespace, timeoutMs, ...(options.signal ? { signal: options.signal } : {}), ...(options.onEvent ? { onEvent: options.onEvent } : {}) });
    } catch (error) {
      finish(false, (error as Error)?.message ?? String(error));
      if ((error as { code?: string })?.code === "Aborted") throw error;
      throw new HookFailed({ name, kind, event }, (error as Error)?.message ?? String(error), { runs, cause: error });
    }
    finish(outcome.ok, outcome.ok ? undefined : outcome.reason);
    if (!outcome.ok) throw new HookFailed({ name, kind, event }, outcome.reason, { runs, logs: outcome.logs });
  }
  return runs;
}
