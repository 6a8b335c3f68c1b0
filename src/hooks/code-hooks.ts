import type { KubeApi } from "../kube/types.js";
import type { HookEvent } from "../model/rendered.js";
import { HookFailed } from "./errors.js";
import type { HookRun, HookRunEvent } from "./events.js";

/** What a hook written in TypeScript is given. */
export interface CodeHookContext<Plan = unknown> {
  /** The point the hook runs at. */
  readonly event: HookEvent;
  /** The release being operated on. */
  readonly release: { readonly name: string; readonly namespace: string; readonly revision: number };
  /** The plan being applied. */
  readonly plan: Plan;
  /** A client of the release's cluster. */
  readonly kube: KubeApi;
  /** Aborted when the operation is cancelled; pass it on to anything that waits. */
  readonly signal: AbortSignal;
}

/** A hook written in TypeScript; a thrown error fails the operation like a failing hook Job. */
export type CodeHook<Plan = unknown> = (ctx: CodeHookContext<Plan>) => Promise<void>;

/** Hooks written in TypeScript, run at the same points as the chart's hooks (after them). */
export interface CodeHooks<Plan = unknown> {
  /** Runs before a first install applies any object. */
  readonly preInstall?: CodeHook<Plan>;
  /** Runs after a first install's objects are applied (and ready, with `wait`). */
  readonly postInstall?: CodeHook<Plan>;
  /** Runs before an upgrade applies any object. */
  readonly preUpgrade?: CodeHook<Plan>;
  /** Runs after an upgrade's objects are applied (and ready, with `wait`). */
  readonly postUpgrade?: CodeHook<Plan>;
  /** Runs before a rollback applies any object. */
  readonly preRollback?: CodeHook<Plan>;
  /** Runs after a rollback's objects are applied (and ready, with `wait`). */
  readonly postRollback?: CodeHook<Plan>;
  /** Runs before an uninstall deletes the release's objects. */
  readonly preDelete?: CodeHook<Plan>;
  /** Runs after an uninstall's objects are gone. */
  readonly postDelete?: CodeHook<Plan>;
}

/** The `CodeHooks` key of each hook event that code hooks can attach to. */
export const CODE_HOOK_KEYS: Readonly<Record<Exclude<HookEvent, "test">, keyof CodeHooks>> = {
  "pre-install": "preInstall",
  "post-install": "postInstall",
  "pre-upgrade": "preUpgrade",
  "post-upgrade": "postUpgrade",
  "pre-rollback": "preRollback",
  "post-rollback": "postRollback",
  "pre-delete": "preDelete",
  "post-delete": "postDelete",
};

/** The code hook registered for an event, if any. */
export function codeHookFor<Plan>(hooks: CodeHooks<Plan> | undefined, event: HookEvent): CodeHook<Plan> | undefined {
  return event === "test" ? undefined : hooks?.[CODE_HOOK_KEYS[event]];
}

/**
 * Runs one TypeScript hook.
 * @param name - the name it is recorded and reported under, e.g. `preUpgrade`
 * @returns its run record (kind `"Function"`)
 * @throws HookFailed wrapping whatever the function threw (the original is the `cause`)
 */
export async function runCodeHook<Plan>(name: string, fn: CodeHook<Plan>, ctx: CodeHookContext<Plan>, onEvent?: (event: HookRunEvent) => void): Promise<HookRun> {
  const kind = "Function";
  const startedAt = new Date();
  onEvent?.({ type: "hook-started", hook: name, kind, event: ctx.event });
  let failure: unknown;
  let failed = false;
  try {
    ctx.signal.throwIfAborted();
    await fn(ctx);
  } catch (error) {
    failed = true;
    failure = error;
  }
  const completedAt = new Date();
  const phase = failed ? "Failed" : "Succeeded";
  const message = failed ? ((failure as Error)?.message ?? String(failure)) : undefined;
  const run: HookRun = { name, kind, events: [ctx.event], phase, startedAt: startedAt.toISOString(), completedAt: completedAt.toISOString() };
  onEvent?.({ type: "hook-finished", hook: name, kind, event: ctx.event, phase, durationMs: completedAt.getTime() - startedAt.getTime(), ...(message ? { message } : {}) });
  if (failed) throw new HookFailed({ name, kind, event: ctx.event }, message ?? "threw", { runs: [run], cause: failure });
  return run;
}
