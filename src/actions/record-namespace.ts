import { isNamespacedByTable } from "../model/kinds.js";
import type { RenderedObject } from "../model/rendered.js";
import type { StoredRelease } from "../storage/driver.js";
import type { Release } from "../storage/release.js";

/**
 * A release record with the release namespace filled into its namespaced objects that name none.
 * Helm records its manifest as rendered, without namespaces (they are added at apply time); berth
 * plans, prunes, rolls back and deletes by full identity, so a Helm-written record must read the
 * same as a berth-written one.
 */
export function withRecordNamespace(release: Release, namespace: string): Release {
  if (release.objects.every((o) => o.object.metadata.namespace || !isNamespacedByTable(o.object.apiVersion, o.object.kind))) return release;
  return { ...release, objects: release.objects.map((o) => fill(o, namespace)) };
}

/** {@link withRecordNamespace} of a stored record, keeping its version. */
export function storedWithNamespace(stored: StoredRelease | undefined, namespace: string): StoredRelease | undefined {
  return stored && { ...stored, release: withRecordNamespace(stored.release, namespace) };
}

function fill(entry: RenderedObject, namespace: string): RenderedObject {
  const { object } = entry;
  if (object.metadata.namespace || !isNamespacedByTable(object.apiVersion, object.kind)) return entry;
  return { ...entry, object: { ...object, metadata: { ...object.metadata, namespace } } };
}
