import type { HookRunEvent } from "../hooks/events.js";
import type { ObjectRef } from "../model/ref.js";
import type { PlanOp } from "../plan/types.js";
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

/** Everything performing a plan reports: the pending revision, hooks, writes and readiness. */
export type PerformEvent = RevisionPendingEvent | HookRunEvent | WaitEvent | ApplyEvent;
