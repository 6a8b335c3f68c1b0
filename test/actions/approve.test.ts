// GIVEN a deploy WHEN it is a dry run or its plan is declined THEN nothing is written; WHEN approved THEN
// the approved plan is what is applied.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, type Cluster, type Plan } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { webChart } from "./fixtures/charts.js";

const ns = useTestNamespace("approve");
let cluster: Cluster;
const records = async () => (await cluster.config.kube.list("v1", "Secret", { namespace: ns.name, labelSelector: "owner=helm" })).items.length;

describe("dry run and approval", () => {
  it("GIVEN a new release WHEN deployed with dryRun THEN the plan is returned and nothing is written", async () => {
    cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
    const result = await cluster.deploy(webChart, { release: "dry" }, { dryRun: true });
    assert.equal(result.status, "planned");
    assert.equal(result.plan.summary.create, 2);
    assert.equal(await cluster.config.kube.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: ns.name, name: "dry" }), undefined);
    assert.equal(await records(), 0);
  });

  it("GIVEN an approve callback that declines WHEN deploying THEN PlanNotApproved and nothing is written", async () => {
    let seen: Plan | undefined;
    await assert.rejects(cluster.deploy(webChart, { release: "dry" }, { approve: (plan) => ((seen = plan), false) }), { code: "PlanNotApproved" });
    assert.equal(seen?.summary.create, 2);
    assert.equal(await cluster.config.kube.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: ns.name, name: "dry" }), undefined);
    assert.equal(await records(), 0);
  });

  it("GIVEN an approve callback that accepts WHEN deploying THEN the approved plan is the result's plan and is applied", async () => {
    let seen: Plan | undefined;
    const result = await cluster.deploy(webChart, { release: "dry" }, { approve: async (plan) => ((seen = plan), true) });
    assert.equal(result.plan, seen);
    assert.equal(result.status, "deployed");
    assert.ok(await cluster.config.kube.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: ns.name, name: "dry" }));
  });
});
