import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { currentDeploymentPods } from "../../src/wait/current-pods.js";
import type { KubeObject } from "../../src/model/object.js";

const deployment = (revision: string, generation = 2, observed = 2): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", uid: "d1", generation, annotations: { "deployment.kubernetes.io/revision": revision } },
  status: { observedGeneration: observed },
});
const rs = (name: string, revision: string): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: { name, uid: `uid-${name}`, annotations: { "deployment.kubernetes.io/revision": revision }, ownerReferences: [{ uid: "d1" }] },
});
const pod = (name: string, owner: string): KubeObject => ({ apiVersion: "v1", kind: "Pod", metadata: { name, ownerReferences: [{ uid: `uid-${owner}` }] } });

describe("pods of a Deployment's current ReplicaSet", () => {
  const sets = [rs("web-old", "1"), rs("web-new", "2")];
  const pods = [pod("a", "web-old"), pod("b", "web-new")];

  it("GIVEN a Deployment at revision 2 WHEN pods of both ReplicaSets exist THEN only the new ReplicaSet's pods count", () => {
    assert.deepEqual(currentDeploymentPods(deployment("2"), sets, pods)?.map((p) => p.metadata.name), ["b"]);
  });

  it("GIVEN a rollback to revision 1's template WHEN the controller has not observed it yet THEN no pod counts", () => {
    assert.equal(currentDeploymentPods(deployment("2", 3, 2), sets, pods), undefined);
  });

  it("GIVEN an unknown current ReplicaSet WHEN judged THEN no pod counts", () => {
    assert.equal(currentDeploymentPods(deployment("7"), sets, pods), undefined);
  });
});
