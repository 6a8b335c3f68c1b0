import { connectKube } from "../kube/connect.js";
import { guardWrites } from "../kube/write-guard.js";
import { connectionRunMode, planModeRefusal } from "./run-mode.js";
import { hasDefaultKubeconfig, type KubeConfigSource } from "../kube/config.js";
import { Cluster } from "./cluster.js";
import type { LocalClusterEvent } from "../local/control-plane.js";
import { createConfiguration, type ConfigurationOptions } from "./configuration.js";

/** How to connect: which cluster (kubeconfig), and how releases are stored and locked. */
export interface ConnectOptions extends KubeConfigSource, ConfigurationOptions {
  /** Default namespace of releases. @defaultValue the kubeconfig context's, else "default" */
  readonly namespace?: string;
  /**
   * Use the local control plane (`berth local up`), starting it if needed: `true` always,
   * `"auto"` when no kubeconfig is configured or `BERTH_CLUSTER=local`. @defaultValue false
   */
  readonly local?: boolean | "auto";
  /**
   * Progress of starting the local control plane (when `local` picks it): on the first run, its
   * builds from Go modules (component n of total, elapsed, log file). `describeLocalClusterEvent`
   * turns an event into a line to print.
   */
  readonly onLocalEvent?: (event: LocalClusterEvent) => void;
  /** Environment for kubeconfig defaults (`KUBECONFIG`, `BERTH_CLUSTER`). @defaultValue process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Aborts connecting, including starting the local control plane. */
  readonly signal?: AbortSignal;
}

/**
 * Connects to a cluster. The kubeconfig comes from the options, else the default places
 * (`$KUBECONFIG`, `~/.kube/config`, in-cluster).
 *
 * @example
 * ```ts
 * const cluster = await connect({ context: "staging", storage: "secret" });
 * ```
 * Connected by a script that `berth plan` runs, every write the connection would send throws
 * `WriteRefused` instead.
 *
 * @throws KubeConfigInvalid when no cluster is configured (and `local` is not set)
 */
export async function connect(options: ConnectOptions = {}): Promise<Cluster> {
  const env = options.env ?? process.env;
  const source = await resolveSource(options, env);
  const connection = connectKube(source, options.fieldManager ? { fieldManager: options.fieldManager } : {});
  // Inside `berth plan <script>` no write reaches the cluster, whatever the script calls (its own
  // `cluster.kube`, the store, any action): the mode is read per request.
  const runMode = connectionRunMode();
  const kube = runMode ? guardWrites(connection.client, () => planModeRefusal(runMode())) : connection.client;
  const config = createConfiguration(kube, options.namespace ?? connection.namespace, options, connection.transport);
  return new Cluster(config, source.local ? source.kubeconfigPath : undefined, runMode);
}

async function resolveSource(options: ConnectOptions, env: Readonly<Record<string, string | undefined>>): Promise<KubeConfigSource & { local?: true }> {
  const explicit: KubeConfigSource = {
    ...(options.kubeconfig !== undefined ? { kubeconfig: options.kubeconfig } : {}),
    ...(options.kubeconfigPath !== undefined ? { kubeconfigPath: options.kubeconfigPath } : {}),
    ...(options.context !== undefined ? { context: options.context } : {}),
  };
  const useLocal = async () => ({ local: true as const, kubeconfigPath: (await (await import("../local/session.js")).localUp({ env, ...(options.signal ? { signal: options.signal } : {}), ...(options.onLocalEvent ? { onEvent: options.onLocalEvent } : {}) })).kubeconfigPath });
  if (options.local === true) return await useLocal();
  if (options.local === "auto") {
    if (env["BERTH_CLUSTER"] === "local") return await useLocal();
    if (!explicit.kubeconfig && !explicit.kubeconfigPath && !hasDefaultKubeconfig(env)) return await useLocal();
  }
  return explicit;
}
