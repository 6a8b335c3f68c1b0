import type { HookRunEvent } from "../hooks/events.js";
import type { ObjectRef } from "../model/ref.js";
import type { PlanOp, PlanSummary } from "../plan/types.js";
import type { ReleaseStatus } from "../storage/release.js";
import type { WaitEvent } from "../wait/events.js";

/** An object was written: applied (create/update), replaced (delete then create), or deleted (pruned). */
export interface ObjectAppliedEvent {
  /** The event discriminant. */
  readonly type: "object-applied";
  /** The object written. */
  readonly object: ObjectRef;
  /** What was done to it. */
  readonly op: Exclude<PlanOp, "noop" | "keep">;
}

/** Everything the apply stage reports itself (readiness events come from the wait stage). */
export type ApplyEvent = ObjectAppliedEvent;

/** The plan was computed. */
export interface PlanComputedEvent {
  /** The event discriminant. */
  readonly type: "plan-computed";
  /** The release name. */
  readonly release: string;
  /** The release's namespace. */
  readonly namespace: string;
  /** False when applying the plan writes nothing (see `Plan.changes`). */
  readonly changes: boolean;
  /** Counts of the plan's actions by op. */
  readonly summary: PlanSummary;
}

/** The pending revision was recorded and its lock taken. */
export interface RevisionPendingEvent {
  /** The event discriminant. */
  readonly type: "revision-pending";
  /** The release name. */
  readonly release: string;
  /** The revision recorded. */
  readonly revision: number;
  /** Its pending status, e.g. `pending-upgrade`. */
  readonly status: ReleaseStatus;
}

/** An atomic operation failed and berth is restoring the last deployed revision (or uninstalling). */
export interface RollbackStartedEvent {
  /** The event discriminant. */
  readonly type: "rollback-started";
  /** The release name. */
  readonly release: string;
  /** The revision restored; `null` when a failed first install is uninstalled. */
  readonly toRevision: number | null;
  /** Why the operation failed: the error message. */
  readonly reason: string;
}

/** The operation ended. */
export interface DoneEvent {
  /** The event discriminant. */
  readonly type: "done";
  /** The release name. */
  readonly release: string;
  /** The revision written; `null` when nothing was (no changes, or a failed install that was removed). */
  readonly revision: number | null;
  /** The status of the revision written; `unchanged` when nothing was written, `uninstalled` after an uninstall. */
  readonly status: ReleaseStatus | "unchanged" | "uninstalled";
  /** Wall-clock time of the whole operation, in milliseconds. */
  readonly durationMs: number;
}

/** Every step of an operation, as delivered to `onEvent`. Discriminated by `type`. */
export type DeployEvent = PlanComputedEvent | RevisionPendingEvent | RollbackStartedEvent | DoneEvent | HookRunEvent | WaitEvent | ApplyEvent;
