import { setMaxListeners } from "node:events";
import type { KubeApi } from "../kube/types.js";
import type { KubeObject } from "../model/object.js";
import type { ObjectRef } from "../model/ref.js";
import type { UnreadyObject } from "./errors.js";
import type { Readiness } from "./readiness-types.js";
import type { WaitEvent } from "./events.js";
import { EventTracker, eventsAbout } from "./kube-events.js";
import { follow, sleep } from "./follow.js";
import { podProblem } from "./pod-problems.js";
import { podSelectorOf } from "./selector.js";
import { currentDeploymentPods } from "./current-pods.js";

/** How to wait for one object. */
export interface WaitObjectOptions {
  /** Judges the object's current state. */
  readonly evaluate: (object: KubeObject) => Readiness;
  /** Give up at this time (epoch ms). */
  readonly deadline: number;
  /** Stops the wait; the result is then `waiting` with the last reason. */
  readonly signal: AbortSignal;
  readonly onEvent?: (event: WaitEvent) => void;
  /** How often Kubernetes Events are re-read while waiting. @defaultValue 2000 */
  readonly eventsIntervalMs?: number;
}

/** How the wait for one object ended. */
export type ObjectOutcome = { readonly state: "ready"; readonly object: ObjectRef; readonly reason: string } | UnreadyObject;

/**
 * Waits for one object to be judged ready, following it (and the Pods it runs) with watches.
 * Never throws for the object's sake: failure, timeout and abort are outcomes.
 */
export async function waitForObject(ref: ObjectRef, kube: KubeApi, options: WaitObjectOptions): Promise<ObjectOutcome> {
  const started = Date.now();
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);
  // Each wake-up races a short sleep whose abort listener lives until its timer ends: many at once is expected.
  setMaxListeners(0, signal);
  const tracker = new EventTracker();
  let current: KubeObject | undefined;
  let pods: readonly KubeObject[] = [];
  let replicaSets: readonly KubeObject[] = [];
  let podsFollowed = false;
  let lastError: unknown;
  let wake: () => void = () => undefined;
  const changed = () => wake();
  const ns = ref.namespace ? { namespace: ref.namespace } : {};

  const feeds: Promise<void>[] = [
    follow(kube, { apiVersion: ref.apiVersion, kind: ref.kind, list: { ...ns, fieldSelector: `metadata.name=${ref.name}` } },
      { onChange: (items) => { current = items[0]; changed(); }, onError: (e) => { lastError = e; } }, signal),
  ];
  const followPods = (selector: string) => {
    podsFollowed = true;
    feeds.push(follow(kube, { apiVersion: "v1", kind: "Pod", list: { ...ns, labelSelector: selector } }, { onChange: (items) => { pods = items; changed(); } }, signal));
    if (ref.kind === "Deployment") {
      feeds.push(follow(kube, { apiVersion: "apps/v1", kind: "ReplicaSet", list: { ...ns, labelSelector: selector } }, { onChange: (items) => { replicaSets = items; changed(); } }, signal));
    }
  };

  let lastReason = "";
  let nextEventsAt = 0;
  const readEvents = async () => {
    if (Date.now() < nextEventsAt) return;
    nextEventsAt = Date.now() + (options.eventsIntervalMs ?? 2000);
    const about: Array<Pick<ObjectRef, "kind" | "name" | "namespace">> = [ref, ...pods.filter(unreadyPod).slice(0, 5).map(podRef)];
    for (const target of about) {
      const events = await eventsAbout(kube, target, signal).catch(() => []);
      for (const event of tracker.fresh(events)) options.onEvent?.({ type: "k8s-event", object: ref, event });
    }
  };
  const outcome = (state: UnreadyObject["state"], reason: string): UnreadyObject => ({ object: ref, state, reason, warnings: tracker.recentWarnings() });

  try {
    for (;;) {
      const woken = new Promise<void>((resolve) => { wake = resolve; });
      if (current && !podsFollowed) {
        const selector = podSelectorOf(current);
        if (selector) followPods(selector);
      }
      const counted = current && ref.kind === "Deployment" ? (currentDeploymentPods(current, replicaSets, pods) ?? []) : pods;
      const verdict = judge(current, counted, options.evaluate, lastError);
      if (verdict.state === "ready") {
        options.onEvent?.({ type: "object-ready", object: ref, reason: verdict.reason, elapsedMs: Date.now() - started });
        return { state: "ready", object: ref, reason: verdict.reason };
      }
      if (verdict.reason !== lastReason) {
        lastReason = verdict.reason;
        if (verdict.state === "waiting") options.onEvent?.({ type: "object-waiting", object: ref, reason: verdict.reason });
      }
      if (verdict.state === "failed") nextEventsAt = 0;
      await readEvents();
      if (verdict.state === "failed") return outcome("failed", verdict.reason);
      if (options.signal.aborted) return outcome("waiting", lastReason);
      const left = options.deadline - Date.now();
      if (left <= 0) return outcome("timeout", lastReason);
      await Promise.race([woken, sleep(Math.min(left, options.eventsIntervalMs ?? 2000), signal)]);
    }
  } finally {
    stop.abort();
    await Promise.allSettled(feeds);
  }
}

function judge(current: KubeObject | undefined, pods: readonly KubeObject[], evaluate: (o: KubeObject) => Readiness, lastError: unknown): Readiness {
  if (!current) {
    const detail = lastError instanceof Error ? ` (${lastError.message})` : "";
    return { state: "waiting", reason: `not found${detail}` };
  }
  const verdict = evaluate(current);
  if (verdict.state !== "waiting") return verdict;
  for (const pod of pods) {
    if (pod.metadata["deletionTimestamp"]) continue;
    const problem = podProblem(pod);
    if (problem) return { state: "failed", reason: `Pod ${pod.metadata.name}: ${problem}` };
  }
  return verdict;
}

function unreadyPod(pod: KubeObject): boolean {
  const status = (pod["status"] ?? {}) as { phase?: string; conditions?: Array<{ type: string; status: string }> };
  return status.phase !== "Succeeded" && !status.conditions?.some((c) => c.type === "Ready" && c.status === "True");
}

function podRef(pod: KubeObject): Pick<ObjectRef, "kind" | "name" | "namespace"> {
  return { kind: "Pod", name: pod.metadata.name, ...(pod.metadata.namespace ? { namespace: pod.metadata.namespace } : {}) };
}
