// GIVEN a release left pending by an operation that died WHEN `berth unlock` runs THEN the pending
// revision is marked failed (a live lock only with --force), and the release can be deployed again.
import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import { connect, type Cluster } from "../../src/index.js";
import type { Release } from "../../src/storage/release.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { webChart } from "../actions/fixtures/charts.js";
import { runBerth } from "../helpers/cli.js";

const ns = useTestNamespace("cliunlock");
let cluster: Cluster;

const berth = (...argv: string[]) => runBerth([...argv, "--kubeconfig", testKubeconfigPath(), "-n", ns.name]);

/** Leaves a pending-upgrade revision with a lock of the given lifetime, as a killed client would. */
async function abandonUpgrade(name: string, ttlMs: number): Promise<void> {
  const draft = (last: Release | undefined) => {
    const { name: _n, revision: _r, status: _s, lock: _l, firstDeployed: _f, lastDeployed: _d, deleted: _x, ...rest } = last!;
    return { ...rest, status: "pending-upgrade" as const, description: "Upgrade in progress" };
  };
  await cluster.config.storeFor(ns.name).acquire(name, "ghost@host pid 1", ttlMs, draft);
}

describe("berth unlock", () => {
  before(async () => {
    cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
  });
  after(() => cluster?.close());

  it("GIVEN a pending revision whose lock expired WHEN unlock runs THEN it is marked failed and the release deploys again", async () => {
    await cluster.deploy(webChart, { release: "stale" });
    await abandonUpgrade("stale", 1);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal((await cluster.status("stale")).status, "pending-upgrade");
    const { code, stdout, stderr } = await berth("unlock", "stale");
    assert.equal(code, 0, stderr);
    assert.match(stdout, /revision 2 marked failed/);
    const status = await cluster.status("stale");
    assert.deepEqual([status.revision, status.status, status.lock], [2, "failed", undefined]);
    const again = await cluster.deploy(webChart, { release: "stale", values: { replicas: 2 } });
    assert.equal(again.status, "deployed");
  });

  it("GIVEN a pending revision with a live lock WHEN unlock runs THEN it refuses with ReleaseLocked; --force unlocks", async () => {
    await cluster.deploy(webChart, { release: "live" });
    await abandonUpgrade("live", 600_000);
    const refused = await berth("unlock", "live");
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^Error \[ReleaseLocked\]: .*--force/);
    assert.equal((await cluster.status("live")).status, "pending-upgrade");
    const forced = await berth("unlock", "live", "--force");
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /was held by ghost@host pid 1/);
    assert.equal((await cluster.status("live")).status, "failed");
  });

  it("GIVEN the library WHEN Cluster.unlock is called on a release that is not pending THEN it returns undefined", async () => {
    assert.equal(await cluster.unlock("live"), undefined);
  });
});
