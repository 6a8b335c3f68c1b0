import { OwnershipConflict, PlanBlocked } from "./errors.js";
import type { Plan } from "./types.js";
import { ReleaseLocked } from "../storage/errors.js";
import type { ReleaseState } from "../storage/release-state.js";

/**
 * Throws when a plan must not be applied: `ReleaseLocked` when another operation holds the lock,
 * `OwnershipConflict` when that is the only kind of problem, else `PlanBlocked` with every problem.
 */
export function assertApplicable(plan: Plan, state: ReleaseState): void {
  if (plan.problems.length === 0) return;
  const locked = plan.problems.find((p) => p.code === "ReleaseLocked");
  const latest = state.latest?.release;
  if (locked && latest?.lock) {
    throw new ReleaseLocked(state.name, latest.revision, latest.lock.holder, latest.lock.acquiredAt, latest.lock.expiresAt);
  }
  const ownership = plan.problems.filter((p) => p.code === "OwnershipConflict");
  if (ownership.length === plan.problems.length && ownership[0]?.object) {
    const first = ownership[0];
    throw new OwnershipConflict(first.object!, `${state.namespace}/${state.name}`, first.owner ? { ...first.owner } : undefined);
  }
  throw new PlanBlocked(plan.problems);
}
