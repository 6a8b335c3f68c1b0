// GIVEN a real control plane WHEN a deploy runs chart hooks (Jobs, Pods) and code hooks THEN hooks run
// at their points, a failing hook fails the revision (nothing else applied), last runs are recorded,
// and `test` runs the test hooks.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, type Cluster, type DeployEvent, type KubeObject, type OperationFailed } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { appChart } from "./fixtures/app-chart.js";

const ns = useTestNamespace("dhooks");
let cluster: Cluster;
const kube = () => cluster.config.kube;
const get = (apiVersion: string, kind: string, name: string) => kube().get({ apiVersion, kind, namespace: ns.name, name });
const imageOf = (d: KubeObject | undefined) => (d as any)?.spec.template.spec.containers[0].image as string | undefined;
const isComplete = (job: KubeObject | undefined) => ((job as any)?.status?.conditions ?? []).some((c: any) => c.type === "Complete" && c.status === "True");

describe("hooks through deploy", () => {
  it("GIVEN a pre-upgrade Job hook WHEN upgraded THEN the Job completes before the Deployment changes and its last run is recorded", async () => {
    cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
    const hooks = [{ name: "migrate", events: "pre-upgrade" }];
    await cluster.deploy(appChart, { release: "up", values: { hooks } });
    assert.equal(await get("batch/v1", "Job", "migrate"), undefined, "a pre-upgrade hook does not run on install");

    let seenByCodeHook: { job?: KubeObject; deployment?: KubeObject } = {};
    const events: DeployEvent[] = [];
    const result = await cluster.deploy(appChart, { release: "up", values: { hooks, image: "nginx:1.27" } }, {
      onEvent: (e) => events.push(e),
      // Code hooks run after the chart's hooks of the same event, before any object is applied.
      hooks: { preUpgrade: async () => { seenByCodeHook = { job: await get("batch/v1", "Job", "migrate"), deployment: await get("apps/v1", "Deployment", "up") }; } },
    });
    assert.equal(result.status, "deployed");
    assert.ok(isComplete(seenByCodeHook.job), "the Job was complete before the objects were applied");
    assert.equal(imageOf(seenByCodeHook.deployment), "nginx:1.26", "the Deployment was unchanged while the hook ran");
    const deployment = await get("apps/v1", "Deployment", "up");
    assert.equal(imageOf(deployment), "nginx:1.27");
    const job = await get("batch/v1", "Job", "migrate");
    assert.ok(BigInt(job!.metadata.resourceVersion as string) < BigInt(deployment!.metadata.resourceVersion as string), "the Job's last write precedes the Deployment's");
    const order = events.flatMap((e) => (e.type === "hook-finished" && e.hook === "migrate" ? ["hook"] : e.type === "object-applied" && e.object.kind === "Deployment" ? ["deployment"] : []));
    assert.deepEqual(order, ["hook", "deployment"]);

    const record = await cluster.get("up");
    const migrate = record.hooks.find((h) => h.object.metadata.name === "migrate");
    assert.equal(migrate?.lastRun?.phase, "Succeeded");
    assert.ok(migrate?.lastRun?.startedAt && migrate.lastRun.completedAt);
  });

  it("GIVEN a failing pre-install Job hook WHEN installed THEN OperationFailed caused by HookFailed, the revision is failed with the hook's failed run, and no object is applied", async () => {
    const hooks = [{ name: "bad-init", events: "pre-install", fail: true }];
    await assert.rejects(cluster.deploy(appChart, { release: "badhook", values: { hooks } }, { hookTimeout: "120s" }), (e: OperationFailed) => {
      assert.equal(e.code, "OperationFailed");
      assert.equal((e.cause as { code?: string }).code, "HookFailed");
      assert.equal(e.revision, 1);
      return true;
    });
    const history = await cluster.history("badhook");
    assert.deepEqual(history.map((h) => [h.revision, h.status]), [[1, "failed"]]);
    assert.equal(await get("apps/v1", "Deployment", "badhook"), undefined);
    assert.equal(await get("v1", "ConfigMap", "badhook-cfg"), undefined);
    const record = await cluster.get("badhook");
    assert.equal(record.hooks.find((h) => h.object.metadata.name === "bad-init")?.lastRun?.phase, "Failed");
  });

  it("GIVEN a code hook that throws WHEN installed THEN OperationFailed caused by HookFailed and the revision is failed", async () => {
    const boom = new Error("migration refused");
    await assert.rejects(cluster.deploy(appChart, { release: "codehook" }, { hooks: { preInstall: async () => { throw boom; } } }), (e: OperationFailed) => {
      assert.equal(e.code, "OperationFailed");
      assert.equal((e.cause as { code?: string }).code, "HookFailed");
      assert.equal((e.cause as Error).cause, boom);
      return true;
    });
    assert.equal((await cluster.status("codehook")).status, "failed");
    assert.equal(await get("apps/v1", "Deployment", "codehook"), undefined);
  });

  it("GIVEN test hooks WHEN the test action runs THEN passing tests pass and a failing test is reported, not thrown", async () => {
    const passing = [{ name: "t-ok", events: "test", kind: "Pod" as const }];
    await cluster.deploy(appChart, { release: "tested", values: { hooks: passing } });
    assert.equal(await get("v1", "Pod", "t-ok"), undefined, "test hooks do not run on deploy");
    const ok = await cluster.test("tested", { timeout: "120s" });
    assert.equal(ok.passed, true);
    assert.deepEqual(ok.runs.map((r) => [r.name, r.phase]), [["t-ok", "Succeeded"]]);

    const again = await cluster.deploy(appChart, { release: "tested", values: { hooks: passing } });
    assert.equal(again.status, "unchanged", "the same hooks are no change");

    const failing = [...passing, { name: "t-bad", events: "test", kind: "Pod" as const, fail: true, weight: 1 }];
    const changed = await cluster.deploy(appChart, { release: "tested", values: { hooks: failing } });
    assert.equal(changed.revision, 2, "a changed test hook alone is recorded as a revision");
    const bad = await cluster.test("tested", { timeout: "120s" });
    assert.equal(bad.passed, false);
    assert.deepEqual(bad.runs.map((r) => [r.name, r.phase]), [["t-ok", "Succeeded"], ["t-bad", "Failed"]]);
    assert.ok(bad.failure);
  });
});
