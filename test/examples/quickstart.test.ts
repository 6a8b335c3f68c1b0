// GIVEN the quickstart example WHEN `npm run example`'s script runs against the cluster
// THEN the release is deployed with a ready Deployment and the ConfigMap from the chart in code.
import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import type { Cluster } from "../../src/index.js";
import { useTestNamespace } from "../helpers/cluster.js";
import { runExample, testCluster } from "./run-example.js";

describe("examples/quickstart", () => {
  const ns = useTestNamespace("ex-quick");
  let cluster: Cluster;
  before(async () => (cluster = await testCluster()));
  after(() => cluster.close());

  it("GIVEN a namespace WHEN deploy.ts runs THEN revision 1 is deployed, the Deployment is ready with 2 replicas and the message is in the ConfigMap", async () => {
    const out = await runExample("quickstart/deploy.ts", { BERTH_NAMESPACE: ns.name });
    assert.match(out, /deployed, revision 1/);
    const history = await cluster.history("hello", { namespace: ns.name });
    assert.deepEqual(history.map((r) => [r.revision, r.status]), [[1, "deployed"]]);
    const kube = cluster.config.kube;
    const deployment = await kube.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: ns.name, name: "hello" });
    assert.equal((deployment?.status as { readyReplicas?: number } | undefined)?.readyReplicas, 2);
    const config = await kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns.name, name: "hello-config" });
    assert.equal((config?.data as Record<string, string>).message, "hello from the quickstart");
  });

  it("GIVEN the release is deployed WHEN deploy.ts runs again THEN nothing changes and no revision is written", async () => {
    const out = await runExample("quickstart/deploy.ts", { BERTH_NAMESPACE: ns.name });
    assert.match(out, /unchanged/);
    assert.equal((await cluster.history("hello", { namespace: ns.name })).length, 1);
  });
});
