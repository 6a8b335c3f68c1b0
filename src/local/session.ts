import { access, rm } from "node:fs/promises";
import { join } from "node:path";
import { loadKubeConfig } from "../kube/config.js";
import { KubeTransport } from "../kube/transport.js";
import { cacheDir } from "../util/cache-dir.js";
import { isAlive } from "./cache.js";
import { startLocalCluster, type LocalClusterOptions } from "./control-plane.js";
import { stopProcesses } from "./processes.js";
import { readOwner } from "./reap.js";

/** The state of the long-lived local cluster that `berth local up` starts. */
export interface LocalClusterStatus {
  /** True when its processes are alive and the API server answers `/readyz`. */
  readonly running: boolean;
  /** Run directory (kubeconfig, logs). */
  readonly dir: string;
  /** Admin kubeconfig path (present only while running). */
  readonly kubeconfigPath: string;
  readonly pids: readonly number[];
}

/** Where the long-lived local cluster lives: `<cache>/local/cluster`. */
export function localClusterDir(options: { cacheDir?: string; env?: Readonly<Record<string, string | undefined>> } = {}): string {
  return join(options.cacheDir ?? cacheDir(options.env ?? process.env), "local", "cluster");
}

/** Reports whether the long-lived local cluster is running. */
export async function localStatus(options: { cacheDir?: string; env?: Readonly<Record<string, string | undefined>> } = {}): Promise<LocalClusterStatus> {
  const dir = localClusterDir(options);
  const kubeconfigPath = join(dir, "kubeconfig");
  const record = await readOwner(dir);
  const pids = record?.pids ?? [];
  let running = pids.length > 0 && pids.every(isAlive) && (await access(kubeconfigPath).then(() => true, () => false));
  if (running) {
    const api = new KubeTransport(loadKubeConfig({ kubeconfigPath }), { attempts: 1 });
    running = await api.request({ method: "GET", path: "/readyz" }).then(() => true, () => false);
    api.close();
  }
  return { running, dir, kubeconfigPath, pids };
}

/** Starts the long-lived local cluster (detached: it outlives this process) unless it is already running. */
export async function localUp(options: Omit<LocalClusterOptions, "dir" | "detached"> = {}): Promise<LocalClusterStatus & { readonly started: boolean }> {
  const current = await localStatus(options);
  if (current.running) return { ...current, started: false };
  await localDown(options);
  const cluster = await startLocalCluster({ ...options, dir: current.dir, detached: true });
  return { running: true, dir: cluster.dir, kubeconfigPath: cluster.kubeconfigPath, pids: cluster.pids, started: true };
}

/** Stops the long-lived local cluster and removes its directory; returns whether anything was running. */
export async function localDown(options: { cacheDir?: string; env?: Readonly<Record<string, string | undefined>> } = {}): Promise<boolean> {
  const current = await localStatus(options);
  const alive = current.pids.filter(isAlive);
  await stopProcesses([...alive].reverse());
  await rm(current.dir, { recursive: true, force: true });
  return alive.length > 0;
}
