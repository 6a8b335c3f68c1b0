import { UnknownKind } from "./errors.js";
import { groupVersionPath } from "./paths.js";
import type { KubeTransport } from "./transport.js";
import type { ResourceInfo } from "./types.js";
import {
  AGGREGATED_DISCOVERY_ACCEPT,
  addDiscoveryRoot,
  addResourceList,
  emptySnapshot,
  type ApiResourceList,
  type DiscoverySnapshot,
} from "./discovery-parse.js";

/**
 * Kinds of the core group's `v1` that every Kubernetes API server serves (the core group has never
 * dropped a kind from v1), so that reading them — release records, hooks' Pods, Namespaces — needs
 * no discovery round trip first. `kind → [resource, namespaced]`.
 */
const CORE_V1: ReadonlyMap<string, readonly [string, boolean]> = new Map([
  ["ConfigMap", ["configmaps", true]],
  ["Secret", ["secrets", true]],
  ["Namespace", ["namespaces", false]],
  ["Pod", ["pods", true]],
  ["Service", ["services", true]],
  ["ServiceAccount", ["serviceaccounts", true]],
  ["Event", ["events", true]],
  ["PersistentVolumeClaim", ["persistentvolumeclaims", true]],
  ["PersistentVolume", ["persistentvolumes", false]],
  ["Node", ["nodes", false]],
]);

/**
 * What the API server serves, learnt once per client and refreshed once when a kind is missing
 * (a CRD created during a deploy must become usable without a new client).
 */
export class Discovery {
  private readonly transport: KubeTransport;
  private current: Promise<DiscoverySnapshot> | undefined;

  /** @param transport - the connection to the API server */
  constructor(transport: KubeTransport) {
    this.transport = transport;
  }

  /** How a kind is served (core v1's well-known kinds without asking); throws `UnknownKind` when the cluster does not serve it even after a refresh. */
  async resource(apiVersion: string, kind: string): Promise<ResourceInfo> {
    const core = apiVersion === "v1" ? CORE_V1.get(kind) : undefined;
    if (core) return { apiVersion, kind, resource: core[0], namespaced: core[1] };
    const seen = this.snapshot();
    const found = await this.lookup(await seen, apiVersion, kind);
    if (found) return found;
    const again = await this.lookup(await this.refresh(seen), apiVersion, kind);
    if (again) return again;
    throw new UnknownKind(apiVersion, kind);
  }

  /** Every served group/version, the preferred version of each group first. */
  async apiVersions(): Promise<string[]> {
    return [...(await this.snapshot()).apiVersions];
  }

  /** The preferred apiVersion of a group (`""` for core, `"apps"`…), or undefined when the group is not served. */
  async preferredVersion(group: string): Promise<string | undefined> {
    return (await this.snapshot()).preferred.get(group);
  }

  /** Forgets what was learnt; the next question asks the server again. */
  invalidate(): void {
    this.current = undefined;
  }

  private snapshot(): Promise<DiscoverySnapshot> {
    if (!this.current) {
      const loading = this.load();
      this.current = loading;
      // A failed load is not cached: the next call tries again.
      loading.catch(() => {
        if (this.current === loading) this.current = undefined;
      });
    }
    return this.current;
  }

  /** Reloads unless someone already did since `seen` was taken (concurrent misses share one refresh). */
  private refresh(seen: Promise<DiscoverySnapshot>): Promise<DiscoverySnapshot> {
    if (this.current === seen) this.current = undefined;
    return this.snapshot();
  }

  private async load(): Promise<DiscoverySnapshot> {
    const snapshot = emptySnapshot();
    const [core, groups] = await Promise.all([this.getJson("/api"), this.getJson("/apis")]);
    addDiscoveryRoot(snapshot, core as Parameters<typeof addDiscoveryRoot>[1]);
    addDiscoveryRoot(snapshot, groups as Parameters<typeof addDiscoveryRoot>[1]);
    return snapshot;
  }

  private async lookup(snapshot: DiscoverySnapshot, apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    if (!snapshot.apiVersions.includes(apiVersion)) return undefined;
    let kinds = snapshot.resources.get(apiVersion);
    if (!kinds) {
      // Legacy discovery: the group/version's resource list is fetched when first needed.
      const list = (await this.getJson(groupVersionPath(apiVersion))) as ApiResourceList;
      addResourceList(snapshot, apiVersion, list);
      kinds = snapshot.resources.get(apiVersion);
    }
    return kinds?.get(kind);
  }

  private async getJson(path: string): Promise<unknown> {
    const accept = path === "/api" || path === "/apis" ? AGGREGATED_DISCOVERY_ACCEPT : "application/json";
    const res = await this.transport.request({ method: "GET", path, accept });
    return JSON.parse(res.body) as unknown;
  }
}
