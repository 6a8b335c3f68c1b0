// The plan against the real local control plane: server defaults, immutable fields, drift.
import { strict as assert } from "node:assert";
import { after, describe, it } from "node:test";
import { withOwnership } from "../../src/model/ownership.js";
import { connectKube } from "../../src/kube/connect.js";
import { computePlan } from "../../src/plan/compute.js";
import { checkPlanFresh } from "../../src/plan/fresh.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { webObjects, type WebOptions } from "./scenario.js";

const { client: kube, transport } = connectKube({ kubeconfigPath: testKubeconfigPath() });
after(() => transport.close());

describe("computePlan on the local control plane", () => {
  const ns = useTestNamespace("plan");
  const objects = (o: WebOptions = {}) => webObjects({ ...o, namespace: ns.name });
  const input = (o: WebOptions = {}) => ({ release: "web", namespace: ns.name, objects: objects(o) });
  const deployment = { apiVersion: "apps/v1", kind: "Deployment", name: "api" };
  let revision = 0;

  async function deploy(o: WebOptions = {}) {
    const stamped = objects(o).map((r) => withOwnership(r.object, "web", ns.name));
    for (const object of stamped) await kube.apply(object, { force: true });
    revision++;
    return { revision, objects: stamped, status: "deployed" };
  }

  it("GIVEN an empty namespace WHEN planned THEN all create and nothing is written", async () => {
    const plan = await computePlan(input(), kube);
    assert.deepEqual(plan.actions.map((a) => a.op), ["create", "create", "create", "create"]);
    assert.equal(await kube.get({ ...deployment, namespace: ns.name }), undefined);
  });

  it("GIVEN a deployed release WHEN the image changes THEN one update with only the image in its diff (server defaults are not diffs)", async () => {
    const previous = await deploy();
    const same = await computePlan({ ...input(), previous }, kube);
    assert.deepEqual(same.actions.filter((a) => a.op !== "noop").map((a) => [a.id, a.diff]), []);
    assert.equal(same.changes, false);
    const plan = await computePlan({ ...input({ image: "registry.example/api:1.1.0" }), previous }, kube);
    const changed = plan.actions.filter((a) => a.op !== "noop");
    assert.deepEqual(changed.map((a) => a.op), ["update"]);
    assert.deepEqual(changed[0]?.diff.map((d) => d.path), ["spec.template.spec.containers[0].image"]);
    await checkPlanFresh(plan, kube, previous.revision);
  });

  it("GIVEN a deployed release WHEN the selector changes THEN replace naming spec.selector", async () => {
    const previous = await deploy();
    const plan = await computePlan({ ...input({ selector: "api-v2" }), previous }, kube);
    const action = plan.actions.find((a) => a.ref.kind === "Deployment");
    assert.equal(action?.op, "replace");
    assert.ok(action?.immutableFields?.includes("spec.selector"), JSON.stringify(action?.immutableFields));
    assert.ok(plan.problems.some((p) => p.code === "ImmutableField"));
  });

  it("GIVEN a field edited by hand WHEN planned THEN drift is reported and the plan restores it", async () => {
    const previous = await deploy();
    const live = await kube.get({ ...deployment, namespace: ns.name });
    assert.ok(live);
    await kube.apply({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "api", namespace: ns.name }, spec: { replicas: 5 } }, { force: true, fieldManager: "kubectl-edit" });
    const plan = await computePlan({ ...input(), previous }, kube);
    const action = plan.actions.find((a) => a.ref.kind === "Deployment");
    assert.deepEqual(action?.drift?.fields, [{ path: "spec.replicas", before: 2, after: 5 }]);
    assert.equal(action?.drift?.revision, previous.revision);
    assert.equal(action?.op, "update");
    assert.deepEqual(action?.diff, [{ path: "spec.replicas", before: 5, after: 2 }]);
    await assert.rejects(checkPlanFresh(plan, kube, previous.revision + 1), (e: { code?: string }) => e.code === "PlanStale");
  });
});
