import { createHash } from "node:crypto";
import type { Plan } from "../plan/types.js";

/**
 * A digest of what a plan does: its printable part and the exact objects and hooks it applies,
 * leaving out the live objects' resourceVersions (a status-only write between two plans does not
 * change what they do). Two plans with the same fingerprint apply the same thing.
 */
export function planFingerprint(plan: Plan): string {
  const { payload, actions, ...rest } = plan;
  const stable = {
    ...rest,
    actions: actions.map(({ liveResourceVersion: _rv, ...action }) => action),
    objects: payload.objects,
    hooks: payload.hooks,
  };
  return createHash("sha256").update(JSON.stringify(stable)).digest("hex");
}

/**
 * An `approve` for deploy mode that accepts only plans equal (by {@link planFingerprint}) to the
 * confirmed plan of the same release: what the user saw is what is applied.
 */
export function approveConfirmed(confirmed: readonly Plan[]): (plan: Plan) => boolean {
  const expected = new Map(confirmed.map((p) => [`${p.release.namespace}/${p.release.name}`, planFingerprint(p)]));
  return (plan) => expected.get(`${plan.release.namespace}/${plan.release.name}`) === planFingerprint(plan);
}
