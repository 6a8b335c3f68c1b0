// GIVEN a release's desired objects the previous revision did not record WHEN planned THEN their dry
// runs go out while the live objects are still being listed (they are dry-run whatever is live), 16 at
// a time until the LIST returns; an object found live after all is dry-run again in full, so its diff
// is the real one.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { useClusterFixture, type ClusterFixture } from "../helpers/cluster-fixture.js";
import { configMapsChart } from "../helpers/configmaps-chart.js";

let suite: ClusterFixture;
useClusterFixture("early-dry", (f) => (suite = f), { faultProxy: true });
const HELD_MS = 1500;
const chart = configMapsChart("early", "new");

describe("dry runs sent before the live objects are read", () => {
  it("GIVEN the LIST of ConfigMaps held 1.5 s WHEN a new release is planned THEN dry runs go out before it returns, one per object; one object already live is dry-run again in full and diffs as the change it is", async () => {
    const { cluster, ns: namespace } = suite;
    const proxy = suite.proxy!;
    await cluster.config.kube.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "early-0", namespace }, data: { value: "old" } });
    proxy.addRule({ verb: "list", path: new RegExp(`/namespaces/${namespace}/configmaps$`), fault: { kind: "latency", ms: HELD_MS }, times: 1 });
    const sent: Array<{ what: string; name?: string; at: number }> = [];
    const stop = cluster.config.transport!.observe(({ method, path }) => {
      if (method === "GET" && /\/configmaps\?(?!.*labelSelector)/.test(path)) sent.push({ what: "list", at: Date.now() });
      const dry = /\/configmaps\/([^/?]+)\?.*dryRun=All/.exec(path);
      if (method === "PATCH" && dry) sent.push({ what: "dry-run", name: dry[1]!, at: Date.now() });
    });
    let plan;
    try {
      plan = await cluster.plan(chart, { release: "early" }, { adopt: true });
    } finally {
      stop();
    }
    const list = sent.find((s) => s.what === "list");
    assert.ok(list, JSON.stringify(sent));
    const dryRuns = sent.filter((s) => s.what === "dry-run");
    assert.ok(dryRuns[0]!.at - list.at < HELD_MS, `first dry run ${dryRuns[0]!.at - list.at} ms after the LIST was sent, which the proxy holds ${HELD_MS} ms`);
    // 16 at a time, the next as one finishes: all 20 go out while the LIST is held
    const whileHeld = new Set(dryRuns.filter((d) => d.at - list.at < HELD_MS - 200).map((d) => d.name));
    assert.equal(whileHeld.size, 20, `${whileHeld.size} objects dry-run while the LIST was held`);
    const perName = new Map<string, number>();
    for (const d of dryRuns) perName.set(d.name!, (perName.get(d.name!) ?? 0) + 1);
    assert.equal(perName.size, 20);
    assert.deepEqual([...perName].filter(([, n]) => n > 1).map(([name]) => name), ["early-0"], "only the object found live is dry-run again");
    const live = plan.actions.find((a) => a.ref.name === "early-0")!;
    assert.equal(live.op, "update");
    assert.ok(live.diff.some((d) => d.path === "data.value"), JSON.stringify(live.diff));
    assert.ok(live.diff.every((d) => !d.path.startsWith("metadata.uid")), JSON.stringify(live.diff));
    assert.deepEqual(plan.summary, { create: 19, update: 1, replace: 0, delete: 0, keep: 0, noop: 0 });
    assert.deepEqual(plan.problems, []);
  });
});
