// One setup for test files that deploy into their own namespace on the real control plane.
import { after, before } from "node:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, type Cluster } from "../../src/index.js";
import { createTestNamespace, testKubeconfigPath } from "./cluster.js";
import { startFaultProxy, type FaultProxy } from "./fault-proxy.js";

/** What a file's tests share: a fresh namespace, a cluster connected to it, and (when asked) a temp dir. */
export interface ClusterFixture {
  readonly ns: string;
  readonly cluster: Cluster;
  /** A fresh temporary directory, or "" when `tempDir` was not asked for. */
  readonly dir: string;
  /** The fault proxy the cluster talks through, when `faultProxy` was asked for. */
  readonly proxy?: FaultProxy;
}

/** Options of {@link useClusterFixture}. */
export interface ClusterFixtureOptions {
  /** Create a temporary directory (removed after the file). */
  readonly tempDir?: boolean;
  /** Export the namespace as BERTH_SCRIPT_NS for deploy scripts the tests run. */
  readonly scriptNamespaceEnv?: boolean;
  /** Connect through a fault proxy (test/helpers/fault-proxy.ts), closed after the file. */
  readonly faultProxy?: boolean;
}

/**
 * Registers `before`/`after` hooks for the enclosing file or `describe`: creates the namespace (and temp
 * dir), connects, hands the fixture to `ready`; afterwards deletes the namespace without waiting,
 * closes the cluster and removes the temp dir.
 */
export function useClusterFixture(prefix: string, ready: (fixture: ClusterFixture) => void, options: ClusterFixtureOptions = {}): void {
  let fixture: ClusterFixture | undefined;
  before(async () => {
    const ns = await createTestNamespace(prefix);
    if (options.scriptNamespaceEnv) process.env["BERTH_SCRIPT_NS"] = ns;
    const dir = options.tempDir ? await mkdtemp(join(tmpdir(), `berth-${prefix}-`)) : "";
    const proxy = options.faultProxy ? await startFaultProxy(testKubeconfigPath()) : undefined;
    const cluster = await connect({ ...(proxy ? { kubeconfig: proxy.kubeconfig } : { kubeconfigPath: testKubeconfigPath() }), namespace: ns });
    fixture = { ns, cluster, dir, ...(proxy ? { proxy } : {}) };
    ready(fixture);
  });
  after(async () => {
    if (!fixture) return;
    await fixture.cluster.config.kube.delete({ apiVersion: "v1", kind: "Namespace", name: fixture.ns }).catch(() => undefined);
    fixture.cluster.close();
    await fixture.proxy?.close();
    if (fixture.dir) await rm(fixture.dir, { recursive: true, force: true });
  });
}
