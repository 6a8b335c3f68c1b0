import type { PerformEvent } from "../apply/events.js";
import type { PlanSummary } from "../plan/types.js";
import type { ReleaseStatus } from "../storage/release.js";

export type { RevisionPendingEvent } from "../apply/events.js";

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
export type DeployEvent = PlanComputedEvent | RollbackStartedEvent | DoneEvent | PerformEvent;
