import { setMaxListeners } from "node:events";
import { codeHookFor } from "../hooks/code-hooks.js";
import type { HookRun } from "../hooks/events.js";
import { withRuns } from "../hooks/record.js";
import { runHookEvent } from "../hooks/run-event.js";
import type { KubeApi } from "../kube/types.js";
import type { KubeObject } from "../model/object.js";
import type { ObjectRef } from "../model/ref.js";
import type { HookEvent } from "../model/rendered.js";
import { PlanStale } from "../plan/errors.js";
import { hookEventsOf, plannedHooks } from "../plan/hooks.js";
import { scrubberOf, scrubbingListener, scrubError } from "../plan/scrub.js";
import type { Plan } from "../plan/types.js";
import type { StoredRelease } from "../storage/driver.js";
import { LeaseKeeper } from "../storage/lease-keeper.js";
import type { ReleaseDraft } from "../storage/lock.js";
import type { ReleaseState } from "../storage/release-state.js";
import { durationMs } from "../wait/duration.js";
import { waitForReady } from "../wait/wait.js";
import { OperationFailed } from "./errors.js";
import { executePlan } from "./execute.js";
import type { OperationOptions } from "./options.js";

/** How an operation that writes is carried out: the public {@link OperationOptions}. */
export type PerformOptions = OperationOptions;

/** Where an operation writes: the cluster, and who holds the release's lock for how long (a `Configuration`). */
export interface PerformTarget {
  readonly kube: KubeApi;
  /** The lock holder's identity. */
  readonly identity: string;
  /** The lock's lifetime; it is renewed while the operation runs. */
  readonly lockTtlMs: number;
}

/** One operation to perform. */
export interface PerformRequest {
  readonly state: ReleaseState;
  /** What to do: its actions and its hooks, exactly. */
  readonly plan: Plan;
  /** Names the code hooks that run (`pre-<operation>`, `post-<operation>`) and the revision's status texts. */
  readonly operation: "install" | "upgrade" | "rollback";
  /** The pending revision's content (status `pending-*`). */
  readonly draft: ReleaseDraft;
  /** The description once deployed, e.g. `Install complete`. */
  readonly success: string;
}

/** What performing wrote. */
export interface PerformResult {
  readonly record: StoredRelease;
  readonly applied: readonly KubeObject[];
  readonly deleted: readonly ObjectRef[];
  readonly hookRuns: readonly HookRun[];
}

/**
 * Performs a plan — the one stage shared by deploy, saved-plan apply and rollback: takes the
 * release's lock by recording the pending revision (`PlanStale` when another operation wrote a
 * revision since the plan was computed), runs the plan's pre-hooks, executes its actions, waits,
 * runs its post-hooks, and marks the revision `deployed` (the previous one `superseded`). The hooks
 * run are the plan's (`Plan.hooks`, objects from its payload), never re-read from the draft; the
 * draft is what the revision records. On any failure or abort the revision is marked `failed` with
 * the reason and `OperationFailed` is thrown. When the lock is lost meanwhile (taken over, or
 * renewals failed until it expired) the operation stops before its next write with `LeaseLost`.
 */
