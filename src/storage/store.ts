import type { Driver, DriverCallOptions, ReleaseSummary, StoredRelease } from "./driver.js";
import { acquireLock, releaseLock, renewLock, unlockRelease, type AcquireOptions, type LockDraft, type ReleaseLease, type ReleaseOutcome } from "./lock.js";
import { releaseKey, validateReleaseName } from "./name.js";
import { isLockStatus, type Release } from "./release.js";

/** Options of {@link ReleaseStore}. */
export interface ReleaseStoreOptions {
  /** Revisions kept per release; older ones are deleted by {@link ReleaseStore.trim}. 0 keeps all. @defaultValue 10 */
  readonly maxHistory?: number;
  /** The clock (milliseconds since the epoch), for timestamps and lock expiry. @defaultValue Date.now */
  readonly now?: () => number;
}

/**
 * Release history and locking over a {@link Driver}: what the actions use.
 *
 * @example
 * ```ts
 * const store = new ReleaseStore(secretDriver({ kube, namespace: "prod" }));
 * const lease = await store.acquire("web", "ci@runner-7", 10 * 60_000, (last) => ({ ...draft, status: last ? "pending-upgrade" : "pending-install" }));
 * try { await apply(...); await store.release(lease, { status: "deployed", description: "Upgrade complete" }); }
 * catch (e) { await store.release(lease, { status: "failed", description: `Upgrade failed: ${e.message}` }); throw e; }
 * ```
 */
export class ReleaseStore {
  /** Revisions kept per release (0: all). */
  readonly maxHistory: number;
  /** The clock (milliseconds since the epoch), for timestamps and lock expiry. @internal */
  readonly now: () => number;

  /** @param driver - where records are kept @param options - history and clock */
  constructor(
    /** Where the records are kept. */ readonly driver: Driver,
    options: ReleaseStoreOptions = {},
  ) {
    this.maxHistory = options.maxHistory ?? 10;
    this.now = options.now ?? Date.now;
  }

  /** Reads one revision. @throws ReleaseNotFound */
  get(name: string, revision: number, options?: DriverCallOptions): Promise<StoredRelease> {
    return this.driver.get(name, revision, options);
  }

  /** The revisions of a release from labels only (no bodies decoded), oldest first; empty when none. */
  async revisions(name: string, options?: DriverCallOptions): Promise<ReleaseSummary[]> {
    validateReleaseName(name);
    const found = await this.driver.query({ name }, options);
    return found.sort((a, b) => a.revision - b.revision);
  }

  /** Every revision of a release, decoded, oldest first; empty when none. */
  async history(name: string, options?: DriverCallOptions): Promise<StoredRelease[]> {
    validateReleaseName(name);
    const found = await this.driver.list({ name }, options);
    return found.sort((a, b) => a.release.revision - b.release.revision);
  }

  /** The latest revision, whatever its status; undefined when the release has none. */
  async last(name: string, options?: DriverCallOptions): Promise<StoredRelease | undefined> {
    const latest = (await this.revisions(name, options)).at(-1);
    return latest && this.driver.get(name, latest.revision, options);
  }

  /** The latest revision with status `deployed`; undefined when there is none. */
  async lastDeployed(name: string, options?: DriverCallOptions): Promise<StoredRelease | undefined> {
    const latest = (await this.revisions(name, options)).filter((r) => r.status === "deployed").at(-1);
    return latest && this.driver.get(name, latest.revision, options);
  }

  /** The revision number the next operation on the release gets: latest + 1 (1 for a new release). */
  async nextRevision(name: string, options?: DriverCallOptions): Promise<number> {
    return ((await this.revisions(name, options)).at(-1)?.revision ?? 0) + 1;
  }

  /** Creates a revision's record (create-if-absent). @throws ReleaseExists */
  create(release: Release, options?: DriverCallOptions): Promise<StoredRelease> {
    validateReleaseName(release.name);
    return this.driver.create(releaseKey(release.name, release.revision), release, options);
  }

  /** Replaces a revision's record if it is still at `expectedVersion`. @throws StorageConflict */
  update(release: Release, expectedVersion: string, options?: DriverCallOptions): Promise<StoredRelease> {
    return this.driver.update(release, { ...options, expectedVersion });
  }

  /**
   * Deletes the oldest revisions beyond `maxHistory`, never the last deployed one, the
   * latest one, or a pending one. Returns the deleted revision numbers.
   * @param known - the revisions as just listed by `revisions()`, saving a listing
   */
  async trim(name: string, options?: DriverCallOptions, known?: readonly ReleaseSummary[]): Promise<number[]> {
    if (this.maxHistory <= 0) return [];
    const all = known ?? (await this.revisions(name, options));
    const keep = new Set([all.filter((r) => r.status === "deployed").at(-1)?.revision, all.at(-1)?.revision]);
    const candidates = all.filter((r) => !keep.has(r.revision) && !isLockStatus(r.status));
    const deleted: number[] = [];
    for (let excess = all.length - this.maxHistory; excess > 0 && candidates.length > 0; excess--) {
      const oldest = candidates.shift()!;
      await this.driver.delete(name, oldest.revision, options);
      deleted.push(oldest.revision);
    }
    return deleted;
  }

  /**
   * Takes the release's lock by creating its next revision as a `pending-*` (or, for uninstall, `uninstalling`) record
   * (create-if-absent on the revision's key, so of two concurrent callers exactly one wins).
   * When the latest revision holds a live lock, throws `ReleaseLocked`; when that
   * lock has expired (or `force` is set), marks the stale revision `failed` (compare-and-swap)
   * and takes over.
   * @param holder - who takes the lock, shown to whoever is locked out
   * @param ttlMs - how long the lock lives unless renewed
   * @param draft - the pending revision's content, or a function of the latest revision giving it
   * @throws ReleaseLocked, InvalidReleaseName
   */
  acquire(name: string, holder: string, ttlMs: number, draft: LockDraft | ((last: Release | undefined) => LockDraft), options?: AcquireOptions): Promise<ReleaseLease> {
    return acquireLock(this, name, holder, ttlMs, draft, options);
  }

  /**
   * Extends the lock of a pending revision to `ttlMs` from now, saving `changes` (e.g. hook runs) with it.
   * @throws StorageConflict when the lease was lost (the lock was taken over)
   */
  renew(lease: ReleaseLease, ttlMs: number, changes?: Partial<Omit<Release, "name" | "revision" | "lock">>, options?: DriverCallOptions): Promise<ReleaseLease> {
    return renewLock(this, lease, ttlMs, changes, options);
  }

  /**
   * Finishes a pending revision: writes its outcome and drops the lock. When the outcome is
   * `deployed`, earlier `deployed` revisions become `superseded` and history is trimmed.
   * @throws StorageConflict when the lease was lost (the lock was taken over)
   */
  release(lease: ReleaseLease, outcome: ReleaseOutcome, options?: DriverCallOptions): Promise<StoredRelease> {
    return releaseLock(this, lease, outcome, options);
  }

  /**
   * Recovers a release stuck in `pending-*` (a killed client, or Helm's "another operation is
   * in progress"): marks the pending revision `failed`. Undefined when nothing is pending.
   * Only for when no operation is running.
   */
  unlock(name: string, by: string, options?: DriverCallOptions): Promise<StoredRelease | undefined> {
    return unlockRelease(this, name, by, options);
  }
}
