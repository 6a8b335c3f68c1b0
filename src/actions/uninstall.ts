import { setMaxListeners } from "node:events";
import { deletionGroups, deletionOrder } from "../apply/delete-order.js";
import type { CodeHooks } from "../hooks/code-hooks.js";
import type { HookRun } from "../hooks/events.js";
import { hooksFor } from "../hooks/order.js";
import { runHookEvent } from "../hooks/run-event.js";
import { RESOURCE_POLICY_ANNOTATION } from "../model/ownership.js";
import type { ObjectRef } from "../model/ref.js";
import type { HookEvent } from "../model/rendered.js";
import type { KubeObject } from "../model/object.js";
import { ReleaseLocked, ReleaseNotFound } from "../storage/errors.js";
import { mapLimit } from "../util/map-limit.js";
import { refOf } from "../wait/events.js";
import type { Configuration } from "./configuration.js";
import { LeaseKeeper } from "../storage/lease-keeper.js";
import { unionObjects } from "../storage/prune-base.js";
import type { ReleaseStore } from "../storage/store.js";
import type { Release, ReleaseStatus } from "../storage/release.js";
import { operationSignal } from "../util/signal.js";
import { OperationFailed } from "../apply/errors.js";
import type { DeployEvent } from "../apply/events.js";
import { durationMs } from "../wait/duration.js";
import { liveLock, releaseState } from "../storage/release-state.js";

/** How an uninstall is done. It always waits until the deleted objects are gone (up to `timeout`). */
export interface UninstallOptions {
  /** The release's namespace. @defaultValue the configuration's namespace */
  readonly namespace?: string;
  /** Keep the release's records, the latest marked `uninstalled` (so it can be rolled back). @defaultValue false */
  readonly keepHistory?: boolean;
  /** How long to wait for deleted objects to be gone, and for each hook. @defaultValue "5m" */
  readonly timeout?: number | string;
  /** Hooks written in TypeScript; only `preDelete` and `postDelete` run, and their `plan` is `undefined`. */
  readonly hooks?: CodeHooks<unknown>;
  /** Receives every step of the uninstall as it happens. */
  readonly onEvent?: (event: DeployEvent) => void;
  /** Cancels the uninstall. */
  readonly signal?: AbortSignal;
}

/** What an uninstall did. */
export interface UninstallResult {
  /** The release name. */
  readonly release: string;
  /** The release's namespace. */
  readonly namespace: string;
  /** The objects deleted, in reverse install order. */
  readonly deleted: readonly ObjectRef[];
  /** Objects left in place by `helm.sh/resource-policy: keep`. */
  readonly kept: readonly ObjectRef[];
  /** The delete hooks that ran (chart hooks and code hooks), in run order. */
  readonly hooks: readonly HookRun[];
  /** True when the records were kept (latest marked `uninstalled`). */
  readonly keptHistory: boolean;
}

/**
 * Runs the pre-delete hooks, deletes the release's objects in deletion order (`compareForDeletion`,
 * as prune does: the reverse of install order) one kind after another and waits until they are
 * gone, runs the post-delete hooks, then deletes its records — or, with `keepHistory`, marks the
 * latest `uninstalled`.
 *
 * It takes the release's lock as deploy and rollback do: an `uninstalling` revision on top of the
 * latest, created only if absent, so of an uninstall and a deploy that start together one gets
 * `ReleaseLocked`. The lock revision's record is removed last.
 * @throws ReleaseNotFound, ReleaseLocked, LeaseLost, OperationFailed
 */
