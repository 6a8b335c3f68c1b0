import { isDns1123Label } from "../util/dns.js";
import type { StoredRelease } from "./driver.js";
import { InvalidNamespace } from "./errors.js";
import { validateReleaseName } from "./name.js";
import { storedWithNamespace } from "./record-namespace.js";
import { isLockStatus } from "./release.js";
import type { ReleaseStore } from "./store.js";

/** Where a release stands before an operation: its store and its latest and last deployed revisions. */
export interface ReleaseState {
  /** The release's name. */
  readonly name: string;
  /** The release's namespace (the one given, else the configuration's). */
  readonly namespace: string;
  /** The store of the release's records, in its namespace. */
  readonly store: ReleaseStore;
  /** The latest revision, any status. */
  readonly latest: StoredRelease | undefined;
  /** The latest `deployed` revision: what an upgrade starts from and an atomic deploy returns to. */
  readonly lastDeployed: StoredRelease | undefined;
}

/** Where releases are stored: a store per namespace, and the namespace of releases that name none (a `Configuration`). */
export interface ReleaseStores {
  /** Namespace of releases that name none. */
  readonly namespace: string;
  /** The release store of a namespace. */
  storeFor(namespace: string): ReleaseStore;
}

/** A release's revisions as listed (labels only): what the next revision is, before any record is read. */
export interface ReleaseListing {
  /** The release's name. */
  readonly name: string;
  /** The release's namespace (the one given, else the configuration's). */
  readonly namespace: string;
  /** The newest revision's number; 0 when the release has none. */
  readonly latestRevision: number;
  /** True when a revision is `deployed`: deploying is an upgrade. */
  readonly hasDeployed: boolean;
  /** The state those revisions make, their records being read; rejects as {@link releaseState} does. Never an unhandled rejection. */
  readonly state: Promise<ReleaseState>;
}

/**
 * Lists a release's revisions and starts reading the records its state needs: a caller can work
 * from the listing (e.g. render the next revision) while they are read.
 * @throws InvalidReleaseName, InvalidNamespace
 */
export async function listRelease(stores: ReleaseStores, name: string, namespace: string | undefined, signal?: AbortSignal): Promise<ReleaseListing> {
  validateReleaseName(name);
  const ns = namespace ?? stores.namespace;
  if (!isDns1123Label(ns) || ns.length > 63) throw new InvalidNamespace(ns);
  const store = stores.storeFor(ns);
  const opts = signal ? { signal } : {};
  // one listing serves both: each of store.last() and store.lastDeployed() would list the revisions again
  const revisions = await store.revisions(name, opts);
  const newest = revisions.at(-1);
  const deployed = revisions.filter((r) => r.status === "deployed").at(-1);
  const state = (async (): Promise<ReleaseState> => {
    const latest = storedWithNamespace(newest && (await store.get(name, newest.revision, opts)), ns);
    const lastDeployed = deployed === undefined ? undefined : deployed.revision === latest?.release.revision ? latest : storedWithNamespace(await store.get(name, deployed.revision, opts), ns);
    return { name, namespace: ns, store, latest, lastDeployed };
  })();
  state.catch(() => undefined); // the caller awaits it, unless it fails first
  return { name, namespace: ns, latestRevision: newest?.revision ?? 0, hasDeployed: deployed !== undefined, state };
}

/**
 * Reads a release's state (Helm-written records get the release namespace on their objects).
 * @throws InvalidReleaseName, InvalidNamespace
 */
export async function releaseState(stores: ReleaseStores, name: string, namespace: string | undefined, signal?: AbortSignal): Promise<ReleaseState> {
  return await (await listRelease(stores, name, namespace, signal)).state;
}

/** The release's live lock, when its latest revision holds the lock (`pending-*`, `uninstalling`) and it has not expired. */
export function liveLock(state: ReleaseState, now = Date.now()): { holder: string; since: string } | undefined {
  const latest = state.latest?.release;
  if (!latest || !isLockStatus(latest.status) || !latest.lock) return undefined;
  return Date.parse(latest.lock.expiresAt) > now ? { holder: latest.lock.holder, since: latest.lock.acquiredAt } : undefined;
}
