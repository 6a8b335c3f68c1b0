import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Aborted, KubeApiError, WaitTimeout } from "../../src/kube/errors.js";
import type { ObjectRef } from "../../src/model/ref.js";
import { useTestNamespace } from "../helpers/cluster.js";
import { configMap, useKubeClient } from "./helpers.js";

describe("get, list, create, update, delete, waitGone", () => {
  const ns = useTestNamespace("kobj");
  const client = useKubeClient();
  const ref = (name: string): ObjectRef => ({ apiVersion: "v1", kind: "ConfigMap", namespace: ns.name, name });

  it("GIVEN no such object WHEN get THEN undefined; delete THEN false", async () => {
    assert.equal(await client.get(ref("missing")), undefined);
    assert.equal(await client.delete(ref("missing")), false);
  });

  it("GIVEN an existing object WHEN created again THEN KubeApiError AlreadyExists (409)", async () => {
    await client.create(configMap(ns.name, "once", { a: "1" }));
    await assert.rejects(client.create(configMap(ns.name, "once", { a: "2" })), (e) => e instanceof KubeApiError && e.status === 409 && e.reason === "AlreadyExists");
  });

  it("GIVEN a stale resourceVersion WHEN updating THEN KubeApiError Conflict (409)", async () => {
    const created = await client.create(configMap(ns.name, "versioned", { a: "1" }));
    const fresh = await client.update({ ...created, data: { a: "2" } });
    assert.notEqual(fresh.metadata["resourceVersion"], created.metadata["resourceVersion"]);
    await assert.rejects(client.update({ ...created, data: { a: "3" } }), (e) => e instanceof KubeApiError && e.status === 409 && e.reason === "Conflict");
  });

  it("GIVEN labelled objects WHEN listed by selector THEN items carry apiVersion/kind and the list has a resourceVersion", async () => {
    await client.create(configMap(ns.name, "l1", {}, { group: "g1" }));
    await client.create(configMap(ns.name, "l2", {}, { group: "g1" }));
    await client.create(configMap(ns.name, "l3", {}, { group: "g2" }));
    const result = await client.list("v1", "ConfigMap", { namespace: ns.name, labelSelector: "group=g1" });
    assert.deepEqual(result.items.map((o) => `${o.apiVersion}/${o.kind}/${o.metadata.name}`).sort(), ["v1/ConfigMap/l1", "v1/ConfigMap/l2"]);
    assert.ok(result.resourceVersion.length > 0);
    const byField = await client.list("v1", "ConfigMap", { namespace: ns.name, fieldSelector: "metadata.name=l3" });
    assert.deepEqual(byField.items.map((o) => o.metadata.name), ["l3"]);
    const everywhere = await client.list("v1", "ConfigMap", { labelSelector: "group=g2" });
    assert.ok(everywhere.items.some((o) => o.metadata.namespace === ns.name && o.metadata.name === "l3"));
  });

  it("GIVEN a precondition on an old resourceVersion WHEN deleting THEN Conflict; with the current one THEN deleted", async () => {
    const created = await client.create(configMap(ns.name, "guarded", { a: "1" }));
    const current = await client.update({ ...created, data: { a: "2" } });
    await assert.rejects(client.delete(ref("guarded"), { resourceVersion: String(created.metadata["resourceVersion"]) }), (e) => e instanceof KubeApiError && e.status === 409 && e.reason === "Conflict");
    assert.equal(await client.delete(ref("guarded"), { resourceVersion: String(current.metadata["resourceVersion"]) }), true);
    assert.equal(await client.get(ref("guarded")), undefined);
  });

  it("GIVEN a dry-run delete WHEN deleting THEN the object stays", async () => {
    await client.create(configMap(ns.name, "kept", {}));
    assert.equal(await client.delete(ref("kept"), { dryRun: true }), true);
    assert.ok(await client.get(ref("kept")));
  });

  it("GIVEN an object held by a finalizer WHEN waiting for it to go THEN waitGone resolves once the finalizer is removed", async () => {
    const held = configMap(ns.name, "held", {});
    held.metadata["finalizers"] = ["berth.test/hold"];
    await client.create(held);
    await client.delete(ref("held"));
    const gone = client.waitGone(ref("held"), { timeoutMs: 20_000 });
    await new Promise((r) => setTimeout(r, 300));
    const live = await client.get(ref("held"));
    assert.ok(live, "still there while the finalizer holds it");
    await client.update({ ...live, metadata: { ...live.metadata, finalizers: [] } });
    await gone;
    assert.equal(await client.get(ref("held")), undefined);
  });

  it("GIVEN an object that stays WHEN waitGone times out or is aborted THEN WaitTimeout or Aborted", async () => {
    await client.create(configMap(ns.name, "stays", {}));
    await assert.rejects(client.waitGone(ref("stays"), { timeoutMs: 300 }), (e) => e instanceof WaitTimeout && e.code === "WaitTimeout");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    await assert.rejects(client.waitGone(ref("stays"), { signal: controller.signal }), (e) => e instanceof Aborted && e.code === "Aborted");
  });

  it("GIVEN an object that does not exist WHEN waitGone THEN it resolves at once", async () => {
    await client.waitGone(ref("never-was"), { timeoutMs: 2000 });
  });

  it("GIVEN an Event about an object WHEN asking its events THEN it is returned", async () => {
    const cm = await client.create(configMap(ns.name, "noisy", {}));
    await client.create({
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "noisy.1", namespace: ns.name },
      involvedObject: { apiVersion: "v1", kind: "ConfigMap", name: "noisy", namespace: ns.name, uid: cm.metadata["uid"] },
      reason: "Tested",
      message: "hello",
      type: "Normal",
    });
    const events = await client.events(ref("noisy"));
    assert.deepEqual(events.map((e) => e["reason"]), ["Tested"]);
    const byUid = await client.events(ref("noisy"), { uid: String(cm.metadata["uid"]) });
    assert.equal(byUid.length, 1);
  });
});
