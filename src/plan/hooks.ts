import { compareKinds, compareText } from "../model/kinds.js";
import type { HookEvent, RenderedHook } from "../model/rendered.js";
import type { KubeObject } from "../model/object.js";
import { objectId } from "./object-id.js";
import { refOf } from "../model/ref.js";
import type { PlanHook } from "./types.js";

/**
 * The hooks a deploy runs, in run order: the pre-event's hooks, then the post-event's, each by
 * weight, then kind order, then name. Events: `pre/post-install` on first install, else `pre/post-upgrade`.
 */
export function planHooks(hooks: readonly RenderedHook[], isInstall: boolean): { hooks: PlanHook[]; objects: KubeObject[] } {
  const events: HookEvent[] = isInstall ? ["pre-install", "post-install"] : ["pre-upgrade", "post-upgrade"];
  const planned: { hook: PlanHook; object: KubeObject }[] = [];
  for (const event of events) {
    const matching = hooks
      .filter((h) => h.events.includes(event))
      .sort((a, b) => a.weight - b.weight || compareKinds(a.object.kind, b.object.kind) || compareText(a.object.metadata.name, b.object.metadata.name));
    for (const h of matching) {
      const ref = refOf(h.object);
      planned.push({
        hook: { event, weight: h.weight, id: objectId(ref), ref, source: h.source, deletePolicies: [...h.deletePolicies] },
        object: h.object,
      });
    }
  }
  return { hooks: planned.map((p) => p.hook), objects: planned.map((p) => p.object) };
}