export async function uninstall(config: Configuration, name: string, given: UninstallOptions = {}): Promise<UninstallResult> {
  const callerSignal = operationSignal(given.signal);
  const state = await releaseState(config, name, given.namespace, callerSignal);
  const stored = state.latest;
  if (!stored || stored.release.status === "uninstalled") throw new ReleaseNotFound(name);
  const lock = liveLock(state);
  if (lock) throw new ReleaseLocked(name, stored.release.revision, lock.holder, lock.since, stored.release.lock?.expiresAt);
  const { store } = state;
  const timeoutMs = durationMs(given.timeout, 300_000);
  const lease = await store.acquire(name, config.identity, config.lockTtlMs, (last) => {
    if (!last || last.status === "uninstalled") throw new ReleaseNotFound(name);
    const { name: _n, revision: _r, lock: _l, firstDeployed: _f, lastDeployed: _d, deleted: _x, ...content } = last;
    return { ...content, status: "uninstalling", description: "Deletion in progress" };
  });
  const keeper = new LeaseKeeper(store, lease, config.lockTtlMs);
  const kube = keeper.guard(config.kube);
  const signal = callerSignal ? AbortSignal.any([callerSignal, keeper.signal]) : keeper.signal;
  setMaxListeners(0, signal);
  const release = lease.release;
  const hookRuns: HookRun[] = [];
  const hookCtx = {
    kube,
    release: { name, namespace: state.namespace, revision: release.revision },
    plan: undefined,
    codeHooks: given.hooks,
    timeoutMs,
    signal,
    onEvent: given.onEvent,
    runs: hookRuns,
  };
  const runEvent = (event: HookEvent) => runHookEvent(event, hooksFor(event, release.hooks), hookCtx);
  let kept: KubeObject[] = [];
  let doomed: KubeObject[] = [];
  try {
    // Under the lock nothing moves: what the last deployed revision created goes too (a failed upgrade may not have pruned it).
    const deployed = await store.lastDeployed(name, { signal });
    const objects = deletionOrder(unionObjects(release, deployed?.release).map((o) => o.object), refOf);
    kept = objects.filter(isKept);
    doomed = objects.filter((o) => !isKept(o));
    await runEvent("pre-delete");
    await keeper.assertHeld(true);
    for (const group of deletionGroups(doomed, refOf)) {
      await mapLimit(group, 8, async (object) => {
        const ref = refOf(object);
        await kube.delete(ref, { propagationPolicy: "Background", signal });
        await kube.waitGone(ref, { timeoutMs, signal });
      });
    }
    await keeper.assertHeld(true);
    await runEvent("post-delete");
    await keeper.assertHeld(true);
  } catch (error) {
    const lost = keeper.failure;
    if (lost) {
      await keeper.finishIfUntouched({ status: "failed", description: `Uninstall "${name}" stopped: ${lost.message}` });
      throw lost;
    }
    await keeper.finish({ status: "failed", description: `Uninstall "${name}" failed: ${(error as Error)?.message ?? String(error)}` }).catch(() => keeper.abandon());
    throw new OperationFailed(`uninstall of ${state.namespace}/${name}`, release.revision, error);
  }
  keeper.abandon();
  await finishRecords(store, name, release.revision, given.keepHistory === true);
  return { release: name, namespace: state.namespace, deleted: doomed.map(refOf), kept: kept.map(refOf), hooks: hookRuns, keptHistory: given.keepHistory ?? false };
}

/**
 * The records once the objects are gone: every revision deleted, or (history kept) the revision
 * before the lock marked `uninstalled` and earlier `deployed` ones `superseded`. The lock revision
 * goes last, so the release stays locked until its records are final.
 */
async function finishRecords(store: ReleaseStore, name: string, lockRevision: number, keepHistory: boolean): Promise<void> {
  const others = (await store.revisions(name)).filter((r) => r.revision !== lockRevision);
  if (keepHistory) {
    const latest = others.at(-1);
    for (const summary of others) {
      const status: ReleaseStatus | undefined = summary === latest ? "uninstalled" : summary.status === "deployed" ? "superseded" : undefined;
      if (!status) continue;
      const current = await store.get(name, summary.revision);
      const changes: Partial<Release> = status === "uninstalled" ? { status, deleted: new Date(store.now()).toISOString(), description: "Uninstallation complete" } : { status };
      await store.update({ ...current.release, ...changes }, current.version);
    }
  } else {
    for (const summary of others) await store.driver.delete(name, summary.revision);
  }
  await store.driver.delete(name, lockRevision);
}

function isKept(object: KubeObject): boolean {
  return object.metadata.annotations?.[RESOURCE_POLICY_ANNOTATION] === "keep";
}
