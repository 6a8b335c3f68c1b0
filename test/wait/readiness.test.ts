// Pure readiness evaluators, one kind at a time (no cluster).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readiness } from "../../src/wait/readiness.js";
import { podCompletion } from "../../src/wait/basic-kinds.js";
import { maxUnavailable } from "../../src/wait/workloads.js";
import type { KubeObject } from "../../src/model/object.js";

function obj(kind: string, fields: Record<string, unknown> = {}, generation?: number): KubeObject {
  return { apiVersion: "v1", kind, metadata: { name: "x", ...(generation === undefined ? {} : { generation }) }, ...fields };
}
const state = (o: KubeObject, opts = {}) => readiness(o, opts).state;

describe("Deployment readiness", () => {
  const spec = { replicas: 3, strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0 } } };
  it("GIVEN an unobserved generation THEN waiting", () => {
    assert.equal(state(obj("Deployment", { spec, status: { observedGeneration: 1, updatedReplicas: 3, availableReplicas: 3 } }, 2)), "waiting");
  });
  it("GIVEN all replicas updated and available THEN ready", () => {
    assert.equal(state(obj("Deployment", { spec, status: { observedGeneration: 2, updatedReplicas: 3, availableReplicas: 3 } }, 2)), "ready");
  });
  it("GIVEN fewer updated replicas THEN waiting with a reason naming the counts", () => {
    const r = readiness(obj("Deployment", { spec, status: { observedGeneration: 2, updatedReplicas: 1, availableReplicas: 3 } }, 2));
    assert.equal(r.state, "waiting");
    assert.match(r.reason, /1 of 3/);
  });
  it("GIVEN maxUnavailable 1 and 2 of 3 available THEN ready", () => {
    const s = { replicas: 3, strategy: { rollingUpdate: { maxUnavailable: 1 } } };
    assert.equal(state(obj("Deployment", { spec: s, status: { observedGeneration: 1, updatedReplicas: 3, availableReplicas: 2 } }, 1)), "ready");
  });
  it("GIVEN ProgressDeadlineExceeded THEN failed", () => {
    const status = { conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: "took too long" }] };
    assert.equal(state(obj("Deployment", { spec, status }, 1)), "failed");
  });
  it("GIVEN maxUnavailable as a percentage THEN it rounds down; Recreate allows none", () => {
    assert.equal(maxUnavailable({ strategy: { rollingUpdate: { maxUnavailable: "25%" } } }, 10), 2);
    assert.equal(maxUnavailable({}, 4), 1);
    assert.equal(maxUnavailable({ strategy: { type: "Recreate" } }, 4), 0);
  });
});

describe("StatefulSet, DaemonSet, ReplicaSet readiness", () => {
  it("GIVEN a StatefulSet with all ready and revisions equal THEN ready; revisions differing THEN waiting", () => {
    const base = { spec: { replicas: 2 }, status: { observedGeneration: 1, readyReplicas: 2, currentRevision: "a", updateRevision: "a" } };
    assert.equal(state(obj("StatefulSet", base, 1)), "ready");
    assert.equal(state(obj("StatefulSet", { ...base, status: { ...base.status, updateRevision: "b" } }, 1)), "waiting");
    assert.equal(state(obj("StatefulSet", { ...base, status: { ...base.status, readyReplicas: 1 } }, 1)), "waiting");
  });
  it("GIVEN a DaemonSet with fewer available than desired THEN waiting; all THEN ready", () => {
    const status = { observedGeneration: 1, desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 1 };
    assert.equal(state(obj("DaemonSet", { status }, 1)), "waiting");
    assert.equal(state(obj("DaemonSet", { status: { ...status, numberAvailable: 2 } }, 1)), "ready");
  });
  it("GIVEN a ReplicaSet with all replicas available THEN ready", () => {
    assert.equal(state(obj("ReplicaSet", { spec: { replicas: 2 }, status: { observedGeneration: 1, availableReplicas: 2 } }, 1)), "ready");
    assert.equal(state(obj("ReplicaSet", { spec: { replicas: 2 }, status: { observedGeneration: 1, availableReplicas: 0 } }, 1)), "waiting");
  });
});

