import type { KubeApi } from "../kube/types.js";
import type { StoredRelease } from "./driver.js";
import { LeaseLost, ReleaseNotFound, StorageConflict } from "./errors.js";
import type { ReleaseLease, ReleaseOutcome } from "./lock.js";
import type { Release } from "./release.js";
import type { ReleaseStore } from "./store.js";

/** The `KubeApi` methods that write (unless asked for a dry run). */
const WRITES = new Set<PropertyKey>(["apply", "create", "update", "delete"]);

/**
 * Holds a lock-holding revision's lock while an operation runs: renews it every third of its TTL so a
 * live operation never looks stale, and serialises renewals with updates and the final outcome
 * (each write needs the version the previous one returned).
 *
 * It also notices when the lock is lost — a renewal meets a record changed by someone else (taken
 * over) or deleted, or renewals keep failing until the lock expires — and then stops the operation:
 * {@link LeaseKeeper.signal} aborts, and every write through {@link LeaseKeeper.guard} throws
 * `LeaseLost` instead of reaching the cluster. Before a write, a lease not confirmed within the last
 * second (or tenth of the TTL) is read back, so a takeover is noticed before the next write.
 */
export class LeaseKeeper {
  private lease: ReleaseLease;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private lost: LeaseLost | undefined;
  private renewError: unknown;
  private confirmedAt: number;
  private confirming: Promise<void> | undefined;
  private readonly confirmWindowMs: number;
  private readonly controller = new AbortController();

  /** @param store - the release's store @param lease - the acquired revision @param ttlMs - lock lifetime */
  constructor(private readonly store: ReleaseStore, lease: ReleaseLease, private readonly ttlMs: number) {
    this.lease = lease;
    this.confirmedAt = store.now();
    this.confirmWindowMs = Math.min(1000, ttlMs / 10);
    this.timer = setInterval(() => void this.renew(), Math.max(1000, ttlMs / 3));
    this.timer.unref();
  }

  /** The revision as last written. */
  get release(): Release {
    return this.lease.release;
  }

  /** Aborts when the lock is lost (its reason is the `LeaseLost`). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The `LeaseLost` error once the lock is lost; undefined while it is held. */
  get failure(): LeaseLost | undefined {
    return this.lost;
  }

  /** Saves changes to the revision (e.g. hook runs), renewing the lock. @throws LeaseLost */
  update(changes: Partial<Omit<Release, "name" | "revision" | "lock">>): Promise<void> {
    return this.write(() => this.store.renew(this.lease, this.ttlMs, changes)).then(() => undefined);
  }

  /** Writes the outcome and drops the lock; renewals stop. @throws LeaseLost when the record is no longer ours */
  async finish(outcome: ReleaseOutcome): Promise<StoredRelease> {
    clearInterval(this.timer);
    return await this.write(() => this.store.release(this.lease, outcome));
  }

  /**
   * After the lock was lost: writes `outcome` only if the record is still exactly as this process
   * left it (compare-and-swap; a lock that merely expired, not taken over). Never throws.
   */
  async finishIfUntouched(outcome: ReleaseOutcome): Promise<void> {
    clearInterval(this.timer);
    await this.enqueue(() => this.store.release(this.lease, outcome)).catch(() => undefined);
  }

  /** Stops renewing without writing (the process is giving up the lock to expiry, or deleting its record). */
  abandon(): void {
    clearInterval(this.timer);
  }

  /**
   * Resolves while the lock is held; throws `LeaseLost` once it is not. Reads the record back when
   * `fresh` is set (between an operation's phases) or the lease was last confirmed longer ago than
   * the confirmation window (before each write).
   */
  async assertHeld(fresh = false): Promise<void> {
    if (this.lost) throw this.lost;
    const expiresAt = Date.parse(this.lease.release.lock?.expiresAt ?? "");
    if (this.store.now() >= expiresAt) throw this.lose("expired", this.renewError);
    if (!fresh && this.store.now() - this.confirmedAt < this.confirmWindowMs) return;
    this.confirming ??= this.enqueue(async () => {
      const { name, revision } = this.lease.release;
      const current = await this.store.get(name, revision).catch((e: unknown) => (e instanceof ReleaseNotFound ? undefined : Promise.reject(e)));
      if (!current) throw this.lose("deleted");
      if (current.version !== this.lease.version) throw this.lose("taken-over");
      this.confirmedAt = this.store.now();
      return this.lease;
    }).then(
      () => (this.confirming = undefined),
      (e: unknown) => {
        this.confirming = undefined;
        throw e;
      },
    );
    await this.confirming;
  }

  /** The API with every write (other than dry runs) checked by {@link LeaseKeeper.assertHeld} first. */
  guard(kube: KubeApi): KubeApi {
    return new Proxy(kube, {
      get: (target, prop) => {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== "function") return value;
        if (!WRITES.has(prop)) return value.bind(target);
        return async (subject: unknown, options?: { dryRun?: boolean }) => {
          if (!options?.dryRun) await this.assertHeld();
          return await (value as (s: unknown, o?: unknown) => Promise<unknown>).call(target, subject, options);
        };
      },
    });
  }

  private async renew(): Promise<void> {
    try {
      await this.write(() => this.store.renew(this.lease, this.ttlMs));
    } catch (e) {
      // A conflict or deletion marked the lease lost in write(); other failures may pass: the next renewal tries again.
      this.renewError = e;
    }
  }

  /** A write of the lease's record: a conflict means someone else wrote it (took the lock over). */
  private async write(write: () => Promise<StoredRelease>): Promise<StoredRelease> {
    if (this.lost) throw this.lost;
    try {
      const stored = await this.enqueue(write);
      this.confirmedAt = this.store.now();
      return stored;
    } catch (e) {
      if (e instanceof StorageConflict) throw this.lose("taken-over", e);
      if (e instanceof ReleaseNotFound) throw this.lose("deleted", e);
      throw e;
    }
  }

  private lose(why: LeaseLost["why"], cause?: unknown): LeaseLost {
    if (!this.lost) {
      const { name, revision } = this.lease.release;
      this.lost = new LeaseLost(name, revision, why, cause === undefined ? undefined : { cause });
      clearInterval(this.timer);
      this.controller.abort(this.lost);
    }
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
