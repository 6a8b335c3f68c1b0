import { objectKeyOf } from "../model/ref.js";
import type { KubeObject } from "../model/object.js";
import type { Release } from "./release.js";
import { isPendingStatus } from "./release.js";
import { liveLock, type ReleaseState } from "./release-state.js";

/** The objects of several revisions, each object once (the first revision's copy wins). */
export function unionObjects(...releases: ReadonlyArray<Release | undefined>): Release["objects"] {
  const seen = new Set<string>();
  return releases.flatMap((r) => r?.objects ?? []).filter((o) => {
    const key = objectKeyOf(o.object);
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

/**
 * What a failed or abandoned install left behind, for the next install to prune if it no longer
 * renders them (`PlanInput.pruneAlso`): the latest revision's objects when no revision is deployed
 * and the latest one failed, or is pending with no live lock (its process died; this deploy takes
 * the expired lock over, as `berth unlock` + deploy would). The next deploy stays an install
 * (pre/post-install hooks). Empty otherwise.
 */
export function failedInstallLeftovers(state: ReleaseState, now = Date.now()): KubeObject[] {
  const latest = state.latest?.release;
  if (state.lastDeployed || !latest) return [];
  const abandoned = isPendingStatus(latest.status) && liveLock(state, now) === undefined;
  if (latest.status !== "failed" && !abandoned) return [];
  return latest.objects.map((o) => o.object);
}
