// GIVEN an operation whose release lock is lost while it runs (item 6 of issue 11) — taken over by
// another holder, or renewals failing until it expires — WHEN it reaches its next write THEN it stops
// with LeaseLost and writes nothing more.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, type Cluster } from "../../src/index.js";
import { testKubeconfigPath, until, useTestNamespace } from "../helpers/cluster.js";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.js";
import { appChart } from "./fixtures/app-chart.js";

const ns = useTestNamespace("lease");

function gate() {
  let open!: () => void;
  let entered!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const reached = new Promise<void>((r) => (entered = r));
  return { open, reached, hook: async () => { entered(); await opened; } };
}

const connectAs = (identity: string, extra: { kubeconfig?: string; lockTtlMs?: number } = {}): Promise<Cluster> =>
  connect({ ...(extra.kubeconfig ? { kubeconfig: extra.kubeconfig } : { kubeconfigPath: testKubeconfigPath() }), namespace: ns.name, identity, ...(extra.lockTtlMs ? { lockTtlMs: extra.lockTtlMs } : {}) });
const configMap = (cluster: Cluster, name: string) => cluster.config.kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns.name, name });

describe("a lost lease stops the operation", () => {
  let proxy: FaultProxy;
  before(async () => {
    proxy = await startFaultProxy(testKubeconfigPath());
  });
  after(() => proxy.close());

  it("GIVEN a deploy waiting in its pre-install hook WHEN another holder takes the lock over and deploys THEN the first stops with LeaseLost before applying anything", async () => {
    const [a, b] = await Promise.all([connectAs("slow"), connectAs("taker")]);
    const g = gate();
    const slow = a.deploy(appChart, { release: "taken", values: { data: "slow" } }, { hooks: { preInstall: g.hook } });
    await g.reached;
    await b.unlock("taken");
    const taker = await b.deploy(appChart, { release: "taken", values: { data: "taker" } });
    assert.equal(taker.revision, 2);
    g.open();
    await assert.rejects(slow, (e: { code?: string; why?: string }) => {
      assert.equal(e.code, "LeaseLost");
      assert.equal(e.why, "taken-over");
      return true;
    });
    assert.equal((await configMap(b, "taken-cfg") as { data?: { value?: string } }).data?.value, "taker", "the slow deploy wrote nothing after losing the lock");
    assert.deepEqual((await b.history("taken")).map((h) => [h.revision, h.status]), [[1, "failed"], [2, "deployed"]]);
    a.close();
    b.close();
  });

  it("GIVEN renewals failing (the API refuses them: 403) WHEN the lock expires before the next write THEN LeaseLost (expired) and no object is applied", async () => {
    proxy.reset();
    proxy.addRule({ verb: "update", path: /\/secrets\/sh\.helm\.release\.v1\.expired\.v1$/, fault: { kind: "status", status: 403 } });
    const ttl = 2000;
    const [a, b] = await Promise.all([connectAs("renewer", { kubeconfig: proxy.kubeconfig, lockTtlMs: ttl }), connectAs("observer")]);
    const g = gate();
    const deploying = a.deploy(appChart, { release: "expired" }, { hooks: { preInstall: g.hook } });
    await g.reached;
    const expiresAt = Date.parse((await b.get("expired")).lock!.expiresAt);
    await until(async () => Date.now() > expiresAt + 200, { what: "the lock to expire", timeoutMs: 30_000 });
    assert.ok(proxy.counts.faults.status > 0, "renewals were refused");
    g.open();
    await assert.rejects(deploying, (e: { code?: string; why?: string }) => {
      assert.equal(e.code, "LeaseLost");
      assert.equal(e.why, "expired");
      return true;
    });
    assert.equal(await configMap(b, "expired-cfg"), undefined);
    proxy.reset();
    a.close();
    b.close();
  });
});