export async function performOperation(target: PerformTarget, request: PerformRequest, options: PerformOptions): Promise<PerformResult> {
  const { state, plan, operation, draft } = request;
  // The server may quote a rejected value (a Secret's data, an x-sensitive value): nothing that reaches
  // the caller's events, the thrown error or the revision's description may hold one.
  const scrub = scrubberOf(plan.payload.sensitive);
  const emit = (plan.payload.sensitive?.length ? scrubbingListener(options.onEvent, scrub) : options.onEvent) ?? (() => undefined);
  const pre = plannedHooks(plan, "pre");
  const post = plannedHooks(plan, "post");
  const events = hookEventsOf(operation);
  const foreign = plan.hooks.find((h) => !events.includes(h.event));
  // A plan made for another operation (an install plan once the release is deployed) runs other hooks.
  if (foreign) throw new PlanStale([{ what: "operation", planned: foreign.event.replace(/^(pre|post)-/, ""), current: operation }]);
  const lease = await state.store.acquire(state.name, target.identity, target.lockTtlMs, (last) => {
    // Another operation finished between planning and locking: this plan no longer starts from the latest revision.
    const planned = state.latest?.release.revision;
    // An uninstall with history kept leaves the revision number but removes the objects the plan was computed against.
    const uninstalled = last?.status === "uninstalled" && state.latest?.release.status !== "uninstalled";
    if (last?.revision !== planned || uninstalled) throw new PlanStale([{ what: "release", planned: planned === undefined ? null : String(planned), current: last ? String(last.revision) : null }]);
    return draft;
  }, state.latest ? { known: state.latest } : { knownEmpty: true });
  const keeper = new LeaseKeeper(state.store, lease, target.lockTtlMs);
  // Every write goes through the keeper's guard, and a lost lock aborts waits: the operation stops before its next write.
  const kube = keeper.guard(target.kube);
  const signal = options.signal ? AbortSignal.any([options.signal, keeper.signal]) : keeper.signal;
  setMaxListeners(0, signal);
  const revision = lease.release.revision;
  emit({ type: "revision-pending", release: state.name, revision, status: draft.status });
  const hookRuns: HookRun[] = [];
  const hookCtx = {
    kube,
    release: { name: state.name, namespace: state.namespace, revision },
    plan,
    codeHooks: options.hooks,
    timeoutMs: durationMs(options.hookTimeout, 300_000),
    signal,
    onEvent: emit,
    runs: hookRuns,
  };
  const runEvent = (event: HookEvent, hooks: typeof pre) => runHookEvent(event, hooks, hookCtx);
  try {
    await runEvent(`pre-${operation}`, pre);
    // After hooks ran, the lease is read again before the next step; without hooks it was confirmed
    // moments ago (by the acquire, or by the writes themselves), and the keeper's window applies.
    const hooksRan = (event: HookEvent, hooks: typeof pre) => hooks.length > 0 || codeHookFor(options.hooks, event) !== undefined;
    const waitSettings = options.wait === true ? {} : options.wait || undefined;
    const waitTimeoutMs = durationMs(waitSettings?.timeout, 300_000);
    const waitFor = (objects: readonly KubeObject[], waitForJobs = false) =>
      waitForReady(objects, kube, { timeoutMs: waitTimeoutMs, waitForJobs, onEvent: emit, signal }).then(() => undefined);
    await keeper.assertHeld(hooksRan(`pre-${operation}`, pre));
    const result = await executePlan(plan, kube, {
      waitReady: (objects) => waitFor(objects),
      onEvent: emit,
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      signal,
    });
    if (waitSettings) await waitFor(result.applied, waitSettings.waitForJobs ?? false);
    // before post-hooks write; without them, finishing compares the record's version anyway
    await keeper.assertHeld(hooksRan(`post-${operation}`, post));
    await runEvent(`post-${operation}`, post);
    const record = await keeper.finish({ status: "deployed", description: request.success, hooks: withRuns(draft.hooks, hookRuns) });
    return { record, applied: result.applied, deleted: result.deleted, hookRuns };
  } catch (raw) {
    const error = scrubError(raw, scrub);
    const lost = keeper.failure;
    if (lost) {
      // The record is someone else's now (or expired): write "failed" only if nobody touched it.
      await keeper.finishIfUntouched({ status: "failed", description: `${capitalize(operation)} "${state.name}" stopped: ${scrub(lost.message)}`, hooks: withRuns(draft.hooks, hookRuns) });
      throw lost;
    }
    const reason = scrub((error as Error)?.message ?? String(error));
    await keeper
      .finish({ status: "failed", description: `${capitalize(operation)} "${state.name}" failed: ${reason}`, hooks: withRuns(draft.hooks, hookRuns) })
      .catch(() => keeper.abandon());
    throw new OperationFailed(`${operation} of ${state.namespace}/${state.name}`, revision, error);
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
