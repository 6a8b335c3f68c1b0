import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KubeClient } from "../../src/kube/client.js";
import { UnknownKind } from "../../src/kube/errors.js";
import { sendJson, startFakeServer } from "./fake-server.js";

// A server without aggregated discovery: /api, /apis and one APIResourceList per group/version.
function legacyServer(widgetsServed: () => boolean) {
  return startFakeServer((req, res) => {
    const url = req.url ?? "";
    if (url === "/api") return sendJson(res, 200, { kind: "APIVersions", versions: ["v1"] });
    if (url === "/apis") {
      const groups = [{ name: "apps", versions: [{ groupVersion: "apps/v1" }], preferredVersion: { groupVersion: "apps/v1" } }];
      if (widgetsServed()) groups.push({ name: "example.com", versions: [{ groupVersion: "example.com/v2" }, { groupVersion: "example.com/v1" }], preferredVersion: { groupVersion: "example.com/v2" } });
      return sendJson(res, 200, { kind: "APIGroupList", groups });
    }
    if (url === "/api/v1") return sendJson(res, 200, { kind: "APIResourceList", resources: [{ name: "namespaces", kind: "Namespace", namespaced: false }, { name: "pods", kind: "Pod", namespaced: true }, { name: "pods/log", kind: "Pod", namespaced: true }] });
    if (url === "/apis/apps/v1") return sendJson(res, 200, { kind: "APIResourceList", resources: [{ name: "deployments", kind: "Deployment", namespaced: true }] });
    if (url === "/apis/example.com/v2") return sendJson(res, 200, { kind: "APIResourceList", resources: [{ name: "widgets", kind: "Widget", namespaced: true }] });
    sendJson(res, 404, { kind: "Status", reason: "NotFound", code: 404 });
  });
}

describe("discovery without aggregated discovery", () => {
  it("GIVEN legacy discovery lists WHEN resolving kinds THEN scope, resource names and preferred versions come from them", async () => {
    const fake = await legacyServer(() => true);
    try {
      const client = new KubeClient(fake.transport);
      assert.deepEqual(await client.resource("v1", "Pod"), { apiVersion: "v1", kind: "Pod", resource: "pods", namespaced: true });
      assert.equal(await client.isNamespaced("v1", "Namespace"), false);
      assert.equal(await client.preferredVersion("example.com"), "example.com/v2");
      assert.deepEqual(await client.apiVersions(), ["v1", "apps/v1", "example.com/v2", "example.com/v1"]);
      assert.ok(String(fake.requests[0]?.headers["accept"]).includes("as=APIGroupDiscoveryList"));
    } finally {
      await fake.close();
    }
  });

  it("GIVEN a kind missing from the cache WHEN it appears on the server THEN one refresh finds it; a still-missing kind is UnknownKind", async () => {
    let served = false;
    const fake = await legacyServer(() => served);
    try {
      const client = new KubeClient(fake.transport);
      await assert.rejects(client.resource("example.com/v2", "Widget"), (e) => e instanceof UnknownKind && e.code === "UnknownKind");
      served = true;
      const before = fake.requests.length;
      assert.equal((await client.resource("example.com/v2", "Widget")).resource, "widgets");
      assert.deepEqual(fake.requests.slice(before).map((r) => r.url).sort(), ["/api", "/apis", "/apis/example.com/v2"]);
    } finally {
      await fake.close();
    }
  });

  it("GIVEN a fresh client WHEN reading core v1 kinds (release records) THEN no discovery request comes first", async () => {
    const fake = await legacyServer(() => false);
    try {
      const client = new KubeClient(fake.transport);
      assert.deepEqual(await client.resource("v1", "Secret"), { apiVersion: "v1", kind: "Secret", resource: "secrets", namespaced: true });
      assert.equal(await client.isNamespaced("v1", "Namespace"), false);
      await assert.rejects(client.list("v1", "ConfigMap", { namespace: "x", labelSelector: "owner=helm" }), (e: { status?: number }) => e.status === 404);
      assert.deepEqual(fake.requests.map((r) => r.url), ["/api/v1/namespaces/x/configmaps?labelSelector=owner%3Dhelm&limit=500"]);
    } finally {
      await fake.close();
    }
  });

  it("GIVEN a 500 answering a write WHEN sent THEN it is not retried", async () => {
    const fake = await startFakeServer((_req, res) => sendJson(res, 500, { kind: "Status", code: 500, message: "failed to create typed patch object: .spec.x: field not declared in schema" }));
    try {
      await assert.rejects(fake.transport.request({ method: "PATCH", path: "/apis/apps/v1/namespaces/a/deployments/b", body: "{}" }), (e: { reason?: string; status?: number }) => e.status === 500 && e.reason === "Invalid");
      assert.equal(fake.requests.length, 1);
    } finally {
      await fake.close();
    }
  });
});
