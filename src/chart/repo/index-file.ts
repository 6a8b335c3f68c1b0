import { parseDocument, stringify } from "yaml";
import { compareVersions, parseVersion } from "../semver/index.js";

/** One chart version in a repository's `index.yaml` (Helm's `ChartVersion`). */
export interface IndexEntry {
  readonly name: string;
  readonly version: string;
  /** Where the package is; relative URLs are relative to the repository URL. */
  readonly urls: readonly string[];
  /** sha256 of the package, hex (Helm writes it without the `sha256:` prefix). */
  readonly digest?: string;
  readonly appVersion?: string;
  readonly description?: string;
  readonly apiVersion?: string;
  readonly created?: string;
  /** Other `Chart.yaml` fields Helm copies into the index. */
  readonly [field: string]: unknown;
}

/** A parsed `index.yaml`: entries by chart name, each list newest first. */
export interface RepoIndex {
  readonly entries: ReadonlyMap<string, readonly IndexEntry[]>;
  readonly generated?: string;
}

/** Parses `index.yaml`; throws a plain Error with the reason when it is not one. */
export function parseRepoIndex(text: string): RepoIndex {
  // JSON indexes are valid YAML; strings stay strings (`version: 1.10` is "1.10"), as Helm reads them.
  const doc = parseDocument(text, { schema: "failsafe", uniqueKeys: false });
  if (doc.errors.length > 0) throw new Error(`index.yaml is not valid YAML: ${doc.errors[0]!.message.split("\n")[0]}`);
  const raw = doc.toJS() as { apiVersion?: unknown; entries?: unknown; generated?: unknown } | null;
  if (!raw || typeof raw !== "object" || typeof raw.entries !== "object" || raw.entries === null) {
    throw new Error("index.yaml has no entries: is this a chart repository?");
  }
  const entries = new Map<string, IndexEntry[]>();
  for (const [name, list] of Object.entries(raw.entries as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    const versions: IndexEntry[] = [];
    for (const item of list) {
      if (!item || typeof item !== "object") continue;
      const e = item as Record<string, unknown>;
      const version = e["version"] === undefined ? "" : String(e["version"]);
      if (!parseVersion(version)) continue; // Helm drops entries whose version is not SemVer.
      const urls = Array.isArray(e["urls"]) ? e["urls"].map(String) : [];
      versions.push({ ...e, name: e["name"] === undefined ? name : String(e["name"]), version, urls, ...(e["digest"] !== undefined && { digest: String(e["digest"]) }) });
    }
    versions.sort((a, b) => compareVersions(parseVersion(b.version)!, parseVersion(a.version)!));
    entries.set(name, versions);
  }
  return { entries, ...(typeof raw.generated === "string" && { generated: raw.generated }) };
}

/** Writes an index in Helm's layout (`apiVersion: v1`, `entries`, `generated`), names and versions sorted. */
export function formatRepoIndex(entries: ReadonlyMap<string, readonly IndexEntry[]>, generated: string): string {
  const out: Record<string, unknown[]> = {};
  for (const name of [...entries.keys()].sort()) {
    const list = [...entries.get(name)!].sort((a, b) => compareVersions(parseVersion(b.version)!, parseVersion(a.version)!));
    out[name] = list.map((e) => Object.fromEntries(Object.entries(e).sort(([a], [b]) => (a < b ? -1 : 1))));
  }
  return stringify({ apiVersion: "v1", entries: out, generated }, { lineWidth: 0 });
}
