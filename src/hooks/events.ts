import type { HookEvent } from "../render/types.js";

/** A hook began: a manifest hook (`kind` is the object's kind) or a code hook (`kind` is `"Function"`). */
export interface HookStartedEvent {
  readonly type: "hook-started";
  readonly hook: string;
  readonly kind: string;
  readonly event: HookEvent;
}

/** A hook ended, successfully or not. */
export interface HookFinishedEvent {
  readonly type: "hook-finished";
  readonly hook: string;
  readonly kind: string;
  readonly event: HookEvent;
  readonly phase: HookPhase;
  readonly durationMs: number;
  /** Why it failed, when it did. */
  readonly message?: string;
}

/** How a hook run ended. */
export type HookPhase = "Succeeded" | "Failed";

/** Everything the hook runner reports through `onEvent`. */
export type HookRunEvent = HookStartedEvent | HookFinishedEvent;

/** The record of one hook run, kept in the release record (Helm's hook `last_run`). */
export interface HookRun {
  /** The hook object's name, or the code hook's name. */
  readonly name: string;
  /** The hook object's kind, or `"Function"` for a code hook. */
  readonly kind: string;
  /** The events the hook is registered for. */
  readonly events: readonly HookEvent[];
  readonly phase: HookPhase;
  /** RFC 3339. */
  readonly startedAt: string;
  /** RFC 3339. */
  readonly completedAt: string;
}
