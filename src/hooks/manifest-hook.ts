import { Aborted } from "../kube/errors.js";
import type { KubeApi } from "../kube/types.js";
import type { KubeObject } from "../model/object.js";
import type { ObjectRef } from "../model/ref.js";
import { withNamespace } from "../model/namespace.js";
import type { HookEvent, RenderedHook } from "../model/rendered.js";
import { jobReadiness, podCompletion } from "../wait/basic-kinds.js";
import { refOf, type WaitEvent } from "../wait/events.js";
import { waitForObject } from "../wait/wait-object.js";
import type { HookRunEvent } from "./events.js";
import { hookPodLogs } from "./pod-logs.js";
import type { HookPodLog } from "./errors.js";

/** What running one manifest hook needs. */
export interface ManifestHookContext {
  readonly event: HookEvent;
  readonly kube: KubeApi;
  /** Given to hook objects of namespaced kinds that name none. */
  readonly namespace: string;
  /** How long a Job/Pod hook may run, and deletions may take. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: HookRunEvent | WaitEvent) => void;
}

/** How one manifest hook ended (before delete policies threw, if they did). */
export interface ManifestHookOutcome {
  readonly ok: boolean;
  /** Why it failed. */
  readonly reason: string;
  readonly logs: readonly HookPodLog[];
}

/**
 * Runs one hook object: deletes the previous one (`before-hook-creation`), applies it, waits for a
 * Job to complete or a Pod to succeed, then applies `hook-succeeded` / `hook-failed` deletion.
 * @throws Aborted when the signal aborts; KubeApiError when an API call fails
 */
export async function runManifestHook(hook: RenderedHook, ctx: ManifestHookContext): Promise<ManifestHookOutcome> {
  const object = withNamespace(hook.object, ctx.namespace);
  const ref = refOf(object);
  const signalOption = ctx.signal ? { signal: ctx.signal } : {};
  if (hook.deletePolicies.includes("before-hook-creation")) await deleteAndWait(ref, ctx);
  const applied = await ctx.kube.apply(object, signalOption);
  const outcome = await waitForCompletion(applied, ctx);
  if (ctx.signal?.aborted) throw new Aborted(`${ctx.event} hook ${ref.kind} ${ref.name}`, ctx.signal.reason);
  const logs = outcome.ok ? [] : await hookPodLogs(ctx.kube, applied, ctx.signal);
  const policy = outcome.ok ? "hook-succeeded" : "hook-failed";
  if (hook.deletePolicies.includes(policy)) await deleteAndWait(ref, ctx);
  return { ...outcome, logs };
}

async function waitForCompletion(applied: KubeObject, ctx: ManifestHookContext): Promise<{ ok: boolean; reason: string }> {
  const evaluate = applied.kind === "Job" ? (o: KubeObject) => jobReadiness(o, { waitForJobs: true }) : applied.kind === "Pod" ? podCompletion : undefined;
  if (!evaluate) return { ok: true, reason: "created" };
  const outcome = await waitForObject(refOf(applied), ctx.kube, {
    evaluate,
    deadline: Date.now() + ctx.timeoutMs,
    signal: ctx.signal ?? new AbortController().signal,
    ...(ctx.onEvent ? { onEvent: ctx.onEvent } : {}),
  });
  if (outcome.state === "ready") return { ok: true, reason: outcome.reason };
  const warnings = outcome.warnings.map((w) => `; ${w.involvedObject.kind} ${w.involvedObject.name}: ${w.reason}: ${w.message}`).join("");
  const timedOut = outcome.state === "timeout" ? `not finished after ${Math.round(ctx.timeoutMs / 1000)}s: ` : "";
  return { ok: false, reason: `${timedOut}${outcome.reason}${warnings}` };
}

async function deleteAndWait(ref: ObjectRef, ctx: ManifestHookContext): Promise<void> {
  const signalOption = ctx.signal ? { signal: ctx.signal } : {};
  const deleted = await ctx.kube.delete(ref, { propagationPolicy: "Background", ...signalOption });
  if (deleted) await ctx.kube.waitGone(ref, { timeoutMs: ctx.timeoutMs, ...signalOption });
}
