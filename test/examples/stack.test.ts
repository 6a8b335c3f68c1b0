// GIVEN the stack example (database chart directory + app chart in code) WHEN deployed, then deployed again
// with a new APP_VERSION THEN the app is wired to the database Service, the install runs the TypeScript
// post-install hook, and the upgrade runs the migration Job (pre-upgrade) and the post-upgrade hook.
import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import type { Cluster } from "../../src/index.js";
import { useTestNamespace } from "../helpers/cluster.js";
import { runExample, testCluster } from "./run-example.js";

type Container = { env?: { name: string; value?: string }[] };

describe("examples/stack", () => {
  const ns = useTestNamespace("ex-stack");
  let cluster: Cluster;
  before(async () => (cluster = await testCluster()));
  after(() => cluster.close());
  const get = (apiVersion: string, kind: string, name: string) => cluster.config.kube.get({ apiVersion, kind, namespace: ns.name, name });
  const appEnv = async () => {
    const deployment = await get("apps/v1", "Deployment", "stack-app");
    const container = (deployment?.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers[0]!;
    return Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value]));
  };

  it("GIVEN an empty namespace WHEN deploy.ts runs THEN the StatefulSet is ready, the app points at the DB Service, and only the post-install code hook ran", async () => {
    const out = await runExample("stack/deploy.ts", { BERTH_NAMESPACE: ns.name, APP_VERSION: "1.0.0" });
    assert.match(out, /post-install check: stack-app revision 1 runs 1\.0\.0/);
    assert.match(out, /stack-app: deployed, revision 1; hooks: post-install \(Function\) Succeeded$/m);
    const sts = await get("apps/v1", "StatefulSet", "stack-db");
    assert.equal((sts?.status as { readyReplicas?: number }).readyReplicas, 1);
    assert.ok(await get("v1", "Service", "stack-db"));
    assert.ok(await get("v1", "Secret", "stack-db-credentials"));
    assert.deepEqual(await appEnv(), { APP_VERSION: "1.0.0", DATABASE_HOST: "stack-db", DATABASE_PORT: "5432" });
    assert.equal(await get("batch/v1", "Job", "stack-app-migrate"), undefined, "the migration is a pre-upgrade hook: not run on install");
  });

  it("GIVEN the stack is installed WHEN deploy.ts runs with APP_VERSION=1.1.0 THEN the DB is unchanged and the app upgrades through the migration Job", async () => {
    const out = await runExample("stack/deploy.ts", { BERTH_NAMESPACE: ns.name, APP_VERSION: "1.1.0" });
    assert.match(out, /stack-db: unchanged/);
    assert.match(out, /hooks: stack-app-migrate \(Job\) Succeeded, post-upgrade \(Function\) Succeeded$/m);
    const job = await get("batch/v1", "Job", "stack-app-migrate");
    assert.equal((job?.status as { succeeded?: number }).succeeded, 1);
    assert.equal((await appEnv()).APP_VERSION, "1.1.0");
    const history = await cluster.history("stack-app", { namespace: ns.name });
    assert.deepEqual(history.map((r) => [r.revision, r.status]), [[1, "superseded"], [2, "deployed"]]);
    assert.deepEqual((await cluster.history("stack-db", { namespace: ns.name })).map((r) => r.revision), [1]);
    const record = await cluster.get("stack-app", { namespace: ns.name });
    assert.equal(record.hooks.find((h) => h.object.metadata.name === "stack-app-migrate")?.lastRun?.phase, "Succeeded");
  });
});
