import type { DriverCallOptions, ReleaseSummary, StoredRelease } from "./driver.js";
import { ReleaseExists, ReleaseLocked, ReleaseNotFound, StorageConflict } from "./errors.js";
import { validateReleaseName } from "./name.js";
import { isLockStatus, type LockStatus, type PendingStatus, type Release, type ReleaseLock, type ReleaseStatus } from "./release.js";

/** The content of a pending revision; the store fills in name, revision, lock and timestamps. */
export type ReleaseDraft = Omit<Release, "name" | "revision" | "status" | "lock" | "firstDeployed" | "lastDeployed" | "deleted"> & {
  readonly status: PendingStatus;
};

/** The content of a revision that takes the lock: a pending revision, or an `uninstalling` one (uninstall's lock). */
export type LockDraft = Omit<ReleaseDraft, "status"> & { readonly status: LockStatus };

/** A pending revision held by its lock: pass it back to `renew` and `release`. */
export type ReleaseLease = StoredRelease;

/** How a pending revision ended; any other field given replaces the revision's. */
export type ReleaseOutcome = Partial<Omit<Release, "name" | "namespace" | "revision" | "lock" | "status">> & {
  readonly status: Exclude<ReleaseStatus, PendingStatus>;
};

/**
 * The record operations taking, renewing and releasing a lock need; `ReleaseStore` has them
 * (declared here so the lock does not import the store that delegates to it).
 */
export interface LockRecords {
  /** The clock (milliseconds since the epoch). */
  readonly now: () => number;
  /** Reads one revision. */
  get(name: string, revision: number, options?: DriverCallOptions): Promise<StoredRelease>;
  /** The revisions of a release from labels only, oldest first. */
  revisions(name: string, options?: DriverCallOptions): Promise<ReleaseSummary[]>;
  /** Creates a revision's record (create-if-absent). */
  create(release: Release, options?: DriverCallOptions): Promise<StoredRelease>;
  /** Replaces a revision's record if it is still at `expectedVersion`. */
  update(release: Release, expectedVersion: string, options?: DriverCallOptions): Promise<StoredRelease>;
  /** Deletes the oldest revisions beyond the history limit. */
  trim(name: string, options?: DriverCallOptions, known?: readonly ReleaseSummary[]): Promise<number[]>;
}

/** Options of `ReleaseStore.acquire`. */
export interface AcquireOptions extends DriverCallOptions {
  /** Take over a live lock too (the holder is known dead). @defaultValue false */
  readonly force?: boolean;
  /**
   * The latest revision as the caller read it (e.g. to plan): used instead of reading it again
   * when the record is still at the same version.
   */
  readonly known?: StoredRelease;
  /**
   * The caller read the release and it had no records: revision 1 is created without listing them
   * first (one created meanwhile makes that create fail, and the revisions are then listed).
   */
  readonly knownEmpty?: boolean;
}

/** Races lost before giving up; each loss means another writer made progress. */
const MAX_ATTEMPTS = 8;

const iso = (ms: number): string => new Date(ms).toISOString();

/** See `ReleaseStore.acquire`. */
export async function acquireLock(
  store: LockRecords,
  name: string,
  holder: string,
  ttlMs: number,
  draft: LockDraft | ((last: Release | undefined) => LockDraft),
  options: AcquireOptions = {},
): Promise<ReleaseLease> {
  validateReleaseName(name);
  for (let attempt = 1; ; attempt++) {
    const revisions = attempt === 1 && options.knownEmpty ? [] : await store.revisions(name, options);
    const latest = revisions.at(-1);
    await supersedeDoubles(store, revisions, options);
    if (latest && holdsLock(latest)) {
      const stale = options.force || (latest.lock !== undefined && Date.parse(latest.lock.expiresAt) <= store.now());
      if (!stale) throw lockedError(latest);
      const taken = await markFailed(store, latest, staleReason(latest, holder, options.force === true), options);
      if (!taken && attempt < MAX_ATTEMPTS) continue;
      if (!taken) throw lockedError(latest);
    }
    const known = options.known;
    const last = latest && (known && known.release.revision === latest.revision && known.version === latest.version ? known : await store.get(name, latest.revision, options)).release;
    const content = typeof draft === "function" ? draft(last) : draft;
    const now = store.now();
    const release: Release = {
      ...content,
      name,
      revision: (latest?.revision ?? 0) + 1,
      firstDeployed: last?.firstDeployed || iso(now),
      lastDeployed: iso(now),
      lock: { holder, acquiredAt: iso(now), expiresAt: iso(now + ttlMs) },
    };
    try {
      return await store.create(release, options);
    } catch (e) {
      if (!(e instanceof ReleaseExists)) throw e;
      // Our own create may have landed before its answer was lost: the record then carries our lock.
      const existing = await store.get(name, release.revision, options).catch((x: unknown) => (x instanceof ReleaseNotFound ? undefined : Promise.reject(x)));
      if (existing && sameLock(existing.release.lock, release.lock)) return existing;
      // Another caller created this revision first: look again (it now holds the lock).
      if (attempt >= MAX_ATTEMPTS) throw e;
    }
  }
}

/** See `ReleaseStore.renew`. */
export async function renewLock(
  store: LockRecords,
  lease: ReleaseLease,
  ttlMs: number,
  changes: Partial<Omit<Release, "name" | "revision" | "lock">> = {},
  options?: DriverCallOptions,
): Promise<ReleaseLease> {
  const held = heldLock(lease);
  const lock: ReleaseLock = { ...held, expiresAt: iso(store.now() + ttlMs) };
  return store.update({ ...lease.release, ...changes, lock }, lease.version, options);
}

