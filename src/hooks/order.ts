import { compareKinds, compareText } from "../model/kinds.js";
import type { KubeObject } from "../model/object.js";
import type { HookEvent } from "../model/rendered.js";

/** What hook order reads of a hook. */
export interface OrderedHook {
  /** The hook object (its name, kind and namespace break ties). */
  readonly object: KubeObject;
  /** `helm.sh/hook-weight`. */
  readonly weight: number;
  /** The template it came from: the last tie-break, so the order is total. */
  readonly source?: string;
}

/**
 * Helm's hook run order (`pkg/action/hooks.go`): ascending `helm.sh/hook-weight`, then name; hooks
 * of equal weight and name by kind in install order (Helm sorts hooks by kind first and then
 * stably by weight and name). Namespace and template settle what Helm leaves to input order.
 */
export function compareHooks(a: OrderedHook, b: OrderedHook): number {
  return (
    a.weight - b.weight ||
    compareText(a.object.metadata.name, b.object.metadata.name) ||
    compareKinds(a.object.kind, b.object.kind) ||
    compareText(a.object.metadata.namespace ?? "", b.object.metadata.namespace ?? "") ||
    compareText(a.source ?? "", b.source ?? "")
  );
}

/** The hooks registered for one event, in run order ({@link compareHooks}). */
export function hooksFor<H extends OrderedHook & { readonly events: readonly HookEvent[] }>(event: HookEvent, hooks: readonly H[]): H[] {
  return hooks.filter((h) => h.events.includes(event)).sort(compareHooks);
}
