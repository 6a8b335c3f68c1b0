import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cleanForApply } from "../../src/kube/clean.js";
import type { KubeObject } from "../../src/model/object.js";

const base = (extra: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "a", ...metadata },
  ...extra,
});

describe("cleanForApply", () => {
  it("GIVEN null-valued fields at any depth WHEN cleaned THEN they are removed", () => {
    const input = base({ spec: { replicas: null, template: { spec: { containers: [{ name: "c", resources: null, env: [null, { name: "A", value: "1" }] }] } } } }, { labels: { a: null, b: "x" } });
    const out = cleanForApply(input);
    assert.deepEqual(out.spec, { template: { spec: { containers: [{ name: "c", env: [{ name: "A", value: "1" }] }] } } });
    assert.deepEqual(out.metadata.labels, { b: "x" });
  });
  it("GIVEN metadata.creationTimestamp: null WHEN cleaned THEN it is removed", () => {
    assert.equal("creationTimestamp" in cleanForApply(base({}, { creationTimestamp: null })).metadata, false);
  });
  it("GIVEN a status WHEN cleaned THEN it is removed", () => {
    assert.equal("status" in cleanForApply(base({ status: { replicas: 1 } })), false);
  });
  it("GIVEN empty resourceVersion and uid and managedFields WHEN cleaned THEN they are removed", () => {
    const out = cleanForApply(base({}, { resourceVersion: "", uid: "", managedFields: [] }));
    assert.deepEqual(Object.keys(out.metadata).sort(), ["name", "namespace"]);
  });
  it("GIVEN a set resourceVersion WHEN cleaned THEN it is kept (it is an apply precondition)", () => {
    assert.equal(cleanForApply(base({}, { resourceVersion: "42" })).metadata["resourceVersion"], "42");
  });
  it("GIVEN any object WHEN cleaned THEN the input is not mutated", () => {
    const input = base({ status: {}, spec: { replicas: null } }, { creationTimestamp: null, managedFields: [] });
    const snapshot = structuredClone(input);
    cleanForApply(input);
    assert.deepEqual(input, snapshot);
  });
});
