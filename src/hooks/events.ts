import type { HookEvent } from "../model/rendered.js";
import type { ObjectRef } from "../model/ref.js";

/** A hook began: a manifest hook (`kind` is the object's kind) or a code hook (`kind` is `"Function"`). */
export interface HookStartedEvent {
  /** The event discriminant. */
  readonly type: "hook-started";
  /** The hook object's name; for a code hook, its event (e.g. `pre-upgrade`). */
  readonly hook: string;
  /** The hook object's kind, or `"Function"` for a code hook. */
  readonly kind: string;
  /** The hook event being run. */
  readonly event: HookEvent;
}

/** A hook ended, successfully or not. */
export interface HookFinishedEvent {
  /** The event discriminant. */
  readonly type: "hook-finished";
  /** The hook object's name; for a code hook, its event (e.g. `pre-upgrade`). */
  readonly hook: string;
  /** The hook object's kind, or `"Function"` for a code hook. */
  readonly kind: string;
  /** The hook event being run. */
  readonly event: HookEvent;
  /** How the run ended. */
  readonly phase: HookPhase;
  /** How long the hook ran, in milliseconds. */
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
  /** The hook object as recorded in the release (matched by `objectKey`); absent for a code hook. */
  readonly ref?: ObjectRef;
  /** The events the hook is registered for. */
  readonly events: readonly HookEvent[];
  /** How the run ended. */
  readonly phase: HookPhase;
  /** RFC 3339. */
  readonly startedAt: string;
  /** RFC 3339. */
  readonly completedAt: string;
}
