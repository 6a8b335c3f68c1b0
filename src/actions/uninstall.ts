import { codeHookFor, runCodeHook, type CodeHooks } from "../hooks/code-hooks.js";
import type { HookRun } from "../hooks/events.js";
import { runHooks } from "../hooks/run-hooks.js";
import type { ObjectRef } from "../kube/types.js";
import { compareKinds } from "../render/kinds.js";
import type { HookEvent, KubeObject } from "../render/types.js";
import { ReleaseLocked, ReleaseNotFound } from "../storage/errors.js";
import { mapLimit } from "../util/map-limit.js";
import { refOf } from "../wait/events.js";
import type { Configuration } from "./configuration.js";
import { operationSignal } from "../util/signal.js";
import { OperationFailed } from "./errors.js";
import type { DeployEvent } from "./events.js";
import { durationMs } from "./perform.js";
import { liveLock, releaseState } from "./prepare.js";

/** Annotation that keeps an object when the release deletes it (Helm's). */
export const RESOURCE_POLICY_ANNOTATION = "helm.sh/resource-policy";

/** How an uninstall is done. */
export interface UninstallOptions {
  /** The release's namespace. @defaultValue the configuration's namespace */
  readonly namespace?: string;
  /** Keep the release's records, the latest marked `uninstalled` (so it can be rolled back). @defaultValue false */
  readonly keepHistory?: boolean;
  /** How long to wait for deleted objects to be gone, and for each hook. @defaultValue "5m" */
  readonly timeout?: number | string;
  /** Accepted for symmetry with deploy; uninstall always waits until objects are gone. */
  readonly wait?: unknown;
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
 * Deletes a release's objects in reverse install order (running pre/post-delete hooks), waits until
 * they are gone, then deletes its records — or, with `keepHistory`, marks the latest `uninstalled`.
 * @throws ReleaseNotFound, ReleaseLocked, OperationFailed
 */
export async function uninstall(config: Configuration, name: string, given: UninstallOptions = {}): Promise<UninstallResult> {
  const signal = operationSignal(given.signal);
  const options: UninstallOptions = signal ? { ...given, signal } : given;
  const state = await releaseState(config, name, options.namespace, options.signal);
  const stored = state.latest;
  if (!stored || stored.release.status === "uninstalled") throw new ReleaseNotFound(name);
  const lock = liveLock(state);
  if (lock) throw new ReleaseLocked(name, stored.release.revision, lock.holder, lock.since, stored.release.lock?.expiresAt);
  const { store } = state;
  const timeoutMs = durationMs(options.timeout, 300_000);
  let current = await store.update({ ...stored.release, status: "uninstalling", description: "Deletion in progress" }, stored.version);
  const release = current.release;
  const hookRuns: HookRun[] = [];
  const runEvent = async (event: HookEvent) => {
    hookRuns.push(...(await runHooks(event, release.hooks, config.kube, { namespace: state.namespace, timeoutMs, ...(options.onEvent ? { onEvent: options.onEvent } : {}), ...(signal ? { signal } : {}) })));
    const fn = codeHookFor(options.hooks, event);
    const ctx = { event, release: { name, namespace: state.namespace, revision: release.revision }, plan: undefined, kube: config.kube, signal: signal ?? new AbortController().signal };
    if (fn) hookRuns.push(await runCodeHook(event, fn, ctx, options.onEvent));
  };
  const objects = [...release.objects.map((o) => o.object)].sort((a, b) => compareKinds(b.kind, a.kind) || b.metadata.name.localeCompare(a.metadata.name));
  const kept = objects.filter(isKept);
  const doomed = objects.filter((o) => !isKept(o));
  try {
    await runEvent("pre-delete");
    for (const group of groupByKind(doomed)) {
      await mapLimit(group, 8, async (object) => {
        const ref = refOf(object);
        await config.kube.delete(ref, { propagationPolicy: "Background", ...(signal ? { signal } : {}) });
        await config.kube.waitGone(ref, { timeoutMs, ...(signal ? { signal } : {}) });
      });
    }
    await runEvent("post-delete");
  } catch (error) {
    await store.update({ ...release, status: "failed", description: `Uninstall "${name}" failed: ${(error as Error)?.message ?? String(error)}` }, current.version).catch(() => undefined);
    throw new OperationFailed(`uninstall of ${state.namespace}/${name}`, release.revision, error);
  }
  if (options.keepHistory) {
    current = await store.update({ ...release, status: "uninstalled", deleted: new Date().toISOString(), description: "Uninstallation complete" }, current.version);
  } else {
    for (const summary of await store.revisions(name)) await store.driver.delete(name, summary.revision);
  }
  return { release: name, namespace: state.namespace, deleted: doomed.map(refOf), kept: kept.map(refOf), hooks: hookRuns, keptHistory: options.keepHistory ?? false };
}

function isKept(object: KubeObject): boolean {
  return object.metadata.annotations?.[RESOURCE_POLICY_ANNOTATION] === "keep";
}

/** Consecutive objects of one kind, in the given (reverse install) order. */
function groupByKind(objects: readonly KubeObject[]): KubeObject[][] {
  const groups: KubeObject[][] = [];
  for (const object of objects) {
    const last = groups.at(-1);
    if (last && last[0]!.kind === object.kind) last.push(object);
    else groups.push([object]);
  }
  return groups;
}
