import { hooksFor } from "../hooks/order.js";
import { parseHook } from "../hooks/parse.js";
import type { KubeObject } from "../model/object.js";
import { objectKey, objectKeyOf, refOf } from "../model/ref.js";
import type { HookEvent, RenderedHook } from "../model/rendered.js";
import { SavedPlanIncomplete } from "./errors.js";
import { objectId } from "./object-id.js";
import type { Plan, PlanHook } from "./types.js";

/** Which operation a plan is for, so which hook events it runs. */
export type PlanOperation = "install" | "upgrade" | "rollback";

/** The hook events an operation runs: its pre-event, then its post-event. */
export function hookEventsOf(operation: PlanOperation): readonly [HookEvent, HookEvent] {
  return [`pre-${operation}`, `post-${operation}`];
}

/**
 * The hooks an operation runs, in run order: the pre-event's hooks, then the post-event's, each in
 * Helm's order (`compareHooks`: weight, then name, then kind).
 */
export function planHooks(hooks: readonly RenderedHook[], operation: PlanOperation): { hooks: PlanHook[]; objects: KubeObject[] } {
  const planned: { hook: PlanHook; object: KubeObject }[] = [];
  for (const event of hookEventsOf(operation)) {
    for (const h of hooksFor(event, hooks)) {
      const ref = refOf(h.object);
      planned.push({
        hook: { event, weight: h.weight, id: objectId(ref), ref, source: h.source, deletePolicies: [...h.deletePolicies] },
        object: h.object,
      });
    }
  }
  return { hooks: planned.map((p) => p.hook), objects: planned.map((p) => p.object) };
}

/**
 * The hooks a plan runs at `phase`, in the plan's order, as the hook runner takes them: each
 * `Plan.hooks` entry with its object from `payload.hooks` (same index).
 * @throws SavedPlanIncomplete when the payload's hook objects do not match `Plan.hooks`
 */
export function plannedHooks(plan: Plan, phase: "pre" | "post"): RenderedHook[] {
  const { name, namespace } = plan.release;
  const objects = plan.payload.hooks;
  if (objects.length !== plan.hooks.length) {
    throw new SavedPlanIncomplete(`${namespace}/${name}`, `it lists ${plan.hooks.length} hooks but its payload holds ${objects.length} hook objects`);
  }
  return plan.hooks.flatMap((hook, i) => {
    if (!hook.event.startsWith(`${phase}-`)) return [];
    const object = objects[i]!;
    if (objectKeyOf(object) !== objectKey(hook.ref)) {
      throw new SavedPlanIncomplete(`${namespace}/${name}`, `its payload's hook object ${i + 1} is not ${hook.id}`);
    }
    const events = parseHook(object, { source: hook.source }, [])?.events ?? [hook.event];
    return [{ object, source: hook.source, events, weight: hook.weight, deletePolicies: hook.deletePolicies as RenderedHook["deletePolicies"] }];
  });
}
