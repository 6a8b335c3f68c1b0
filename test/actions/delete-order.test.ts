// GIVEN a real control plane WHEN a release's objects are pruned by an upgrade and deleted by uninstall
// THEN both delete in the one deletion order (apply/delete-order.ts: the reverse of install order).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Cluster } from "../../src/index.js";
import { deletionOrder } from "../../src/apply/delete-order.js";
import { useClusterFixture } from "../helpers/cluster-fixture.js";
import { appChart } from "./fixtures/app-chart.js";

let cluster: Cluster;
useClusterFixture("delorder", (f) => ({ cluster } = f));

describe("deletion order on a cluster", () => {
  it("GIVEN a release of several kinds WHEN pruned and uninstalled THEN objects are deleted in deletion order", async () => {
    await cluster.deploy(appChart, { release: "del", values: { db: true } });
    const pruned = await cluster.deploy(appChart, { release: "del", values: { db: false } });
    assert.deepEqual(pruned.deleted.map((r) => `${r.kind} ${r.name}`), ["StatefulSet db"]);

    await cluster.deploy(appChart, { release: "del", values: { db: true } });
    const uninstalled = await cluster.uninstall("del");
    assert.deepEqual(uninstalled.deleted.map((r) => `${r.kind} ${r.name}`), ["StatefulSet db", "Deployment del", "ConfigMap del-cfg"]);
    assert.deepEqual(uninstalled.deleted, deletionOrder(uninstalled.deleted, (r) => r));
  });
});
