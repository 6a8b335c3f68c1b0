import type { ApplyEvent } from "../apply/events.js";
import type { HookRunEvent } from "../hooks/events.js";
import type { PlanSummary } from "../plan/types.js";
import type { ReleaseStatus } from "../storage/release.js";
import type { WaitEvent } from "../wait/events.js";

/** The plan was computed. */
export interface PlanComputedEvent {
  readonly type: "plan-computed";
  readonly release: string;
  readonly namespace: string;
  readonly changes: boolean;
  readonly summary: PlanSummary;
}

/** The pending revision was recorded and its lock taken. */
export interface RevisionPendingEvent {
  readonly type: "revision-pending";
  readonly release: string;
  readonly revision: number;
  readonly status: ReleaseStatus;
}

/** An atomic operation failed and berth is restoring the last deployed revision (or uninstalling). */
export interface RollbackStartedEvent {
  readonly type: "rollback-started";
  readonly release: string;
  /** The revision restored; `null` when a failed first install is uninstalled. */
  readonly toRevision: number | null;
  readonly reason: string;
}

/** The operation ended. */
export interface DoneEvent {
  readonly type: "done";
  readonly release: string;
  /** The revision written; `null` when nothing was (no changes, or a failed install that was removed). */
  readonly revision: number | null;
  readonly status: ReleaseStatus | "unchanged" | "uninstalled";
  readonly durationMs: number;
}

/** Every step of an operation, as delivered to `onEvent`. Discriminated by `type`. */
export type DeployEvent = PlanComputedEvent | RevisionPendingEvent | RollbackStartedEvent | DoneEvent | HookRunEvent | WaitEvent | ApplyEvent;
