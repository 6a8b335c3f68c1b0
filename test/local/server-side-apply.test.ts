// GIVEN the local control plane THEN server-side apply and dry runs behave as on a real cluster.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { CoreV1Api, KubernetesObjectApi, PatchStrategy, type V1ConfigMap } from "@kubernetes/client-node";
import { useTestNamespace, testKubeConfig } from "../helpers/cluster.js";

const kc = testKubeConfig();
const objects = KubernetesObjectApi.makeApiClient(kc);
const core = kc.makeApiClient(CoreV1Api);

function configMap(ns: string, data: Record<string, string>): V1ConfigMap {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: ns }, data };
}

describe("server-side apply on the local control plane", () => {
  const namespace = useTestNamespace("ssa");

  it("GIVEN a ConfigMap applied twice with a field manager THEN managedFields names that manager", async () => {
    await objects.patch(configMap(namespace.name, { a: "1" }), undefined, undefined, "berth-test", true, PatchStrategy.ServerSideApply);
    const second = await objects.patch(configMap(namespace.name, { a: "2" }), undefined, undefined, "berth-test", true, PatchStrategy.ServerSideApply);
    const live = await core.readNamespacedConfigMap({ name: "settings", namespace: namespace.name });
    assert.equal(live.data?.["a"], "2");
    assert.ok(second.metadata?.managedFields?.some((f) => f.manager === "berth-test" && f.operation === "Apply"));
    assert.ok(live.metadata?.managedFields?.some((f) => f.manager === "berth-test" && f.operation === "Apply"));
  });

  it("GIVEN an existing ConfigMap WHEN a changed version is applied with dryRun=All THEN the answer shows the change and the cluster keeps the old data", async () => {
    const before = await core.readNamespacedConfigMap({ name: "settings", namespace: namespace.name });
    const dry = await objects.patch(configMap(namespace.name, { a: "3", b: "new" }), undefined, "All", "berth-test", true, PatchStrategy.ServerSideApply);
    assert.equal(dry.data?.["a"], "3");
    assert.equal(dry.data?.["b"], "new");
    const after = await core.readNamespacedConfigMap({ name: "settings", namespace: namespace.name });
    assert.deepEqual(after.data, before.data);
    assert.equal(after.metadata?.resourceVersion, before.metadata?.resourceVersion);
  });
});
