import { lacksNamespace, withNamespace } from "../model/namespace.js";
import type { StoredRelease } from "./driver.js";
import type { Release } from "./release.js";

/**
 * A release record with the release namespace filled into its namespaced objects that name none.
 * Helm records its manifest as rendered, without namespaces (they are added at apply time); berth
 * plans, prunes, rolls back and deletes by full identity, so a Helm-written record must read the
 * same as a berth-written one.
 */
export function withRecordNamespace(release: Release, namespace: string): Release {
  if (!release.objects.some((o) => lacksNamespace(o.object))) return release;
  return { ...release, objects: release.objects.map((o) => (lacksNamespace(o.object) ? { ...o, object: withNamespace(o.object, namespace) } : o)) };
}

/** {@link withRecordNamespace} of a stored record, keeping its version. */
export function storedWithNamespace(stored: StoredRelease | undefined, namespace: string): StoredRelease | undefined {
  return stored && { ...stored, release: withRecordNamespace(stored.release, namespace) };
}
