import type { ResourceInfo } from "./types.js";

/** What discovery learnt: served group/versions, each group's preferred version, and kinds per group/version. */
export interface DiscoverySnapshot {
  /** Every served group/version, the preferred one of each group first. */
  readonly apiVersions: string[];
  /** Group name (`""` for core) → preferred apiVersion. */
  readonly preferred: Map<string, string>;
  /** apiVersion → kind → info. Complete with aggregated discovery; filled per group/version otherwise. */
  readonly resources: Map<string, Map<string, ResourceInfo>>;
}

/** The `Accept` header asking for aggregated discovery (one request per root), falling back to the legacy lists. */
export const AGGREGATED_DISCOVERY_ACCEPT = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";

interface AggregatedList {
  kind: "APIGroupDiscoveryList";
  items?: Array<{
    metadata?: { name?: string };
    versions?: Array<{
      version: string;
      freshness?: string;
      resources?: Array<{ resource: string; scope?: string; responseKind?: { kind?: string } }>;
    }>;
  }>;
}
interface LegacyVersions {
  kind: "APIVersions";
  versions?: string[];
}
interface LegacyGroups {
  kind: "APIGroupList";
  groups?: Array<{ name: string; versions?: Array<{ groupVersion: string }>; preferredVersion?: { groupVersion: string } }>;
}
/** A legacy per-group/version `APIResourceList`. */
export interface ApiResourceList {
  groupVersion?: string;
  resources?: Array<{ name: string; kind: string; namespaced?: boolean }>;
}

/** An empty snapshot. */
export function emptySnapshot(): DiscoverySnapshot {
  return { apiVersions: [], preferred: new Map(), resources: new Map() };
}

/** Adds the answer of `/api` or `/apis` (aggregated or legacy form) to a snapshot. */
export function addDiscoveryRoot(snapshot: DiscoverySnapshot, body: AggregatedList | LegacyVersions | LegacyGroups): void {
  if (body.kind === "APIGroupDiscoveryList") return addAggregated(snapshot, body);
  if (body.kind === "APIVersions") {
    for (const version of body.versions ?? []) addVersion(snapshot, "", version);
    return;
  }
  for (const group of body.groups ?? []) {
    const preferred = group.preferredVersion?.groupVersion;
    if (preferred) addVersion(snapshot, group.name, preferred);
    for (const v of group.versions ?? []) addVersion(snapshot, group.name, v.groupVersion);
  }
}

/** Adds a legacy `APIResourceList` (one group/version) to a snapshot; subresources (`pods/log`) are skipped. */
export function addResourceList(snapshot: DiscoverySnapshot, apiVersion: string, list: ApiResourceList): void {
  const kinds = new Map<string, ResourceInfo>();
  for (const r of list.resources ?? []) {
    if (r.name.includes("/")) continue;
    kinds.set(r.kind, { apiVersion, kind: r.kind, resource: r.name, namespaced: r.namespaced === true });
  }
  snapshot.resources.set(apiVersion, kinds);
}

function addAggregated(snapshot: DiscoverySnapshot, body: AggregatedList): void {
  for (const group of body.items ?? []) {
    const name = group.metadata?.name ?? "";
    // Versions come in preference order: the first is the preferred one.
    for (const v of group.versions ?? []) {
      const apiVersion = name === "" ? v.version : `${name}/${v.version}`;
      addVersion(snapshot, name, apiVersion);
      const kinds = new Map<string, ResourceInfo>();
      for (const r of v.resources ?? []) {
        const kind = r.responseKind?.kind;
        if (!kind) continue;
        kinds.set(kind, { apiVersion, kind, resource: r.resource, namespaced: r.scope === "Namespaced" });
      }
      snapshot.resources.set(apiVersion, kinds);
    }
  }
}

function addVersion(snapshot: DiscoverySnapshot, group: string, apiVersion: string): void {
  if (!snapshot.preferred.has(group)) snapshot.preferred.set(group, apiVersion);
  if (!snapshot.apiVersions.includes(apiVersion)) snapshot.apiVersions.push(apiVersion);
}
