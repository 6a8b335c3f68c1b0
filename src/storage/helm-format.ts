// The JSON shape of Helm 3's release record (helm.sh/helm/v3 pkg/release, pkg/chart), as Helm
// writes it: zero times are "" (Helm's time wrapper), optional fields may be absent.
import type { RenderedObject } from "../model/rendered.js";
import type { ReleaseLock } from "./release.js";

/** Helm's `release.Info`. */
export interface HelmInfo {
  first_deployed?: string | null;
  last_deployed?: string | null;
  deleted?: string | null;
  description?: string;
  /** Early Helm 3 spelled it with a capital D; Go reads keys case-insensitively. */
  Description?: string;
  status?: string;
  notes?: string;
  [field: string]: unknown;
}

/** Helm's `chart.Chart` as stored in a release. */
export interface HelmChart {
  metadata?: Record<string, unknown> | null;
  lock?: unknown;
  templates?: Array<{ name: string; data: string }> | null;
  values?: Record<string, unknown> | null;
  schema?: string | null;
  files?: Array<{ name: string; data: string }> | null;
  [field: string]: unknown;
}

/** Helm's `release.Hook`. */
export interface HelmHook {
  name?: string;
  kind?: string;
  path?: string;
  manifest?: string;
  events?: string[] | null;
  last_run?: { started_at?: string | null; completed_at?: string | null; phase?: string } | null;
  weight?: number;
  delete_policies?: string[] | null;
}

/**
 * The objects of `manifest` as JSON, read instead of parsing its YAML while `manifest` is the text
 * whose SHA-256 (hex, of its UTF-8) is `manifestSha256`.
 */
export interface BerthObjectsCopy {
  manifestSha256: string;
  items: RenderedObject[];
}

/** What berth adds to Helm's record (Helm ignores unknown keys, and drops them when it rewrites a record). */
export interface BerthExtras {
  /** The layout of this object. */
  format: 1;
  crds: RenderedObject[];
  lock?: ReleaseLock;
  /** Absent in records of older berths. */
  objects?: BerthObjectsCopy;
}

/** Helm's `release.Release`, plus berth's key. */
export interface HelmRelease {
  name?: string;
  info?: HelmInfo | null;
  chart?: HelmChart | null;
  config?: Record<string, unknown> | null;
  manifest?: string;
  hooks?: HelmHook[] | null;
  version?: number;
  namespace?: string;
  berth?: BerthExtras;
  [field: string]: unknown;
}

/** The labels Helm's drivers manage on a record; any other label is a custom release label. */
export const SYSTEM_LABELS: readonly string[] = ["name", "owner", "status", "version", "createdAt", "modifiedAt"];
