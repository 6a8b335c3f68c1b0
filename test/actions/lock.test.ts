// GIVEN a real control plane WHEN two deploys race, or a deploying process is killed THEN the
// release's lock lets exactly one operation run, and a dead holder's lock is taken over after expiry.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { connect, type Cluster, type ReleaseLocked } from "../../src/index.js";
import { testKubeconfigPath, until, useTestNamespace } from "../helpers/cluster.js";
import { appChart } from "./fixtures/app-chart.js";

const ns = useTestNamespace("lock");
const root = join(import.meta.dirname, "..", "..");
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe("release lock", () => {
  it("GIVEN two deploys of one release racing WHEN both run THEN exactly one wins and the other gets ReleaseLocked naming the holder", async () => {
    const connectAs = (identity: string) => connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name, identity });
    const [a, b] = await Promise.all([connectAs("deployer-a"), connectAs("deployer-b")]);
    const slowHook = { preInstall: () => sleep(5000) };
    const outcomes = await Promise.allSettled([
      a.deploy(appChart, { release: "race" }, { hooks: slowHook }),
      b.deploy(appChart, { release: "race" }, { hooks: slowHook }),
    ]);
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    assert.equal(won.length, 1, `one deploy wins: ${lost.map((l) => String(l.reason)).join("; ")}`);
    assert.equal(lost.length, 1);
    const error = lost[0]!.reason as ReleaseLocked;
    assert.equal(error.code, "ReleaseLocked");
    const winner = outcomes[0]!.status === "fulfilled" ? "deployer-a" : "deployer-b";
    assert.equal(error.holder, winner);
    assert.equal(error.revision, 1);
    const history = await a.history("race");
    assert.deepEqual(history.map((h) => [h.revision, h.status]), [[1, "deployed"]]);
    a.close();
    b.close();
  });

  it("GIVEN another deploy that completes between planning and locking WHEN the first deploy goes on THEN PlanStale and its plan is not applied", async () => {
    const cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
    await cluster.deploy(appChart, { release: "moved" });
    const outcome = cluster.deploy(appChart, { release: "moved", values: { data: "first" } }, {
      approve: async () => {
        await cluster.deploy(appChart, { release: "moved", values: { data: "second" } });
        return true;
      },
    });
    await assert.rejects(outcome, { code: "PlanStale" });
    const history = await cluster.history("moved");
    assert.deepEqual(history.map((h) => [h.revision, h.status]), [[1, "superseded"], [2, "deployed"]]);
    const cm = await cluster.config.kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns.name, name: "moved-cfg" });
    assert.equal((cm as any).data.value, "second");
    cluster.close();
  });

  it("GIVEN a deploying process killed while holding the lock WHEN deploying again THEN ReleaseLocked until the lock expires, then the stale revision is failed and a new one deployed", async () => {
    const ttlMs = 3000;
    const child = spawn(process.execPath, ["--conditions=development", "--import", "tsx", "test/actions/fixtures/hanging-deploy.ts"], {
      cwd: root,
      env: { ...process.env, BERTH_TEST_KUBECONFIG: testKubeconfigPath(), BERTH_TEST_NAMESPACE: ns.name, BERTH_TEST_RELEASE: "killed", BERTH_TEST_LOCK_TTL_MS: String(ttlMs) },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += String(chunk)));
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const cluster: Cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name, lockTtlMs: ttlMs, identity: "survivor" });
    try {
      await until(async () => {
        if (child.exitCode !== null) throw new Error(`child exited early: ${stderr}`);
        return (await cluster.history("killed").catch(() => [])).some((h) => h.status === "pending-install");
      }, { what: "the child's pending-install revision", timeoutMs: 120_000 });
    } finally {
      child.kill("SIGKILL");
      await exited;
    }

    await assert.rejects(cluster.deploy(appChart, { release: "killed" }), (e: ReleaseLocked) => {
      assert.equal(e.code, "ReleaseLocked");
      assert.equal(e.holder, "hanging-child");
      return true;
    });

    // After expiry (at most one TTL after the last renewal) the next deploy takes over.
    const result = await until(async () => {
      try {
        return await cluster.deploy(appChart, { release: "killed" });
      } catch (e) {
        if ((e as { code?: string }).code === "ReleaseLocked") return undefined;
        throw e;
      }
    }, { what: "the lock to expire", timeoutMs: 60_000, intervalMs: 500 });
    assert.equal(result.revision, 2);
    assert.equal(result.status, "deployed");
    const history = await cluster.history("killed");
    assert.deepEqual(history.map((h) => [h.revision, h.status]), [[1, "failed"], [2, "deployed"]]);
    assert.match(history[0]!.description, /hanging-child/);
    cluster.close();
  });
});
