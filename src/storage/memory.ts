import type { Driver, DriverCallOptions, ReleaseQuery, ReleaseSummary, StoredRelease, UpdateOptions } from "./driver.js";
import { ReleaseExists, ReleaseNotFound, StorageConflict } from "./errors.js";
import { checkKey, releaseKey } from "./name.js";
import type { Release } from "./release.js";

interface Entry {
  /** Serialised, so callers never share objects with the store. */
  readonly json: string;
  readonly version: number;
  readonly createdAt: string;
  readonly modifiedAt?: string;
}

/** Options of {@link memoryDriver}. */
export interface MemoryDriverOptions {
  /** The clock for `createdAt`/`modifiedAt`. @defaultValue Date.now */
  readonly now?: () => number;
}

/**
 * A driver that keeps records in this process: for tests, previews and dry runs.
 * A supported implementation with the same semantics as the Kubernetes drivers
 * (create-if-absent, versioned optimistic updates). Records are copied in and out.
 */
export function memoryDriver(options: MemoryDriverOptions = {}): Driver {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let nextVersion = 1;

  const stored = (entry: Entry): StoredRelease => ({ release: JSON.parse(entry.json) as Release, version: String(entry.version) });
  const matches = (release: Release, query: ReleaseQuery): boolean =>
    (query.owner ?? "helm") === "helm" &&
    (query.name === undefined || release.name === query.name) &&
    (query.status === undefined || release.status === query.status) &&
    Object.entries(query.labels ?? {}).every(([k, v]) => release.labels?.[k] === v);

  return {
    name: "memory",
    async create(key: string, release: Release, _options?: DriverCallOptions) {
      checkKey(key, release);
      if (entries.has(key)) throw new ReleaseExists(release.name, release.revision);
      const entry: Entry = { json: JSON.stringify(release), version: nextVersion++, createdAt: new Date(now()).toISOString() };
      entries.set(key, entry);
      return stored(entry);
    },
    async update(release: Release, updateOptions: UpdateOptions = {}) {
      const key = releaseKey(release.name, release.revision);
      const current = entries.get(key);
      if (!current) throw new ReleaseNotFound(release.name, release.revision);
      if (updateOptions.expectedVersion !== undefined && updateOptions.expectedVersion !== String(current.version)) {
        throw new StorageConflict(release.name, release.revision);
      }
      const entry: Entry = { ...current, json: JSON.stringify(release), version: nextVersion++, modifiedAt: new Date(now()).toISOString() };
      entries.set(key, entry);
      return stored(entry);
    },
    async delete(name: string, revision: number) {
      return entries.delete(releaseKey(name, revision));
    },
    async get(name: string, revision: number) {
      const entry = entries.get(releaseKey(name, revision));
      if (!entry) throw new ReleaseNotFound(name, revision);
      return stored(entry);
    },
    async query(query: ReleaseQuery) {
      const summaries: ReleaseSummary[] = [];
      for (const entry of entries.values()) {
        const { release, version } = stored(entry);
        if (!matches(release, query)) continue;
        summaries.push({
          name: release.name,
          namespace: release.namespace,
          revision: release.revision,
          status: release.status,
          version,
          ...(release.lock ? { lock: release.lock } : {}),
          createdAt: entry.createdAt,
          ...(entry.modifiedAt ? { modifiedAt: entry.modifiedAt } : {}),
        });
      }
      return summaries;
    },
    async list(filter = {}) {
      return [...entries.values()].map(stored).filter((s) => matches(s.release, filter) && (filter.where?.(s.release) ?? true));
    },
  };
}
