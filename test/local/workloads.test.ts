// GIVEN the local control plane (etcd, kube-apiserver, controller-manager, scheduler, kwok)
// THEN real workloads behave as on a cluster: Deployments become available, Jobs complete or fail.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AppsV1Api, BatchV1Api, CoreV1Api, type V1Job } from "@kubernetes/client-node";
import { useTestNamespace, testKubeConfig, until } from "../helpers/cluster.js";
import { FAILURE_ANNOTATIONS } from "../../src/local/stages.js";

const kc = testKubeConfig();
const apps = kc.makeApiClient(AppsV1Api);
const batch = kc.makeApiClient(BatchV1Api);
const core = kc.makeApiClient(CoreV1Api);

function job(name: string, annotations: Record<string, string> = {}): V1Job {
  return {
    metadata: { name },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: { annotations },
        spec: { restartPolicy: "Never", containers: [{ name: "main", image: "busybox:1.36", command: ["true"] }] },
      },
    },
  };
}

describe("local control plane workloads", () => {
  const namespace = useTestNamespace("local");

  it("GIVEN a Deployment with 2 replicas WHEN created THEN both Pods are Ready on a kwok node and availableReplicas is 2", async () => {
    await apps.createNamespacedDeployment({
      namespace: namespace.name,
      body: {
        metadata: { name: "web" },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: "web" } },
          template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
        },
      },
    });
    const status = await until(async () => {
      const d = await apps.readNamespacedDeployment({ name: "web", namespace: namespace.name });
      return d.status?.availableReplicas === 2 ? d.status : undefined;
    }, { what: "deployment web available" });
    assert.equal(status.availableReplicas, 2);
    const pods = await core.listNamespacedPod({ namespace: namespace.name, labelSelector: "app=web" });
    assert.equal(pods.items.length, 2);
    for (const pod of pods.items) {
      assert.equal(pod.spec?.nodeName, "kwok-node-0");
      assert.equal(pod.status?.phase, "Running");
      assert.ok(pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"));
    }
  });

  it("GIVEN a Job WHEN created THEN it reaches Complete", async () => {
    await batch.createNamespacedJob({ namespace: namespace.name, body: job("ok") });
    const condition = await until(async () => {
      const j = await batch.readNamespacedJob({ name: "ok", namespace: namespace.name });
      return j.status?.conditions?.find((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");
    }, { what: "job ok finished" });
    assert.equal(condition.type, "Complete");
  });

  it("GIVEN a Job whose Pod carries the failure annotation WHEN created THEN it reaches Failed", async () => {
    await batch.createNamespacedJob({ namespace: namespace.name, body: job("boom", { [FAILURE_ANNOTATIONS.fail]: "true" }) });
    const condition = await until(async () => {
      const j = await batch.readNamespacedJob({ name: "boom", namespace: namespace.name });
      return j.status?.conditions?.find((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");
    }, { what: "job boom finished" });
    assert.equal(condition.type, "Failed");
  });

  it("GIVEN a Pod with the never-ready annotation WHEN created THEN it runs but never becomes Ready", async () => {
    await core.createNamespacedPod({
      namespace: namespace.name,
      body: {
        metadata: { name: "stuck", annotations: { [FAILURE_ANNOTATIONS.neverReady]: "true" } },
        spec: { containers: [{ name: "main", image: "nginx:1.27" }] },
      },
    });
    const pod = await until(async () => {
      const p = await core.readNamespacedPod({ name: "stuck", namespace: namespace.name });
      return p.status?.phase === "Running" ? p : undefined;
    }, { what: "pod stuck running" });
    await new Promise((r) => setTimeout(r, 1500));
    const again = await core.readNamespacedPod({ name: "stuck", namespace: namespace.name });
    assert.equal(again.status?.conditions?.find((c) => c.type === "Ready")?.status, "False");
    assert.equal(pod.status?.phase, "Running");
  });

  it("GIVEN a Pod with the image-pull-backoff annotation WHEN created THEN its container waits in ImagePullBackOff", async () => {
    await core.createNamespacedPod({
      namespace: namespace.name,
      body: {
        metadata: { name: "nopull", annotations: { [FAILURE_ANNOTATIONS.imagePullBackOff]: "true" } },
        spec: { containers: [{ name: "main", image: "example.invalid/nope:1" }] },
      },
    });
    const reason = await until(async () => {
      const p = await core.readNamespacedPod({ name: "nopull", namespace: namespace.name });
      return p.status?.containerStatuses?.[0]?.state?.waiting?.reason;
    }, { what: "pod nopull waiting" });
    assert.equal(reason, "ImagePullBackOff");
  });
});
