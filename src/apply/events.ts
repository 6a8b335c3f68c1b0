import type { ObjectRef } from "../model/ref.js";
import type { PlanOp } from "../plan/types.js";

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
