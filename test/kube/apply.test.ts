import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KubeApiError } from "../../src/kube/errors.js";
import { connectKube } from "../../src/kube/connect.js";
import { testKubeconfigPath, uniqueName, useTestNamespace } from "../helpers/cluster.js";
import { configMap, deployment, useKubeClient } from "./helpers.js";

describe("server-side apply", () => {
  const ns = useTestNamespace("kapply");
  const client = useKubeClient();

  it("GIVEN a new object WHEN applied twice with changes THEN it is created then updated, berth owns its fields, and the input is untouched", async () => {
    const first = configMap(ns.name, "cfg", { a: "1" });
    const before = structuredClone(first);
    const created = await client.apply(first);
    assert.deepEqual(first, before);
    assert.equal((created["data"] as Record<string, string>)["a"], "1");
    const updated = await client.apply(configMap(ns.name, "cfg", { a: "2", b: "3" }));
    assert.deepEqual(updated["data"], { a: "2", b: "3" });
    const managers = (updated.metadata["managedFields"] as Array<{ manager: string; operation: string }>).map((m) => `${m.manager}/${m.operation}`);
    assert.ok(managers.includes("berth/Apply"), managers.join(","));
  });

  it("GIVEN a Deployment with a typo field WHEN applied THEN the server rejects it (strict validation) naming the field", async () => {
    const typo = deployment(ns.name, "typo", { replicaz: 3 });
    const sent: string[] = [];
    const stop = client.transport.observe((r) => sent.push(r.path));
    await assert.rejects(client.apply(typo), (e) => e instanceof KubeApiError && e.reason === "Invalid" && e.message.includes("spec.replicaz"));
    // A verdict, not a hiccup: sent once, not retried.
    assert.equal(sent.filter((p) => p.includes("/deployments/typo")).length, 1);
    stop();
    assert.equal(await client.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: ns.name, name: "typo" }), undefined);
  });

  it("GIVEN dry run WHEN applying a new and a changed object THEN nothing changes in the cluster", async () => {
    const dry = await client.apply(configMap(ns.name, "dry-new", { x: "1" }), { dryRun: true });
    assert.equal(dry.metadata.name, "dry-new");
    assert.equal(await client.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns.name, name: "dry-new" }), undefined);
    await client.apply(configMap(ns.name, "dry-old", { x: "1" }));
    const preview = await client.apply(configMap(ns.name, "dry-old", { x: "2" }), { dryRun: true });
    assert.equal((preview["data"] as Record<string, string>)["x"], "2");
    const live = await client.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns.name, name: "dry-old" });
    assert.equal((live?.["data"] as Record<string, string>)["x"], "1");
  });

  it("GIVEN applies that need only metadata WHEN sent (dry run and real) THEN the server sends metadata only: the object's kind, name, uid and resourceVersion, no data", async () => {
    const dry = await client.apply(configMap(ns.name, "meta-only", { x: "1" }), { dryRun: true, metadataOnly: true });
    assert.deepEqual([dry.apiVersion, dry.kind, dry.metadata.name, dry["data"]], ["v1", "ConfigMap", "meta-only", undefined]);
    assert.equal(await client.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns.name, name: "meta-only" }), undefined);
    const applied = await client.apply(configMap(ns.name, "meta-only", { x: "1" }), { metadataOnly: true });
    assert.deepEqual([applied.apiVersion, applied.kind, applied["data"]], ["v1", "ConfigMap", undefined]);
    const live = await client.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns.name, name: "meta-only" });
    assert.equal(applied.metadata["resourceVersion"], live?.metadata["resourceVersion"]);
    assert.equal(applied.metadata["uid"], live?.metadata["uid"]);
    assert.deepEqual(live?.["data"], { x: "1" });
  });

  it("GIVEN a field owned by another manager WHEN applied without force THEN 409 Conflict; with force THEN berth takes it", async () => {
    await client.apply(configMap(ns.name, "shared", { key: "theirs" }), { fieldManager: "other-tool" });
    const ours = configMap(ns.name, "shared", { key: "ours" });
    await assert.rejects(client.apply(ours), (e) => e instanceof KubeApiError && e.status === 409 && e.reason === "Conflict");
    const forced = await client.apply(ours, { force: true });
    assert.equal((forced["data"] as Record<string, string>)["key"], "ours");
  });

  it("GIVEN a namespaced object without a namespace WHEN applied THEN it lands in the context's namespace", async () => {
    const { namespace } = connectKube({ kubeconfigPath: testKubeconfigPath() });
    const object = configMap("", uniqueName("defaulted"), { a: "1" });
    delete object.metadata.namespace;
    const created = await client.apply(object);
    assert.equal(created.metadata.namespace, namespace);
    assert.equal(await client.delete({ apiVersion: "v1", kind: "ConfigMap", namespace, name: object.metadata.name }), true);
  });
});
