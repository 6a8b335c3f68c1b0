import type { Release, ReleaseLock, ReleaseStatus } from "./release.js";

/** A record as stored, with the version token that optimistic updates compare against. */
export interface StoredRelease {
  /** The decoded record. */
  readonly release: Release;
  /** Opaque; changes on every write (the Secret's `resourceVersion` for Kubernetes drivers). */
  readonly version: string;
}

/** What a driver knows of a record without decoding its body (from labels and annotations). */
export interface ReleaseSummary {
  /** The release's name (the `name` label). */
  readonly name: string;
  /** The release's namespace, which is where its records are kept. */
  readonly namespace: string;
  /** The revision number (Helm's `version` label). */
  readonly revision: number;
  /** The revision's status (the `status` label). */
  readonly status: ReleaseStatus;
  /** The record's version token, as in {@link StoredRelease.version}. */
  readonly version: string;
  /** The lock, when the record carries one. */
  readonly lock?: ReleaseLock;
  /** ISO 8601: when the record was created, when known. */
  readonly createdAt?: string;
  /** ISO 8601: when the record was last written, when known. */
  readonly modifiedAt?: string;
}

/** Selects records by their labels. Every field narrows the selection. */
export interface ReleaseQuery {
  /** Only the records of this release. @defaultValue every release */
  readonly name?: string;
  /** Only the revisions with this status. @defaultValue every status */
  readonly status?: ReleaseStatus;
  /** The `owner` label. @defaultValue "helm" */
  readonly owner?: string;
  /** Further labels that must match exactly (a release's custom labels). */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Options every driver call takes. */
export interface DriverCallOptions {
  /** Aborts the call's storage requests; the call then rejects. */
  readonly signal?: AbortSignal;
}

/** Options of {@link Driver.update}. */
export interface UpdateOptions extends DriverCallOptions {
  /** Write only if the stored record still has this version; otherwise `StorageConflict`. @defaultValue unconditional */
  readonly expectedVersion?: string;
}

/**
 * Stores release records, one per revision. The small contract every storage backend
 * implements (memory, Secret, ConfigMap); {@link ReleaseStore} builds history and locking on it.
 *
 * Errors: `ReleaseNotFound`, `ReleaseExists`, `StorageConflict`, `StorageCorrupt`.
 */
export interface Driver {
  /** `memory`, `secret` or `configmap`. */
  readonly name: string;
  /**
   * Creates the record if no record has this key; atomic (two concurrent creates: one wins).
   * @param key - `releaseKey(release.name, release.revision)`
   * @throws ReleaseExists when the key is taken
   */
  create(key: string, release: Release, options?: DriverCallOptions): Promise<StoredRelease>;
  /**
   * Replaces the record of `release.name` / `release.revision`.
   * @throws ReleaseNotFound when it does not exist; StorageConflict when `expectedVersion` is stale
   */
  update(release: Release, options?: UpdateOptions): Promise<StoredRelease>;
  /** Deletes a record (and anything it was split into); false when it did not exist. */
  delete(name: string, revision: number, options?: DriverCallOptions): Promise<boolean>;
  /** Reads one record. @throws ReleaseNotFound */
  get(name: string, revision: number, options?: DriverCallOptions): Promise<StoredRelease>;
  /** Summaries of the records whose labels match, without decoding their bodies; unordered. */
  query(query: ReleaseQuery, options?: DriverCallOptions): Promise<ReleaseSummary[]>;
  /** Decodes the records whose labels match and that pass `where`; unordered. */
  list(filter?: ReleaseQuery & { readonly where?: (release: Release) => boolean }, options?: DriverCallOptions): Promise<StoredRelease[]>;
}
