import type { HookRun } from "./events.js";
import { objectKey, objectKeyOf } from "../model/ref.js";
import type { StoredRelease } from "../storage/driver.js";
import { ReleaseNotFound, StorageConflict } from "../storage/errors.js";
import type { ReleaseHook } from "../storage/release.js";
import type { ReleaseStore } from "../storage/store.js";

/** The release's hooks with the last run of each that ran (matched by `objectKey`). */
export function withRuns(hooks: readonly ReleaseHook[], runs: readonly HookRun[]): ReleaseHook[] {
  return hooks.map((hook) => {
    const key = objectKeyOf(hook.object);
    const run = runs.find((r) => r.ref !== undefined && objectKey(r.ref) === key);
    return run ? { ...hook, lastRun: { phase: run.phase, startedAt: run.startedAt, completedAt: run.completedAt } } : hook;
  });
}

/**
 * Writes hook runs back into an existing revision's record (as `helm test` does), compare-and-swap
 * on the record's version. On a conflict the record is read again and the write retried once; if
 * that conflicts too (or the revision is gone), the runs are not recorded. Returns whether they were.
 * @throws what the store throws besides `StorageConflict` and `ReleaseNotFound`
 */
export async function recordHookRuns(store: ReleaseStore, stored: StoredRelease, runs: readonly HookRun[], signal?: AbortSignal): Promise<boolean> {
  if (runs.length === 0) return false;
  const opts = signal ? { signal } : {};
  const { name, revision } = stored.release;
  const gone = (e: unknown) => (e instanceof ReleaseNotFound ? undefined : Promise.reject(e));
  let current: StoredRelease | undefined = stored;
  for (let attempt = 1; current && attempt <= 2; attempt++) {
    try {
      await store.update({ ...current.release, hooks: withRuns(current.release.hooks, runs) }, current.version, opts);
      return true;
    } catch (e) {
      if (!(e instanceof StorageConflict)) return (await gone(e)) ?? false;
    }
    if (attempt < 2) current = await store.get(name, revision, opts).catch(gone);
  }
  return false;
}
