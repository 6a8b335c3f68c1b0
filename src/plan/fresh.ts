import type { KubeApi } from "../kube/types.js";
import { mapLimit } from "../util/map-limit.js";
import { liveDigest } from "./digest.js";
import { PlanStale, type StaleItem } from "./errors.js";
import type { Plan } from "./types.js";

/** Options of {@link checkPlanFresh}. */
export interface CheckPlanFreshOptions {
  /** Most reads in flight. @defaultValue 16 */
  readonly concurrency?: number;
  /** Aborts the check. */
  readonly signal?: AbortSignal;
}

/**
 * Throws `PlanStale` naming everything that moved since `plan` was computed: the release revision
 * (`currentRevision`, `null` when the release has none), an object whose resourceVersion changed
 * (unless only its status did: same digest), one that was absent and now exists, or one that is
 * gone. Reads each object once; writes nothing.
 */
export async function checkPlanFresh(plan: Plan, kube: KubeApi, currentRevision: number | null, options: CheckPlanFreshOptions = {}): Promise<void> {
  const moved: StaleItem[] = [];
  if (plan.release.revision !== currentRevision) {
    moved.push({ what: "release", planned: revisionText(plan.release.revision), current: revisionText(currentRevision) });
  }
  const signal = options.signal ? { signal: options.signal } : {};
  const found = await mapLimit(plan.actions, options.concurrency ?? 16, async (action) => {
    const live = await kube.get(action.ref, signal).catch((e: unknown) => {
      if ((e as { code?: string }).code === "UnknownKind") return undefined;
      throw e;
    });
    const current = live ? String(live.metadata["resourceVersion"] ?? "") : null;
    if (current === action.liveResourceVersion) return undefined;
    if (live && action.liveDigest !== null && liveDigest(live) === action.liveDigest) return undefined;
    return { what: action.id, planned: action.liveResourceVersion, current };
  });
  for (const item of found) if (item) moved.push(item);
  if (moved.length) throw new PlanStale(moved);
}

function revisionText(revision: number | null): string | null {
  return revision === null ? null : `revision ${revision}`;
}
