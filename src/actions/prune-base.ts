import { identityKey, refOf } from "../plan/object-id.js";
import type { Release } from "../storage/release.js";
import type { ReleaseState } from "./prepare.js";

/** The objects of several revisions, each object once (the first revision's copy wins). */
export function unionObjects(...releases: ReadonlyArray<Release | undefined>): Release["objects"] {
  const seen = new Set<string>();
  return releases.flatMap((r) => r?.objects ?? []).filter((o) => {
    const key = identityKey(refOf(o.object));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The revision an upgrade is planned against: the last deployed one, with the objects of any newer
 * (failed) revision added, so what a failed upgrade created is pruned by the next deploy instead of
 * being orphaned. `undefined` when nothing was ever deployed.
 */
export function upgradeBase(state: ReleaseState): Release | undefined {
  const deployed = state.lastDeployed?.release;
  const latest = state.latest?.release;
  if (!deployed || !latest || latest.revision <= deployed.revision) return deployed;
  return { ...deployed, objects: unionObjects(deployed, latest) };
}
