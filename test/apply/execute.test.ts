import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { executePlan } from "../../src/apply/execute.js";
import type { KubeObject } from "../../src/model/object.js";
import { computePlan } from "../../src/plan/compute.js";
import { FakeKube } from "../plan/fake-kube.js";
import { webObjects } from "../plan/scenario.js";

describe("executePlan", () => {
  it("GIVEN an install plan WHEN executed THEN each object is applied once asking for metadata only, and the results carry kind and server metadata", async () => {
    const kube = new FakeKube();
    const plan = await computePlan({ release: "web", namespace: "prod", objects: webObjects() }, kube);
    kube.calls.length = 0;
    const waited: KubeObject[][] = [];
    const result = await executePlan(plan, kube, { waitReady: async (objects) => void waited.push([...objects]) });
    assert.deepEqual(kube.calls, ["apply(metadata) Secret|prod|db", "apply(metadata) ConfigMap|prod|settings", "apply(metadata) Service|prod|api", "apply(metadata) Deployment|prod|api"]);
    assert.deepEqual(result.applied.map((o) => `${o.kind}/${o.metadata.name}`), ["Secret/db", "ConfigMap/settings", "Service/api", "Deployment/api"]);
    for (const o of result.applied) {
      assert.equal(typeof o.metadata["resourceVersion"], "string");
      assert.equal(o.metadata.annotations?.["meta.helm.sh/release-name"], "web", "annotations (wait overrides) are kept");
    }
    assert.equal(kube.objects.size, 4);
    assert.deepEqual(waited, [], "nothing depends on another object: no readiness waits");
  });
});
