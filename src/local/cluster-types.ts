// The local control plane's public types, apart from what starts it (start.ts, loaded on first use).
import type { BinaryOptions } from "./binaries.js";
import type { LocalBuildEvent } from "./build-events.js";

/** Progress of a local control plane start. */
export type LocalClusterEvent =
  | LocalBuildEvent
  | { readonly type: "starting"; readonly component: string }
  | { readonly type: "ready"; readonly ms: number };

/** How to start the local control plane. */
export interface LocalClusterOptions extends BinaryOptions {
  /** Run directory (kubeconfig, logs, etcd data). @defaultValue a new temp directory */
  readonly dir?: string;
  /** Let the processes outlive this one (for `berth local up`). @defaultValue false */
  readonly detached?: boolean;
  /** How long to wait for readiness, after binaries are built. @defaultValue 120000 */
  readonly startTimeoutMs?: number;
  /** Receives start progress: builds (n of total, elapsed, log), component starts, readiness. */
  readonly onEvent?: (event: LocalClusterEvent) => void;
}

/** A running local control plane: etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok on loopback. */
export interface LocalCluster {
  /** Run directory; holds `kubeconfig` and one log per component. */
  readonly dir: string;
  /** Path of the admin kubeconfig, in the run directory. */
  readonly kubeconfigPath: string;
  /** Admin kubeconfig YAML. */
  readonly kubeconfig: string;
  /** API server URL. */
  readonly server: string;
  /** Process ids, in start order. */
  readonly pids: readonly number[];
  /** Kills every process and removes the run directory. */
  stop(): Promise<void>;
}
