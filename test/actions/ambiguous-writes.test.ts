// GIVEN the fault proxy resetting a connection after the API server acted on a record write (item 4 of
// issue 11) WHEN deploying THEN berth reads back and reconciles: the lock create that met its own record
// proceeds, the PUT marking a revision deployed that met its own write counts as done, the supersede of
// the previous revision lands too — never ReleaseLocked by itself, never two deployed revisions.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, type Cluster } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";
import { startFaultProxy, type FaultProxy } from "../helpers/fault-proxy.js";
import { appChart } from "./fixtures/app-chart.js";

const ns = useTestNamespace("ambig");
const recordPath = (release: string, revision: number) => new RegExp(`/secrets/sh\\.helm\\.release\\.v1\\.${release}\\.v${revision}$`);

describe("ambiguous record writes", () => {
  let proxy: FaultProxy;
  let cluster: Cluster;
  before(async () => {
    proxy = await startFaultProxy(testKubeconfigPath());
    cluster = await connect({ kubeconfig: proxy.kubeconfig, namespace: ns.name, identity: "ambiguous-writer" });
  });
  after(async () => {
    cluster.close();
    await proxy.close();
  });

  it("GIVEN the lock record's create is reset after the server created it WHEN installing THEN the record is recognised as ours and the install completes", async () => {
    proxy.reset();
    proxy.addRule({ verb: "create", path: /\/secrets$/, fault: { kind: "reset-after" }, times: 1 });
    const result = await cluster.deploy(appChart, { release: "lockme" });
    assert.equal(proxy.counts.faults["reset-after"], 1, "the fault was injected");
    assert.equal(result.status, "deployed");
    assert.equal(result.revision, 1);
    assert.deepEqual((await cluster.history("lockme")).map((h) => [h.revision, h.status]), [[1, "deployed"]]);
  });

  it("GIVEN the PUTs marking revision 2 deployed and revision 1 superseded are reset after landing WHEN upgrading THEN deployed, and exactly one deployed revision", async () => {
    proxy.reset();
    await cluster.deploy(appChart, { release: "markme" });
    proxy.addRule({ verb: "update", path: recordPath("markme", 2), fault: { kind: "reset-after" }, times: 1 });
    proxy.addRule({ verb: "update", path: recordPath("markme", 1), fault: { kind: "reset-after" }, times: 1 });
    const result = await cluster.deploy(appChart, { release: "markme", values: { data: "b" } });
    assert.equal(proxy.counts.faults["reset-after"], 2, "both faults were injected");
    assert.equal(result.status, "deployed");
    assert.equal(result.revision, 2);
    assert.deepEqual((await cluster.history("markme")).map((h) => [h.revision, h.status]), [[1, "superseded"], [2, "deployed"]]);
  });

  it("GIVEN a release left with two deployed revisions (a supersede that never landed) WHEN the next operation takes the lock THEN only the newest stays deployed", async () => {
    proxy.reset();
    await cluster.deploy(appChart, { release: "double" });
    await cluster.deploy(appChart, { release: "double", values: { data: "b" } });
    const store = cluster.config.storeFor(ns.name);
    const first = await store.get("double", 1);
    await store.update({ ...first.release, status: "deployed" }, first.version);
    await cluster.deploy(appChart, { release: "double", values: { data: "c" } });
    assert.deepEqual((await cluster.history("double")).map((h) => [h.revision, h.status]), [[1, "superseded"], [2, "superseded"], [3, "deployed"]]);
  });
});