describe("Job and Pod readiness", () => {
  it("GIVEN waitForJobs false THEN a running Job is ready", () => {
    assert.equal(state(obj("Job", { status: { active: 1 } })), "ready");
  });
  it("GIVEN waitForJobs THEN running waits, Complete is ready, Failed fails with the condition's message", () => {
    assert.equal(state(obj("Job", { status: { active: 1 } }), { waitForJobs: true }), "waiting");
    assert.equal(state(obj("Job", { status: { conditions: [{ type: "Complete", status: "True" }] } }), { waitForJobs: true }), "ready");
    const r = readiness(obj("Job", { status: { conditions: [{ type: "Failed", status: "True", reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" }] } }), { waitForJobs: true });
    assert.equal(r.state, "failed");
    assert.match(r.reason, /backoff limit/);
  });
  it("GIVEN a Pod Ready THEN ready; Succeeded THEN ready; Failed THEN failed", () => {
    assert.equal(state(obj("Pod", { status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] } })), "ready");
    assert.equal(state(obj("Pod", { status: { phase: "Succeeded" } })), "ready");
    assert.equal(state(obj("Pod", { status: { phase: "Failed" } })), "failed");
    assert.equal(state(obj("Pod", { status: { phase: "Running", conditions: [{ type: "Ready", status: "False" }] } })), "waiting");
  });
  it("GIVEN a Pod whose container waits in ImagePullBackOff THEN failed naming the reason", () => {
    const status = { phase: "Pending", containerStatuses: [{ name: "web", state: { waiting: { reason: "ImagePullBackOff", message: "Back-off" } } }] };
    const r = readiness(obj("Pod", { status }));
    assert.equal(r.state, "failed");
    assert.match(r.reason, /ImagePullBackOff/);
  });
  it("GIVEN a hook Pod Running and Ready THEN completion still waits until Succeeded", () => {
    assert.equal(podCompletion(obj("Pod", { status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] } })).state, "waiting");
    assert.equal(podCompletion(obj("Pod", { status: { phase: "Succeeded" } })).state, "ready");
  });
});

describe("other kinds", () => {
  it("GIVEN a PVC THEN Bound is ready, Pending waits", () => {
    assert.equal(state(obj("PersistentVolumeClaim", { status: { phase: "Bound" } })), "ready");
    assert.equal(state(obj("PersistentVolumeClaim", { status: { phase: "Pending" } })), "waiting");
  });
  it("GIVEN a Service THEN a cluster IP is ready; a LoadBalancer waits for ingress only when asked", () => {
    assert.equal(state(obj("Service", { spec: { clusterIP: "10.0.0.1" } })), "ready");
    assert.equal(state(obj("Service", { spec: {} })), "waiting");
    const lb = obj("Service", { spec: { type: "LoadBalancer", clusterIP: "10.0.0.2" }, status: { loadBalancer: {} } });
    assert.equal(state(lb), "ready");
    assert.equal(state(lb, { waitForLoadBalancer: true }), "waiting");
  });
  it("GIVEN a CRD, Namespace, APIService THEN their conditions/phases decide", () => {
    assert.equal(state(obj("CustomResourceDefinition", { status: { conditions: [{ type: "Established", status: "True" }] } })), "ready");
    assert.equal(state(obj("CustomResourceDefinition", { status: {} })), "waiting");
    assert.equal(state(obj("Namespace", { status: { phase: "Active" } })), "ready");
    assert.equal(state(obj("Namespace", { status: { phase: "Terminating" } })), "waiting");
    assert.equal(state(obj("APIService", { status: { conditions: [{ type: "Available", status: "False", reason: "MissingEndpoints" }] } })), "waiting");
  });
  it("GIVEN an unknown kind THEN ready when it exists, or by its Ready condition", () => {
    assert.equal(state(obj("ConfigMap")), "ready");
    assert.equal(state(obj("Widget", { status: { conditions: [{ type: "Ready", status: "False" }] } })), "waiting");
    assert.equal(state(obj("Widget", { status: { conditions: [{ type: "Ready", status: "True" }] } })), "ready");
  });
});
