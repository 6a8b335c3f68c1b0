import type { HookEvent, RenderedHook } from "../model/rendered.js";
import { compareObjects } from "../render/objects.js";

/**
 * The hooks registered for one event, in run order: ascending `helm.sh/hook-weight`, then kind
 * (install order), then namespace and name — the render stage's order, re-applied so any list works.
 */
export function hooksFor(event: HookEvent, hooks: readonly RenderedHook[]): RenderedHook[] {
  return hooks.filter((h) => h.events.includes(event)).sort((a, b) => a.weight - b.weight || compareObjects(a, b));
}
