import type { StoredRelease } from "../storage/driver.js";
import type { ReleaseLease, ReleaseOutcome } from "../storage/lock.js";
import type { Release } from "../storage/release.js";
import type { ReleaseStore } from "../storage/store.js";

/**
 * Holds a pending revision's lock while an operation runs: renews it every third of its TTL so a
 * live operation never looks stale, and serialises renewals with updates and the final outcome
 * (each write needs the version the previous one returned).
 */
export class LeaseKeeper {
  private lease: ReleaseLease;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private lost: unknown;

  /** @param store - the release's store @param lease - the acquired pending revision @param ttlMs - lock lifetime */
  constructor(private readonly store: ReleaseStore, lease: ReleaseLease, private readonly ttlMs: number) {
    this.lease = lease;
    this.timer = setInterval(() => void this.enqueue(() => this.store.renew(this.lease, this.ttlMs)).catch((e) => (this.lost = e)), Math.max(1000, ttlMs / 3));
    this.timer.unref();
  }

  /** The pending revision as last written. */
  get release(): Release {
    return this.lease.release;
  }

  /** Saves changes to the pending revision (e.g. hook runs), renewing the lock. */
  update(changes: Partial<Omit<Release, "name" | "revision" | "lock">>): Promise<void> {
    return this.enqueue(() => this.store.renew(this.lease, this.ttlMs, changes)).then(() => undefined);
  }

  /** Writes the outcome and drops the lock; renewals stop. */
  async finish(outcome: ReleaseOutcome): Promise<StoredRelease> {
    clearInterval(this.timer);
    let result: StoredRelease | undefined;
    await this.enqueue(async () => {
      result = await this.store.release(this.lease, outcome);
      return result;
    });
    return result!;
  }

  /** Stops renewing without writing (the process is giving up the lock to expiry). */
  abandon(): void {
    clearInterval(this.timer);
  }

  /** A renewal failure (the lock was taken over), if one happened. */
  get failure(): unknown {
    return this.lost;
  }

  private enqueue(write: () => Promise<StoredRelease>): Promise<StoredRelease> {
    const next = this.chain.then(async () => {
      const stored = await write();
      this.lease = stored;
      return stored;
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
}
