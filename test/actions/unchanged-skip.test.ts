// GIVEN a deployed release WHEN it is deployed again THEN objects unchanged since the previous revision
// (and not drifted live) are planned noop without a dry run; changed or drifted objects are dry-run.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Cluster } from "../../src/index.js";
import { appChart } from "../runner/fixtures/app.js";
import { useClusterFixture } from "../helpers/cluster-fixture.js";

let ns: string;
let cluster: Cluster;

useClusterFixture("skip", (f) => ({ ns, cluster } = f));

async function spied<T>(work: () => Promise<T>): Promise<{ result: T; patches: string[] }> {
  const patches: string[] = [];
  const stop = cluster.config.transport!.observe((req) => {
    if (req.method === "PATCH") patches.push(req.path.replace(/\?.*/, "").split("/").slice(-2).join("/") + (/[?&]dryRun=All/.test(req.path) ? " (dry run)" : ""));
  });
  try {
    return { result: await work(), patches: patches.sort() };
  } finally {
    stop();
  }
}

describe("objects unchanged since the previous revision", () => {
  it("GIVEN a deployed release WHEN deployed again unchanged THEN no object is dry-run (not even the Secret's stringData)", async () => {
    const args = { release: "same", values: { data: "x", password: "p" } };
    await cluster.deploy(appChart, args);
    const { result, patches } = await spied(() => cluster.deploy(appChart, args));
    assert.equal(result.status, "unchanged");
    assert.deepEqual(patches, []);
  });

  it("GIVEN one changed value WHEN deployed THEN only the changed object is dry-run and applied", async () => {
    const { result, patches } = await spied(() => cluster.deploy(appChart, { release: "same", values: { data: "y", password: "p" } }));
    assert.equal(result.status, "deployed");
    assert.deepEqual(patches, ["configmaps/same-cfg", "configmaps/same-cfg (dry run)"]);
  });

  it("GIVEN a live object changed behind berth's back WHEN deployed unchanged THEN that object is dry-run, planned update and restored", async () => {
    const kube = cluster.config.kube;
    const live = await kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns, name: "same-cfg" });
    await kube.apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "same-cfg", namespace: ns }, data: { value: "edited" } }, { fieldManager: "someone-else", force: true });
    assert.ok(live);
    const { result, patches } = await spied(() => cluster.deploy(appChart, { release: "same", values: { data: "y", password: "p" } }));
    assert.equal(result.plan.actions.find((a) => a.ref.name === "same-cfg")?.op, "update");
    assert.deepEqual(patches, ["configmaps/same-cfg", "configmaps/same-cfg (dry run)"]);
    const restored = await kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns, name: "same-cfg" });
    assert.deepEqual(restored?.["data"], { value: "y" });
  });
});
