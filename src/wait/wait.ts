import { Aborted } from "../kube/errors.js";
import type { KubeApi } from "../kube/types.js";
import type { KubeObject } from "../model/object.js";
import type { ObjectRef } from "../model/ref.js";
import { parseDuration } from "./duration.js";
import { WaitFailed, ReadinessTimeout, type UnreadyObject } from "./errors.js";
import { describeRef, refOf, type WaitEvent } from "./events.js";
import { readiness } from "./readiness.js";
import type { ReadinessOptions } from "./readiness-types.js";
import { waitForObject, type ObjectOutcome } from "./wait-object.js";

/** Annotation: a per-object timeout, e.g. `"90s"`, `"5m"`. */
export const TIMEOUT_ANNOTATION = "berth.dev/timeout";
/** Annotation: `"true"` skips waiting for this object. */
export const SKIP_WAIT_ANNOTATION = "berth.dev/skip-wait";

/** A per-object override of how it is waited for. */
export interface ObjectWaitOverride {
  /** This object's timeout, instead of the overall one. */
  readonly timeoutMs?: number;
  /** Do not wait for this object. @defaultValue false */
  readonly skip?: boolean;
}

/** How to wait for objects to become ready. */
export interface WaitOptions extends ReadinessOptions {
  /** The overall timeout; objects may override it with the `berth.dev/timeout` annotation. @defaultValue 300000 (5 minutes) */
  readonly timeoutMs?: number;
  /** Stops the wait; `waitForReady` then throws `Aborted`. */
  readonly signal?: AbortSignal;
  /** Receives `object-waiting`, `object-ready` and `k8s-event` events. */
  readonly onEvent?: (event: WaitEvent) => void;
  /** Overrides by object, ahead of the annotations; return `undefined` for none. */
  readonly perObject?: (ref: ObjectRef) => ObjectWaitOverride | undefined;
}

/** What a successful wait found. */
export interface WaitReport {
  /** The objects waited for, in the order given, with the reason they count as ready. */
  readonly ready: ReadonlyArray<{ readonly object: ObjectRef; readonly reason: string }>;
  /** The objects not waited for (`berth.dev/skip-wait`). */
  readonly skipped: readonly ObjectRef[];
}

/**
 * Waits, concurrently, until every object is ready (see `readiness`), following them with watches.
 * Stops early when one fails (a failed Job, a Pod in ImagePullBackOff/CrashLoopBackOff, a stalled
 * rollout), naming the reason and the objects' recent warning Events.
 *
 * @param objects - the objects as applied (their annotations are read for overrides)
 * @throws WaitFailed when an object failed; ReadinessTimeout when time ran out; DurationInvalid for a bad
 * `berth.dev/timeout`; Aborted when `signal` aborted
 */
export async function waitForReady(objects: readonly KubeObject[], kube: KubeApi, options: WaitOptions = {}): Promise<WaitReport> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  const started = Date.now();
  const stopOthers = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stopOthers.signal]) : stopOthers.signal;
  const skipped: ObjectRef[] = [];
  const waits: Array<Promise<ObjectOutcome>> = [];
  for (const object of objects) {
    const ref = refOf(object);
    const override = overrideOf(object, ref, options);
    if (override.skip) {
      skipped.push(ref);
      continue;
    }
    const evaluate = (o: KubeObject) => readiness(o, options);
    const deadline = started + (override.timeoutMs ?? timeoutMs);
    const wait = waitForObject(ref, kube, { evaluate, deadline, signal, ...(options.onEvent ? { onEvent: options.onEvent } : {}) });
    waits.push(wait.then((outcome) => {
      if (outcome.state === "failed") stopOthers.abort();
      return outcome;
    }));
  }
  const outcomes = await Promise.all(waits);
  if (options.signal?.aborted) throw new Aborted("waiting for readiness", options.signal.reason);
  const unready = outcomes.filter((o): o is UnreadyObject => o.state !== "ready");
  if (unready.some((o) => o.state === "failed")) throw new WaitFailed(sortFailedFirst(unready));
  if (unready.length > 0) throw new ReadinessTimeout(unready, timeoutMs);
  return { ready: outcomes.map((o) => ({ object: o.object, reason: o.reason })), skipped };
}

function overrideOf(object: KubeObject, ref: ObjectRef, options: WaitOptions): ObjectWaitOverride {
  const annotations = object.metadata.annotations ?? {};
  const timeoutText = annotations[TIMEOUT_ANNOTATION];
  const fromAnnotations: ObjectWaitOverride = {
    ...(annotations[SKIP_WAIT_ANNOTATION] === "true" ? { skip: true } : {}),
    ...(timeoutText !== undefined ? { timeoutMs: parseDuration(timeoutText, `${describeRef(ref)} annotation ${TIMEOUT_ANNOTATION}`) } : {}),
  };
  return { ...fromAnnotations, ...options.perObject?.(ref) };
}

function sortFailedFirst(objects: UnreadyObject[]): UnreadyObject[] {
  const rank = { failed: 0, timeout: 1, waiting: 2 } as const;
  return [...objects].sort((a, b) => rank[a.state] - rank[b.state]);
}