/** See `ReleaseStore.release`. */
export async function releaseLock(store: LockRecords, lease: ReleaseLease, outcome: ReleaseOutcome, options?: DriverCallOptions): Promise<StoredRelease> {
  heldLock(lease);
  const { lock: _dropped, ...rest } = lease.release;
  const done = await store.update({ ...rest, ...outcome }, lease.version, options);
  // Revision 1 was taken when the release had no records: no earlier revision to supersede or trim.
  if (outcome.status === "deployed" && done.release.revision > 1) {
    // The outcome is written: what follows must not turn a deployed release into a failed operation.
    // A supersede that still fails is reconciled by the next acquire; trimming is housekeeping.
    // One listing, taken after the outcome, serves both: superseding changes no revision trim would keep or delete.
    const revisions = await store.revisions(done.release.name, options).catch(() => undefined);
    if (revisions) {
      await supersedeEarlier(store, done.release, options, revisions).catch(() => undefined);
      await store.trim(done.release.name, options, revisions).catch(() => undefined);
    }
  }
  return done;
}

/** See `ReleaseStore.unlock`. */
export async function unlockRelease(store: LockRecords, name: string, by: string, options?: DriverCallOptions): Promise<StoredRelease | undefined> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const latest = (await store.revisions(name, options)).at(-1);
    if (!latest || !isLockStatus(latest.status)) return undefined;
    const done = await markFailed(store, latest, `Unlocked by ${by}: the operation ${latest.lock ? `of ${latest.lock.holder} ` : ""}was abandoned`, options);
    if (done) return done;
  }
  throw new StorageConflict(name, 0);
}

/** Marks a pending revision failed if it has not moved; undefined when another writer got there first. */
async function markFailed(store: LockRecords, stale: ReleaseSummary, reason: string, options?: DriverCallOptions): Promise<StoredRelease | undefined> {
  const current = await store.get(stale.name, stale.revision, options);
  if (current.version !== stale.version) return undefined;
  const { lock: _dropped, ...rest } = current.release;
  try {
    return await store.update({ ...rest, status: "failed", description: reason }, stale.version, options);
  } catch (e) {
    if (e instanceof StorageConflict) return undefined;
    throw e;
  }
}

/**
 * Marks earlier `deployed` revisions `superseded` (Helm keeps one deployed revision). A record
 * changed meanwhile (e.g. `test` recording its runs) is read again and retried, a few times.
 */
async function supersedeEarlier(store: LockRecords, deployed: Pick<Release, "name" | "revision">, options?: DriverCallOptions, known?: readonly ReleaseSummary[]): Promise<void> {
  const earlier = (known ?? (await store.revisions(deployed.name, options))).filter((r) => r.status === "deployed" && r.revision < deployed.revision);
  for (const summary of earlier) {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const stored = await store.get(summary.name, summary.revision, options).catch((e: unknown) => (e instanceof ReleaseNotFound ? undefined : Promise.reject(e)));
      if (!stored || stored.release.status !== "deployed") break;
      try {
        await store.update({ ...stored.release, status: "superseded" }, stored.version, options);
        break;
      } catch (e) {
        if (!(e instanceof StorageConflict)) throw e; // else: someone else wrote it; read it again
      }
    }
  }
}

/** Reconciles a release left with several `deployed` revisions (a supersede that never landed): only the newest stays. */
async function supersedeDoubles(store: LockRecords, revisions: readonly ReleaseSummary[], options?: DriverCallOptions): Promise<void> {
  const deployed = revisions.filter((r) => r.status === "deployed");
  if (deployed.length > 1) await supersedeEarlier(store, deployed.at(-1)!, options, revisions);
}

/** A pending revision holds the lock; an `uninstalling` one only with a lock (Helm's and old berth's uninstalls took none). */
function holdsLock(summary: ReleaseSummary): boolean {
  return isLockStatus(summary.status) && (summary.status !== "uninstalling" || summary.lock !== undefined);
}

function sameLock(a: ReleaseLock | undefined, b: ReleaseLock | undefined): boolean {
  return a !== undefined && b !== undefined && a.holder === b.holder && a.acquiredAt === b.acquiredAt && a.expiresAt === b.expiresAt;
}

function heldLock(lease: ReleaseLease): ReleaseLock {
  if (!lease.release.lock) throw new TypeError(`revision ${lease.release.revision} of "${lease.release.name}" holds no lock; pass the lease acquire() returned`);
  return lease.release.lock;
}

function lockedError(latest: ReleaseSummary): ReleaseLocked {
  if (latest.lock) return new ReleaseLocked(latest.name, latest.revision, latest.lock.holder, latest.lock.acquiredAt, latest.lock.expiresAt);
  const since = latest.modifiedAt ?? latest.createdAt ?? "an unknown time";
  return new ReleaseLocked(latest.name, latest.revision, "an operation without a lock (Helm or an old berth)", since);
}

function staleReason(latest: ReleaseSummary, holder: string, forced: boolean): string {
  const was = latest.lock ? `the lock of ${latest.lock.holder} (since ${latest.lock.acquiredAt})` : "the unlocked pending operation";
  return forced
    ? `Failed: ${was} was taken over by force by ${holder}`
    : `Failed: ${was} expired at ${latest.lock?.expiresAt}; taken over by ${holder}`;
}
