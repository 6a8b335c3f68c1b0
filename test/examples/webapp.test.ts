// GIVEN the webapp example (a chart directory typed from typings/webapp.ts) WHEN deployed with the staging
// and then the production values THEN each environment's objects exist and are ready, and the history shows both.
import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import type { Cluster } from "../../src/index.js";
import { useTestNamespace } from "../helpers/cluster.js";
import { runExample, testCluster } from "./run-example.js";

describe("examples/webapp", () => {
  const ns = useTestNamespace("ex-webapp");
  let cluster: Cluster;
  before(async () => (cluster = await testCluster()));
  after(() => cluster.close());
  const get = (apiVersion: string, kind: string, name: string) => cluster.config.kube.get({ apiVersion, kind, namespace: ns.name, name });

  it("GIVEN BERTH_ENV=staging WHEN deploy.ts runs THEN the web Deployment (1 replica, ready), Ingress, redis and config exist; no HPA", async () => {
    const out = await runExample("webapp/deploy.ts", { BERTH_NAMESPACE: ns.name, BERTH_ENV: "staging" });
    assert.match(out, /webapp \(staging\) deployed, revision 1/);
    const web = await get("apps/v1", "Deployment", "webapp-web");
    assert.equal((web?.spec as { replicas: number }).replicas, 1);
    assert.equal((web?.status as { readyReplicas?: number }).readyReplicas, 1);
    assert.ok(await get("networking.k8s.io/v1", "Ingress", "webapp-web"));
    assert.ok(await get("apps/v1", "Deployment", "webapp-redis"));
    assert.equal(((await get("v1", "ConfigMap", "webapp-web"))?.data as Record<string, string>).LOG_LEVEL, "debug");
    assert.equal(await get("autoscaling/v2", "HorizontalPodAutoscaler", "webapp-web"), undefined);
  });

  it("GIVEN the staging release WHEN deploy.ts runs with the production argument THEN it upgrades to revision 2 with an HPA and the production config", async () => {
    const out = await runExample("webapp/deploy.ts", { BERTH_NAMESPACE: ns.name }, ["production"]);
    assert.match(out, /webapp \(production\) deployed, revision 2/);
    assert.ok(await get("autoscaling/v2", "HorizontalPodAutoscaler", "webapp-web"));
    assert.equal(((await get("v1", "ConfigMap", "webapp-web"))?.data as Record<string, string>).FEATURE_BETA, "no");
    const history = await cluster.history("webapp", { namespace: ns.name });
    assert.deepEqual(history.map((r) => [r.revision, r.status]), [[1, "superseded"], [2, "deployed"]]);
  });
});
