// GIVEN objects on the real local control plane WHEN waited for THEN readiness, failures and timeouts are reported by code.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connectKube } from "../../src/kube/connect.js";
import type { KubeObject } from "../../src/model/object.js";
import { FAILURE_ANNOTATIONS } from "../../src/local/stages.js";
import { waitForReady } from "../../src/wait/wait.js";
import type { WaitEvent } from "../../src/wait/events.js";
import { WaitFailed, ReadinessTimeout } from "../../src/wait/errors.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";

const { client: kube, transport } = connectKube({ kubeconfigPath: testKubeconfigPath() });
after(() => transport.close());

function deployment(namespace: string, name: string, podAnnotations: Record<string, string> = {}, replicas = 2): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name }, annotations: podAnnotations }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
    },
  };
}

describe("waitForReady on a real cluster", () => {
  const ns = useTestNamespace("wait");

  it("GIVEN a Deployment and a Service WHEN applied and waited for THEN both are ready and events report it", async () => {
    const objects: KubeObject[] = [
      deployment(ns.name, "web"),
      { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: ns.name }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } },
    ];
    for (const o of objects) await kube.apply(o);
    const events: WaitEvent[] = [];
    const report = await waitForReady(objects, kube, { timeoutMs: 60_000, onEvent: (e) => events.push(e) });
    assert.deepEqual(report.ready.map((r) => r.object.kind), ["Deployment", "Service"]);
    assert.equal(events.filter((e) => e.type === "object-ready").length, 2);
  });

  it("GIVEN a Deployment whose Pods never become Ready WHEN waited with a short timeout THEN ReadinessTimeout names the object", async () => {
    const object = deployment(ns.name, "stuck", { [FAILURE_ANNOTATIONS.neverReady]: "true" }, 1);
    await kube.apply(object);
    const error = await waitForReady([object], kube, { timeoutMs: 4000 }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof ReadinessTimeout, String(error));
    assert.equal(error.code, "ReadinessTimeout");
    assert.equal(error.objects[0]?.object.name, "stuck");
    assert.equal(error.objects[0]?.state, "timeout");
  });

  it("GIVEN a Deployment whose Pod waits in ImagePullBackOff WHEN waited THEN WaitFailed names the reason well before the timeout", async () => {
    const object = deployment(ns.name, "badimage", { [FAILURE_ANNOTATIONS.imagePullBackOff]: "true" }, 1);
    await kube.apply(object);
    const started = Date.now();
    const error = await waitForReady([object], kube, { timeoutMs: 120_000 }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof WaitFailed, String(error));
    assert.equal(error.code, "WaitFailed");
    assert.equal(error.objects[0]?.state, "failed");
    assert.match(error.objects[0]?.reason ?? "", /ImagePullBackOff/);
    assert.ok(Date.now() - started < 30_000);
  });

  it("GIVEN berth.dev/skip-wait on a never-ready Pod and a per-object timeout annotation WHEN waited THEN it is skipped", async () => {
    const pod: KubeObject = {
      apiVersion: "v1", kind: "Pod",
      metadata: { name: "skipme", namespace: ns.name, annotations: { [FAILURE_ANNOTATIONS.neverReady]: "true", "berth.dev/skip-wait": "true" } },
      spec: { containers: [{ name: "main", image: "nginx:1.27" }] },
    };
    await kube.apply(pod);
    const report = await waitForReady([pod], kube, { timeoutMs: 2000 });
    assert.equal(report.skipped.length, 1);
    const timed = { ...pod, metadata: { ...pod.metadata, annotations: { "berth.dev/timeout": "2s" } } };
    const error = await waitForReady([timed], kube, { timeoutMs: 60_000 }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof ReadinessTimeout, String(error));
  });

  it("GIVEN a failing Job and waitForJobs WHEN waited THEN WaitFailed carries the Job's failure", async () => {
    const job: KubeObject = {
      apiVersion: "batch/v1", kind: "Job", metadata: { name: "boom", namespace: ns.name },
      spec: { backoffLimit: 0, template: { metadata: { annotations: { [FAILURE_ANNOTATIONS.fail]: "true" } }, spec: { restartPolicy: "Never", containers: [{ name: "main", image: "busybox:1.36" }] } } },
    };
    await kube.apply(job);
    const error = await waitForReady([job], kube, { timeoutMs: 60_000, waitForJobs: true }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof WaitFailed, String(error));
    assert.match(error.objects[0]?.reason ?? "", /failed/i);
  });
});
