// GIVEN a real control plane WHEN a deploy waits for readiness THEN it waits for the rollout, fails
// early by reason, records an abort as a failed revision, and an atomic deploy restores what was there.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, type Cluster, type DeployEvent, type KubeObject, type OperationFailed } from "../../src/index.js";
import { testKubeconfigPath, until, useTestNamespace } from "../helpers/cluster.js";
import { appChart, knobs } from "./fixtures/app-chart.js";

const ns = useTestNamespace("dwait");
let cluster: Cluster;
const kube = () => cluster.config.kube;
const get = (apiVersion: string, kind: string, name: string) => kube().get({ apiVersion, kind, namespace: ns.name, name });
const spec = (d: KubeObject | undefined) => (d as any)?.spec.template as { metadata: { annotations?: Record<string, string> }; spec: { containers: Array<{ image: string }> } };
const causeCode = (e: OperationFailed) => (e.cause as { code?: string }).code;
const records = async (release: string) => (await kube().list("v1", "Secret", { namespace: ns.name, labelSelector: `owner=helm,name=${release}` })).items;

describe("deploy with wait", () => {
  it("GIVEN wait WHEN a Deployment is installed THEN the deploy returns once the rollout is available", async () => {
    cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
    const result = await cluster.deploy(appChart, { release: "ready", values: { replicas: 2 } }, { wait: { timeout: "120s" } });
    assert.equal(result.status, "deployed");
    const deployment = await get("apps/v1", "Deployment", "ready");
    assert.equal((deployment as any).status.availableReplicas, 2);
    assert.equal((deployment as any).status.updatedReplicas, 2);
  });

  it("GIVEN a pod template in ImagePullBackOff WHEN deployed with wait THEN WaitFailed by reason well before the timeout", async () => {
    const started = Date.now();
    await assert.rejects(cluster.deploy(appChart, { release: "pull", values: { podAnnotations: knobs.imagePullBackOff } }, { wait: { timeout: "240s" } }), (e: OperationFailed) => {
      assert.equal(e.code, "OperationFailed");
      assert.equal(causeCode(e), "WaitFailed");
      return true;
    });
    assert.ok(Date.now() - started < 120_000, "failed by reason, not by timeout");
    assert.equal((await cluster.status("pull")).status, "failed");
  });

  it("GIVEN a deploy waiting for a Pod that never becomes Ready WHEN aborted THEN the revision is failed (not pending) with the reason", async () => {
    const controller = new AbortController();
    const onEvent = (e: DeployEvent) => {
      if (e.type === "object-waiting" && e.object.kind === "Deployment") controller.abort(new Error("stopped by the test"));
    };
    await assert.rejects(cluster.deploy(appChart, { release: "aborted", values: { podAnnotations: knobs.neverReady } }, { wait: { timeout: "240s" }, onEvent, signal: controller.signal }), (e: OperationFailed) => {
      assert.equal(e.code, "OperationFailed");
      assert.equal(causeCode(e), "Aborted");
      return true;
    });
    const status = await cluster.status("aborted");
    assert.equal(status.status, "failed");
    assert.match(status.description, /stopped by the test/);
    // The lock is gone: the next deploy runs (and can be aborted again) without ReleaseLocked.
    const next = await cluster.deploy(appChart, { release: "aborted" }, { wait: { timeout: "120s" } });
    assert.equal(next.status, "deployed");
  });
});

describe("atomic deploy", () => {
  it("GIVEN an atomic upgrade whose Pods never become Ready WHEN the wait times out THEN it is rolled back: previous objects live, history superseded/failed/deployed", async () => {
    await cluster.deploy(appChart, { release: "atom" }, { wait: { timeout: "120s" } });
    const events: DeployEvent[] = [];
    await assert.rejects(cluster.deploy(appChart, { release: "atom", values: { image: "nginx:1.27", podAnnotations: knobs.neverReady } }, { atomic: true, wait: { timeout: "10s" }, onEvent: (e) => events.push(e) }), (e: OperationFailed) => {
      assert.equal(e.code, "OperationFailed");
      assert.equal(causeCode(e), "ReadinessTimeout");
      assert.equal(e.recovery?.status, "rolled-back", String(e.recovery?.error));
      assert.equal(e.recovery?.revision, 3);
      return true;
    });
    const template = spec(await get("apps/v1", "Deployment", "atom"));
    assert.equal(template.spec.containers[0]!.image, "nginx:1.26");
    assert.equal(template.metadata.annotations?.[Object.keys(knobs.neverReady)[0]!], undefined);
    const history = await cluster.history("atom");
    assert.deepEqual(history.map((h) => [h.revision, h.status]), [[1, "superseded"], [2, "failed"], [3, "deployed"]]);
    const started = events.find((e) => e.type === "rollback-started");
    assert.equal(started?.type === "rollback-started" && started.toRevision, 1);
  });

  it("GIVEN an atomic install that fails WHEN it is recovered THEN nothing of the release is left: no objects, no records", async () => {
    await assert.rejects(cluster.deploy(appChart, { release: "atominst", values: { podAnnotations: knobs.neverReady } }, { atomic: true, wait: { timeout: "5s" } }), (e: OperationFailed) => {
      assert.equal(e.code, "OperationFailed");
      assert.equal(e.recovery?.status, "uninstalled", String(e.recovery?.error));
      return true;
    });
    assert.equal(await get("apps/v1", "Deployment", "atominst"), undefined);
    assert.equal(await get("v1", "ConfigMap", "atominst-cfg"), undefined);
    assert.deepEqual(await records("atominst"), []);
    await assert.rejects(cluster.status("atominst"), { code: "ReleaseNotFound" });
    await until(async () => (await kube().list("v1", "Pod", { namespace: ns.name, labelSelector: "app=atominst" })).items.length === 0, { what: "the Deployment's Pods to be collected", timeoutMs: 120_000 });
  });
});
