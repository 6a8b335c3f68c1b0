import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UnknownKind } from "../../src/kube/errors.js";
import { useKubeClient } from "./helpers.js";

describe("discovery on a real API server", () => {
  const client = useKubeClient();

  it("GIVEN core and group kinds WHEN resolved THEN namespaced and cluster-scoped kinds are told apart", async () => {
    assert.deepEqual(await client.resource("apps/v1", "Deployment"), { apiVersion: "apps/v1", kind: "Deployment", resource: "deployments", namespaced: true });
    assert.deepEqual(await client.resource("v1", "Namespace"), { apiVersion: "v1", kind: "Namespace", resource: "namespaces", namespaced: false });
    assert.equal(await client.isNamespaced("rbac.authorization.k8s.io/v1", "ClusterRole"), false);
    assert.equal(await client.isNamespaced("v1", "ConfigMap"), true);
  });

  it("GIVEN served groups WHEN asking the preferred version THEN it is the group's preferred one", async () => {
    assert.equal(await client.preferredVersion(""), "v1");
    assert.equal(await client.preferredVersion("apps"), "apps/v1");
    assert.equal(await client.preferredVersion("no.such.group"), undefined);
  });

  it("GIVEN the server WHEN asking its version and apiVersions THEN both are reported", async () => {
    const version = await client.serverVersion();
    assert.equal(version.major, "1");
    assert.match(version.gitVersion, /^v1\.\d+\.\d+/);
    const apiVersions = await client.apiVersions();
    for (const v of ["v1", "apps/v1", "batch/v1", "apiextensions.k8s.io/v1"]) assert.ok(apiVersions.includes(v), v);
  });

  it("GIVEN a kind the cluster does not serve WHEN resolved THEN UnknownKind names it", async () => {
    await assert.rejects(client.resource("apps/v1", "Deploymint"), (e) => e instanceof UnknownKind && e.code === "UnknownKind" && e.kind === "Deploymint" && e.apiVersion === "apps/v1");
    await assert.rejects(client.get({ apiVersion: "nope.example.com/v1", kind: "Thing", name: "x" }), (e) => e instanceof UnknownKind);
  });

  it("GIVEN discovery is cached WHEN resolving again THEN no discovery request is sent", async () => {
    await client.resource("v1", "Pod");
    const paths: string[] = [];
    const stop = client.transport.observe((r) => paths.push(r.path));
    await client.resource("apps/v1", "StatefulSet");
    await client.isNamespaced("v1", "Service");
    stop();
    assert.deepEqual(paths, []);
  });
});
