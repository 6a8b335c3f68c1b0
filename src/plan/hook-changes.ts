import { objectKeyOf } from "../model/ref.js";
import { sortKeys } from "./normalize.js";
import type { RenderedHook } from "../model/rendered.js";

/**
 * True when the hooks a new revision would record differ from the previous revision's (any event;
 * last runs and template paths ignored). A changed `test`, rollback or delete hook alone is a
 * change: the new revision must record it, or the release keeps running the old one.
 * @param previous - the previous revision's recorded hooks; `undefined` for a first install
 */
export function recordedHooksChanged(previous: readonly RenderedHook[] | undefined, hooks: readonly RenderedHook[]): boolean {
  if (!previous) return hooks.length > 0;
  return canonical(previous) !== canonical(hooks);
}

function canonical(hooks: readonly RenderedHook[]): string {
  const id = (h: RenderedHook) => objectKeyOf(h.object);
  const sorted = [...hooks].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  return JSON.stringify(sortKeys(sorted.map(({ object, events, weight, deletePolicies }) => ({ object, events, weight, deletePolicies }))));
}
