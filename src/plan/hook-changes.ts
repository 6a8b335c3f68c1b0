import { objectKeyOf } from "../model/ref.js";
import { sortKeys } from "./normalize.js";
import type { RenderedHook } from "../model/rendered.js";
import type { Release } from "../storage/release.js";

/**
 * True when the hooks a deploy would record differ from the previous revision's (ignoring last
 * runs and template paths). The plan counts only the hooks this deploy runs, so a changed `test`,
 * rollback or delete hook alone would otherwise write no revision and the release would keep
 * running the old one.
 */
export function recordedHooksChanged(previous: Release | undefined, hooks: readonly RenderedHook[]): boolean {
  if (!previous) return hooks.length > 0;
  return canonical(previous.hooks) !== canonical(hooks);
}

function canonical(hooks: readonly RenderedHook[]): string {
  const id = (h: RenderedHook) => objectKeyOf(h.object);
  const sorted = [...hooks].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  return JSON.stringify(sortKeys(sorted.map(({ object, events, weight, deletePolicies }) => ({ object, events, weight, deletePolicies }))));
}
