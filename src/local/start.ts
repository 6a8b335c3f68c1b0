// Starting the local control plane: what startLocalCluster (local/control-plane.ts) runs.
import { mkdir, mkdtemp, readFile, rm, writeFile, access } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import http from "node:http";
import { loadKubeConfig } from "../kube/config.js";
import { KubeTransport } from "../kube/transport.js";
import { sleep } from "../kube/retry.js";
import { ensureControlPlaneBinaries } from "./binaries.js";
import type { LocalCluster, LocalClusterOptions } from "./cluster-types.js";
import * as c from "./components.js";
import { LocalStartFailed } from "./errors.js";
import { tailFile } from "./logs.js";
import { adminKubeconfig, generateCredentials } from "./pki.js";
import { freePorts } from "./ports.js";
import { startProcess, stopProcesses, type ManagedProcess } from "./processes.js";
import { KWOK_STAGES } from "./stages.js";
import { reapStaleRuns, recordOwner } from "./reap.js";

const RUN_PREFIX = "berth-local-";

/** startLocalCluster (local/control-plane.ts, its entry), loaded when a local control plane starts. */
export async function startLocalClusterNow(options: LocalClusterOptions): Promise<LocalCluster> {
  const started = Date.now();
  const binaries = await ensureControlPlaneBinaries(options);
  await reapStaleRuns(tmpdir(), RUN_PREFIX);
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), RUN_PREFIX)));
  await mkdir(join(dir, "certs"), { recursive: true });
  const [etcdClientPort, etcdPeerPort, apiserverPort, controllerManagerPort, schedulerPort, kwokPort] = await freePorts(6);
  const layout: c.ClusterLayout = { dir, etcdClientPort: etcdClientPort!, etcdPeerPort: etcdPeerPort!, apiserverPort: apiserverPort!, controllerManagerPort: controllerManagerPort!, schedulerPort: schedulerPort!, kwokPort: kwokPort! };
  const creds = generateCredentials();
  await writeFile(c.at(layout, "tokens.csv"), creds.tokenFile, { mode: 0o600 });
  await writeFile(c.at(layout, "sa.key"), creds.serviceAccountKey, { mode: 0o600 });
  await writeFile(c.at(layout, "sa.pub"), creds.serviceAccountPublicKey);
  await writeFile(c.at(layout, "kwok-stages.yaml"), KWOK_STAGES);

  const processes: ManagedProcess[] = [];
  // Owner records are written one after another: the last one written names every process.
  let ownerWrites: Promise<void> = Promise.resolve();
  const detached = options.detached ?? false;
  const start = (name: string, binary: string, args: string[]) => {
    options.onEvent?.({ type: "starting", component: name });
    const p = startProcess(name, binary, args, c.at(layout, `${name}.log`), detached);
    processes.push(p);
    const record = { owner: process.pid, detached, pids: processes.map((x) => x.pid) };
    // A lost record only costs the clean-up after a killed owner; it must not fail the start.
    ownerWrites = ownerWrites.then(() => recordOwner(dir, record)).catch(() => undefined);
    return p;
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  const signal = options.signal;
  const stop = async () => {
    await ownerWrites;
    await stopProcesses(processes.map((p) => p.pid).reverse());
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const etcd = start("etcd", binaries.etcd, c.etcdArgs(layout));
    await waitFor(etcd, deadline, signal, () => httpOk(`http://127.0.0.1:${layout.etcdClientPort}/health`));
    const apiserver = start("kube-apiserver", binaries["kube-apiserver"], c.apiserverArgs(layout));
    await waitFor(apiserver, deadline, signal, () => fileExists(c.apiserverCert(layout)));
    const server = `https://127.0.0.1:${layout.apiserverPort}`;
    const kubeconfig = adminKubeconfig(server, await readFile(c.apiserverCert(layout), "utf8"), creds.adminToken);
    const kubeconfigPath = c.at(layout, "kubeconfig");
    await writeFile(kubeconfigPath, kubeconfig, { mode: 0o600 });
    const api = new KubeTransport(loadKubeConfig({ kubeconfig }), { attempts: 1 });
    const ok = (path: string) => api.request({ method: "GET", path }).then(() => true, () => false);
    await waitFor(apiserver, deadline, signal, () => ok("/readyz"));

    start("kube-controller-manager", binaries["kube-controller-manager"], c.controllerManagerArgs(layout));
    start("kube-scheduler", binaries["kube-scheduler"], c.schedulerArgs(layout));
    const kwok = start("kwok", binaries.kwok, c.kwokArgs(layout));
    await api.request({ method: "POST", path: "/api/v1/nodes", body: JSON.stringify(c.KWOK_NODE) });
    await waitFor(kwok, deadline, signal, async () => {
      const res = await api.request({ method: "GET", path: `/api/v1/nodes/${c.KWOK_NODE.metadata.name}` }).catch(() => undefined);
      const node = res && (JSON.parse(res.body) as { status?: { conditions?: Array<{ type: string; status: string }> } });
      return node?.status?.conditions?.some((x) => x.type === "Ready" && x.status === "True") ?? false;
    });
    // The apiserver taints new nodes not-ready; the node-lifecycle controller (off here: kwok nodes need
    // no eviction) would lift it, so the harness does.
    await api.request({
      method: "PATCH",
      path: `/api/v1/nodes/${c.KWOK_NODE.metadata.name}`,
      body: JSON.stringify({ spec: { taints: null } }),
      contentType: "application/merge-patch+json",
    });
    await waitFor(processes[2]!, deadline, signal, () => ok("/api/v1/namespaces/default/serviceaccounts/default"));
    for (const p of processes) await assertRunning(p);
    await ownerWrites;
    api.close();
    options.onEvent?.({ type: "ready", ms: Date.now() - started });
    return { dir, kubeconfigPath, kubeconfig, server, pids: processes.map((p) => p.pid), stop };
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
}

async function assertRunning(p: ManagedProcess): Promise<void> {
  const code = p.exitCode();
  if (code !== undefined) throw new LocalStartFailed(`${p.name} exited with code ${code}`, await tailFile(p.log, 25));
}

/** Polls `check` until true; fails with the process's log when it exits or the deadline passes. */
async function waitFor(p: ManagedProcess, deadline: number, signal: AbortSignal | undefined, check: () => Promise<boolean>): Promise<void> {
  for (;;) {
    await assertRunning(p);
    if (await check()) return;
    if (Date.now() > deadline) throw new LocalStartFailed(`${p.name} did not become ready in time`, await tailFile(p.log, 25));
    await sleep(200, signal);
  }
}

function fileExists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}

function httpOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}
