import type { RenderedHook, RenderedObject, RenderResult } from "../model/rendered.js";

/** Where a release revision is in its life (Helm's statuses). */
export type ReleaseStatus =
  | "pending-install"
  | "pending-upgrade"
  | "pending-rollback"
  | "deployed"
  | "superseded"
  | "failed"
  | "uninstalling"
  | "uninstalled";

/** The statuses of a revision whose operation is in progress (and holds the release's lock). */
export type PendingStatus = Extract<ReleaseStatus, `pending-${string}`>;

/** Every release status, in Helm's spelling. */
export const RELEASE_STATUSES: readonly ReleaseStatus[] = [
  "pending-install",
  "pending-upgrade",
  "pending-rollback",
  "deployed",
  "superseded",
  "failed",
  "uninstalling",
  "uninstalled",
];

/** Statuses of a revision that holds the release's lock while its operation runs: `pending-*`, and `uninstalling`. */
export type LockStatus = PendingStatus | "uninstalling";

/** True for the statuses that hold the release's lock: `pending-*` and `uninstalling`. */
export function isLockStatus(status: ReleaseStatus): status is LockStatus {
  return isPendingStatus(status) || status === "uninstalling";
}

/** True for `pending-install`, `pending-upgrade` and `pending-rollback`. */
export function isPendingStatus(status: ReleaseStatus): status is PendingStatus {
  return status.startsWith("pending-");
}

/** The chart a revision was made from (Helm's `Chart.yaml` metadata; unknown fields are kept). */
export interface ReleaseChart {
  /** The chart's name. */
  readonly name: string;
  /** The chart's version (SemVer), e.g. `1.2.0`. */
  readonly version: string;
  /** The chart API version, `v1` or `v2`. @defaultValue "v2" when written */
  readonly apiVersion?: string;
  /** The version of the application the chart deploys. */
  readonly appVersion?: string;
  /** The chart's one-sentence description. */
  readonly description?: string;
  /** `application` or `library`. */
  readonly type?: string;
  /** Further `Chart.yaml` fields (home, keywords, annotations…), carried through as they are. */
  readonly [field: string]: unknown;
}

/** How the last run of a hook ended (Helm's `HookPhase`). */
export type HookLastRunPhase = "Unknown" | "Running" | "Succeeded" | "Failed";

/** The last run of a hook. Timestamps are ISO 8601 strings. */
export interface HookLastRun {
  /** How the run ended (or that it is still running). */
  readonly phase: HookLastRunPhase;
  /** ISO 8601: when the run started. */
  readonly startedAt?: string;
  /** ISO 8601: when the run finished; absent while it runs. */
  readonly completedAt?: string;
}

/** A hook of a revision: what was rendered, and how its last run went. */
export interface ReleaseHook extends RenderedHook {
  /** Absent when the hook has not run. */
  readonly lastRun?: HookLastRun;
}

/**
 * Who holds a release's lock while a `pending-*` revision is being carried out.
 * A lock past `expiresAt` is stale and may be taken over.
 */
export interface ReleaseLock {
  /** Identifies the holder, e.g. `alice@laptop pid 4242`; shown to whoever is locked out. */
  readonly holder: string;
  /** ISO 8601. */
  readonly acquiredAt: string;
  /** ISO 8601. */
  readonly expiresAt: string;
}

/**
 * One revision of a release: an immutable record of what was deployed and how it went.
 * Plain JSON (timestamps are ISO 8601 strings), so it can be stored, compared and printed.
 */
export interface Release {
  /** A DNS-1123 label of at most 53 characters. */
  readonly name: string;
  /** The release's namespace, where its records are kept and its namespaced objects go by default. */
  readonly namespace: string;
  /** 1, 2, 3… */
  readonly revision: number;
  /** Where this revision is in its life. */
  readonly status: ReleaseStatus;
  /** The chart this revision was made from. */
  readonly chart: ReleaseChart;
  /** The values the user gave (Helm's `config`). */
  readonly config: Readonly<Record<string, unknown>>;
  /** The computed values: chart defaults ← user values. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The release's objects in install order. */
  readonly objects: readonly RenderedObject[];
  /** The release's hooks, each with its last run. */
  readonly hooks: readonly ReleaseHook[];
  /** CRDs from the charts' `crds/` folders. */
  readonly crds: readonly RenderedObject[];
  /** Rendered `NOTES.txt`; empty when none. */
  readonly notes: string;
  /** A human-readable log line: "Install complete", "Upgrade failed: …". */
  readonly description: string;
  /** ISO 8601: when revision 1 was deployed. */
  readonly firstDeployed: string;
  /** ISO 8601: when this revision was deployed. */
  readonly lastDeployed: string;
  /** ISO 8601: when the release was uninstalled (with history kept). */
  readonly deleted?: string;
  /** Present while a `pending-*` revision is in progress. */
  readonly lock?: ReleaseLock;
  /** Custom labels of the release (Helm's `--labels`), stored as labels of the record. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** What a render contributes to a revision. */
export type RenderedContent = Pick<Release, "objects" | "hooks" | "crds" | "notes" | "values">;

/** Takes a revision's rendered content from a {@link RenderResult} (hooks not yet run). */
export function contentOf(result: RenderResult): RenderedContent {
  return { objects: result.objects, hooks: result.hooks, crds: result.crds, notes: result.notes, values: result.values };
}

