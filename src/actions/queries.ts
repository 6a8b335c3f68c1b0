import type { ObjectRef } from "../model/ref.js";
import { ReleaseNotFound } from "../storage/errors.js";
import type { ReleaseSummary } from "../storage/driver.js";
import type { Release, ReleaseChart, ReleaseStatus } from "../storage/release.js";
import { mapLimit } from "../util/map-limit.js";
import { refOf } from "../wait/events.js";
import type { Configuration } from "./configuration.js";

/** One revision as `history` and `list` show it. */
export interface RevisionInfo {
  /** The release's name. */
  readonly name: string;
  /** The release's namespace. */
  readonly namespace: string;
  /** The revision number (1, 2, 3…). */
  readonly revision: number;
  /** The revision's status. */
  readonly status: ReleaseStatus;
  /** `name-version` of the chart, e.g. `web-1.2.0`. */
  readonly chart: string;
  /** The chart's `appVersion`; empty when it has none. */
  readonly appVersion: string;
  /** ISO 8601. */
  readonly updated: string;
  /** The revision's log line, e.g. "Install complete". */
  readonly description: string;
}

/** A release's current state, as `status` reports it. */
export interface ReleaseStatusReport extends RevisionInfo {
  /** ISO 8601: when revision 1 was deployed. */
  readonly firstDeployed: string;
  /** The revision's rendered `NOTES.txt`; empty when none. */
  readonly notes: string;
  /** The objects of the latest revision. */
  readonly objects: readonly ObjectRef[];
  /** Present while an operation holds the release. */
  readonly lock?: Release["lock"];
}

/** Options of the read-only actions. */
export interface QueryOptions {
  /** The release's namespace. @defaultValue the configuration's namespace */
  readonly namespace?: string;
  /** Cancels the reads; the action then rejects. */
  readonly signal?: AbortSignal;
}

function info(release: Release): RevisionInfo {
  const chart: ReleaseChart = release.chart;
  return {
    name: release.name,
    namespace: release.namespace,
    revision: release.revision,
    status: release.status,
    chart: `${chart.name}-${chart.version}`,
    appVersion: chart.appVersion ?? "",
    updated: release.deleted ?? release.lastDeployed,
    description: release.description,
  };
}

const sig = (o: QueryOptions) => (o.signal ? { signal: o.signal } : {});

/** Every revision of a release, oldest first. @throws ReleaseNotFound */
export async function history(config: Configuration, name: string, options: QueryOptions = {}): Promise<RevisionInfo[]> {
  const records = await config.storeFor(options.namespace ?? config.namespace).history(name, sig(options));
  if (records.length === 0) throw new ReleaseNotFound(name);
  return records.map((r) => info(r.release));
}

/** The latest revision of a release with its notes and objects. @throws ReleaseNotFound */
export async function status(config: Configuration, name: string, options: QueryOptions = {}): Promise<ReleaseStatusReport> {
  const latest = await config.storeFor(options.namespace ?? config.namespace).last(name, sig(options));
  if (!latest) throw new ReleaseNotFound(name);
  const release = latest.release;
  return {
    ...info(release),
    firstDeployed: release.firstDeployed,
    notes: release.notes,
    objects: release.objects.map((o) => refOf(o.object)),
    ...(release.lock ? { lock: release.lock } : {}),
  };
}

/** One revision in full (values, objects, hooks, notes). @defaultValue the latest revision @throws ReleaseNotFound */
export async function get(config: Configuration, name: string, options: QueryOptions & { revision?: number } = {}): Promise<Release> {
  const store = config.storeFor(options.namespace ?? config.namespace);
  if (options.revision !== undefined) return (await store.get(name, options.revision, sig(options))).release;
  const latest = await store.last(name, sig(options));
  if (!latest) throw new ReleaseNotFound(name);
  return latest.release;
}

/** Options of `Cluster.list`. */
export interface ListReleasesOptions {
  /** The namespace whose releases are listed; ignored with `allNamespaces`. @defaultValue the configuration's namespace */
  readonly namespace?: string;
  /** List releases of every namespace. @defaultValue false */
  readonly allNamespaces?: boolean;
  /** Only releases whose latest revision has this status. @defaultValue every status but `uninstalled` */
  readonly status?: ReleaseStatus;
  /** Cancels the reads; `list` then rejects. */
  readonly signal?: AbortSignal;
}

/**
 * The releases of a namespace (or all), each by its latest revision, sorted by namespace then name.
 * Records are found by label in one LIST (cluster-wide with `allNamespaces`); only each release's
 * latest record is decoded.
 */
export async function list(config: Configuration, options: ListReleasesOptions = {}): Promise<RevisionInfo[]> {
  const summaries = options.allNamespaces
    ? await config.queryAllNamespaces({}, sig(options))
    : await config.storeFor(options.namespace ?? config.namespace).driver.query({}, sig(options));
  const latest = new Map<string, ReleaseSummary>();
  for (const s of summaries) {
    const key = `${s.namespace}/${s.name}`;
    if ((latest.get(key)?.revision ?? 0) < s.revision) latest.set(key, s);
  }
  const wanted = [...latest.values()].filter((s) => (options.status ? s.status === options.status : s.status !== "uninstalled"));
  const decoded = await mapLimit(wanted, 8, async (s) => {
    try {
      return info((await config.storeFor(s.namespace).get(s.name, s.revision, sig(options))).release);
    } catch (e) {
      if (e instanceof ReleaseNotFound) return undefined; // deleted since it was listed
      throw e;
    }
  });
  return decoded.filter((r) => r !== undefined).sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}
