import { hostname, userInfo } from "node:os";
import type { KubeApi } from "../kube/types.js";
import type { KubeTransport } from "../kube/transport.js";
import { queryAllNamespaces } from "../storage/cluster-query.js";
import { configMapDriver } from "../storage/configmap.js";
import type { Driver, DriverCallOptions, ReleaseQuery, ReleaseSummary } from "../storage/driver.js";
import { memoryDriver } from "../storage/memory.js";
import { secretDriver } from "../storage/secret.js";
import { ReleaseStore } from "../storage/store.js";
import { isDns1123Label } from "../util/dns.js";
import { InvalidNamespace } from "../storage/errors.js";

/** Where release records are kept. `secret` is Helm's default and format. */
export type StorageKind = "secret" | "configmap" | "memory";

/**
 * What every action shares: the cluster, where records live, and who is acting.
 * Built by `connect()`; actions never mutate it.
 */
export interface Configuration {
  /** The client of the cluster every action talks to. */
  readonly kube: KubeApi;
  /** The HTTP transport, to observe API calls or close connections. */
  readonly transport?: KubeTransport;
  /** Namespace of releases that name none (the kubeconfig context's). */
  readonly namespace: string;
  /** The release store of a namespace (Helm keeps records in the release's namespace). @throws InvalidNamespace for `""` or a name that is not a DNS-1123 label */
  storeFor(namespace: string): ReleaseStore;
  /**
   * Summaries of the records of every namespace matching `query`, without decoding bodies: one
   * cluster-wide LIST for the Secret and ConfigMap storage; the stores created so far for `memory`.
   */
  queryAllNamespaces(query?: ReleaseQuery, options?: DriverCallOptions): Promise<ReleaseSummary[]>;
  /** Who holds locks taken by this process, e.g. `alice@laptop pid 4242`. */
  readonly identity: string;
  /** How long a lock lives unless renewed; a deploy renews it while it runs. */
  readonly lockTtlMs: number;
  /** Field manager of every server-side apply. */
  readonly fieldManager: string;
}

/** Options of `createConfiguration` (through `connect`). */
export interface ConfigurationOptions {
  /** Where release records are kept. @defaultValue "secret" */
  readonly storage?: StorageKind;
  /** Revisions kept per release. @defaultValue 10 */
  readonly maxHistory?: number;
  /** Who holds the locks this process takes; shown to others who find a release locked. @defaultValue `${user}@${host} pid ${pid}` */
  readonly identity?: string;
  /** How long a release lock lives unless renewed, in milliseconds. @defaultValue 120000 (2 minutes) */
  readonly lockTtlMs?: number;
  /** Field manager of every server-side apply. @defaultValue "berth" */
  readonly fieldManager?: string;
}

/** The default lock holder identity of this process. */
export function defaultIdentity(): string {
  let user = "unknown";
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (containers)
  }
  return `${user}@${hostname()} pid ${process.pid}`;
}

/** Builds a Configuration over a kube client. */
export function createConfiguration(kube: KubeApi, namespace: string, options: ConfigurationOptions = {}, transport?: KubeTransport): Configuration {
  const stores = new Map<string, ReleaseStore>();
  const storage = options.storage ?? "secret";
  const driverFor = (ns: string): Driver =>
    storage === "memory" ? memoryDriver() : storage === "configmap" ? configMapDriver({ kube, namespace: ns }) : secretDriver({ kube, namespace: ns });
  return {
    kube,
    ...(transport ? { transport } : {}),
    namespace,
    identity: options.identity ?? defaultIdentity(),
    lockTtlMs: options.lockTtlMs ?? 120_000,
    fieldManager: options.fieldManager ?? "berth",
    storeFor(ns: string) {
      // An empty namespace would turn every record read into a cluster-wide LIST (releases of all namespaces mixed).
      if (!isDns1123Label(ns) || ns.length > 63) throw new InvalidNamespace(ns);
      let store = stores.get(ns);
      if (!store) {
        store = new ReleaseStore(driverFor(ns), { maxHistory: options.maxHistory ?? 10 });
        stores.set(ns, store);
      }
      return store;
    },
    async queryAllNamespaces(query = {}, o = {}) {
      if (storage !== "memory") return queryAllNamespaces(kube, storage, query, o);
      return (await Promise.all([...stores.values()].map((s) => s.driver.query(query, o)))).flat();
    },
  };
}
