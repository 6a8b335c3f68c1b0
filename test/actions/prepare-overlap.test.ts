// GIVEN an upgrade whose previous record is slow to read WHEN deployed THEN rendering and listing the
// live objects of the new revision's kinds do not wait for that record: the revisions' listing says
// what the next revision is, and the plan awaits those LISTs instead of making them again.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { useClusterFixture, type ClusterFixture } from "../helpers/cluster-fixture.js";
import { configMapsChart } from "../helpers/configmaps-chart.js";

let suite: ClusterFixture;
useClusterFixture("overlap", (f) => (suite = f), { faultProxy: true });
const HELD_MS = 2000;
const manyChart = configMapsChart("many", "a");

describe("an upgrade reads the previous record while it renders and lists", () => {
  it("GIVEN the read of revision 1's record held for 2 s WHEN upgraded THEN the ConfigMaps are listed before it returns, once", async () => {
    const { cluster, ns: namespace } = suite;
    const proxy = suite.proxy!;
    await cluster.deploy(manyChart, { release: "overlap" });
    proxy.addRule({ verb: "get", path: /\/secrets\/sh\.helm\.release\.v1\.overlap\.v1$/, fault: { kind: "latency", ms: HELD_MS }, times: 1 });
    const sent: Array<{ what: string; at: number }> = [];
    const stop = cluster.config.transport!.observe(({ method, path }) => {
      if (method === "GET" && path.includes("/secrets/sh.helm.release.v1.overlap.v1")) sent.push({ what: "record v1", at: Date.now() });
      else if (method === "GET" && /\/configmaps\?(?!.*labelSelector)/.test(path)) sent.push({ what: "list configmaps", at: Date.now() });
    });
    try {
      const result = await cluster.deploy(manyChart, { release: "overlap", values: { value: "b" } });
      assert.equal(result.revision, 2);
    } finally {
      stop();
    }
    const record = sent.find((s) => s.what === "record v1");
    const lists = sent.filter((s) => s.what === "list configmaps");
    assert.ok(record, `the record was read: ${JSON.stringify(sent)}`);
    assert.equal(lists.length, 1, `one LIST, not made again by the plan: ${JSON.stringify(sent)}`);
    assert.ok(lists[0]!.at - record.at < HELD_MS, `listed ${lists[0]!.at - record.at} ms after the record's read began, which the proxy holds ${HELD_MS} ms`);
    const live = await cluster.config.kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace, name: "many-19" });
    assert.equal((live as { data?: { value?: string } } | undefined)?.data?.value, "b");
  });
});
