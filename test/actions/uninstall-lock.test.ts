// GIVEN a deploy and an uninstall of one release at once (item 5 of issue 11) WHEN one holds the release
// lock THEN the other fails with ReleaseLocked, and records and live objects agree afterwards.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, type Cluster } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { appChart } from "./fixtures/app-chart.js";

const ns = useTestNamespace("unlk");

/** A promise the test resolves, and one a hook resolves when it starts. */
function gate() {
  let open!: () => void;
  let entered!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const reached = new Promise<void>((r) => (entered = r));
  return { open, opened, reached, hook: async () => { entered(); await opened; } };
}

const connectAs = (identity: string): Promise<Cluster> => connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name, identity });
const liveNames = async (cluster: Cluster, release: string) => {
  const kube = cluster.config.kube;
  const names: string[] = [];
  for (const [apiVersion, kind] of [["v1", "ConfigMap"], ["apps/v1", "Deployment"], ["apps/v1", "StatefulSet"]] as const) {
    const { items } = await kube.list(apiVersion, kind, { namespace: ns.name });
    for (const o of items) if (o.metadata.annotations?.["meta.helm.sh/release-name"] === release && !o.metadata["deletionTimestamp"]) names.push(`${kind}/${o.metadata.name}`);
  }
  return names.sort();
};

describe("uninstall takes the release lock", () => {
  it("GIVEN an uninstall running its pre-delete hook WHEN a deploy of the release starts THEN ReleaseLocked, and afterwards no records and no objects", async () => {
    const [a, b] = await Promise.all([connectAs("uninstaller"), connectAs("deployer")]);
    await a.deploy(appChart, { release: "u1" });
    const g = gate();
    const uninstalling = a.uninstall("u1", { hooks: { preDelete: g.hook } });
    await g.reached;
    await assert.rejects(b.deploy(appChart, { release: "u1", values: { db: true, data: "new" } }), (e: { code?: string; holder?: string }) => {
      assert.equal(e.code, "ReleaseLocked");
      assert.equal(e.holder, "uninstaller");
      return true;
    });
    g.open();
    await uninstalling;
    assert.deepEqual(await b.history("u1").catch((e: { code?: string }) => e.code), "ReleaseNotFound");
    assert.deepEqual(await liveNames(b, "u1"), []);
    a.close();
    b.close();
  });

  it("GIVEN a deploy running its pre-upgrade hook WHEN an uninstall starts THEN ReleaseLocked, and the deploy's revision and objects stay", async () => {
    const [a, b] = await Promise.all([connectAs("deployer"), connectAs("uninstaller")]);
    await a.deploy(appChart, { release: "u2" });
    const g = gate();
    const deploying = a.deploy(appChart, { release: "u2", values: { db: true } }, { hooks: { preUpgrade: g.hook } });
    await g.reached;
    await assert.rejects(b.uninstall("u2"), { code: "ReleaseLocked" });
    g.open();
    assert.equal((await deploying).status, "deployed");
    assert.deepEqual((await b.history("u2")).map((h) => [h.revision, h.status]), [[1, "superseded"], [2, "deployed"]]);
    assert.deepEqual(await liveNames(b, "u2"), ["ConfigMap/u2-cfg", "Deployment/u2", "StatefulSet/db"]);
    a.close();
    b.close();
  });

  it("GIVEN an uninstall with history kept WHEN it completes THEN the lock revision is gone and the latest is uninstalled", async () => {
    const a = await connectAs("keeper");
    await a.deploy(appChart, { release: "u3" });
    await a.deploy(appChart, { release: "u3", values: { data: "b" } });
    await a.uninstall("u3", { keepHistory: true });
    assert.deepEqual((await a.history("u3")).map((h) => [h.revision, h.status]), [[1, "superseded"], [2, "uninstalled"]]);
    assert.deepEqual(await liveNames(a, "u3"), []);
    a.close();
  });
});
