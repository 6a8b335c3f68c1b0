import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KubeClient } from "../../src/kube/client.js";
import { sendJson, startFakeServer } from "./fake-server.js";

const aggregated = (group: string, version: string, resources: Array<{ resource: string; kind: string; scope: string }>) => ({
  kind: "APIGroupDiscoveryList",
  items: [{ metadata: { name: group }, versions: [{ version, resources: resources.map((r) => ({ resource: r.resource, scope: r.scope, responseKind: { group, version, kind: r.kind } })) }] }],
});

function apiServer() {
  return startFakeServer((req, res, body) => {
    if (req.url === "/api") return sendJson(res, 200, aggregated("", "v1", [{ resource: "pods", kind: "Pod", scope: "Namespaced" }, { resource: "events", kind: "Event", scope: "Namespaced" }]));
    if (req.url === "/apis") return sendJson(res, 200, aggregated("apps", "v1", [{ resource: "deployments", kind: "Deployment", scope: "Namespaced" }]));
    if (req.url?.includes("/log")) return res.end("line 1\nline 2\n");
    sendJson(res, 200, body ? JSON.parse(body) : { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" } });
  });
}

describe("KubeClient requests", () => {
  it("GIVEN an object with fields no model knows WHEN applied with force and dry run THEN it goes out verbatim as an apply patch", async () => {
    const fake = await apiServer();
    try {
      const client = new KubeClient(fake.transport, { defaultNamespace: "team" });
      const object = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 2, brandNewField: { a: [1, null] } } };
      const before = structuredClone(object);
      await client.apply(object, { force: true, dryRun: true });
      const sent = fake.requests.at(-1);
      assert.equal(sent?.method, "PATCH");
      assert.equal(sent?.url, "/apis/apps/v1/namespaces/team/deployments/web?fieldManager=berth&fieldValidation=Strict&force=true&dryRun=All");
      assert.equal(sent?.headers["content-type"], "application/apply-patch+yaml");
      assert.deepEqual(JSON.parse(sent?.body ?? ""), before);
      assert.deepEqual(object, before);
    } finally {
      await fake.close();
    }
  });

  it("GIVEN an apply that needs only metadata WHEN the server sends PartialObjectMetadata, or ignores the ask THEN the result has the object's kind and the server's metadata", async () => {
    const fake = await startFakeServer((req, res, body) => {
      if (req.url === "/api") return sendJson(res, 200, aggregated("", "v1", [{ resource: "configmaps", kind: "ConfigMap", scope: "Namespaced" }]));
      if (req.url === "/apis") return sendJson(res, 200, { kind: "APIGroupDiscoveryList", items: [] });
      const sent = JSON.parse(body) as { metadata: Record<string, unknown> };
      const metadata = { ...sent.metadata, uid: "u-1", resourceVersion: "42" };
      if (req.headers.accept?.startsWith("application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1") && sent.metadata["name"] === "meta") {
        return sendJson(res, 200, { apiVersion: "meta.k8s.io/v1", kind: "PartialObjectMetadata", metadata });
      }
      sendJson(res, 200, { ...sent, metadata });
    });
    try {
      const client = new KubeClient(fake.transport, { defaultNamespace: "team" });
      const object = (name: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "team" }, data: { a: "1" } });
      const metadataOnly = await client.apply(object("meta"), { metadataOnly: true });
      assert.match(fake.requests.at(-1)?.headers.accept ?? "", /^application\/json;as=PartialObjectMetadata;g=meta\.k8s\.io;v=v1,application\/json$/);
      assert.deepEqual(metadataOnly, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "meta", namespace: "team", uid: "u-1", resourceVersion: "42" } });
      const whole = await client.apply(object("whole"), { metadataOnly: true });
      assert.deepEqual(whole, { ...object("whole"), metadata: { name: "whole", namespace: "team", uid: "u-1", resourceVersion: "42" } });
      await client.apply(object("plain"));
      assert.equal(fake.requests.at(-1)?.headers.accept, "application/json");
    } finally {
      await fake.close();
    }
  });

  it("GIVEN a delete with a precondition WHEN sent THEN DeleteOptions carry propagation (Background by default), precondition and dry run", async () => {
    const fake = await apiServer();
    try {
      const client = new KubeClient(fake.transport);
      await client.delete({ apiVersion: "apps/v1", kind: "Deployment", namespace: "a", name: "web" }, { resourceVersion: "7", dryRun: true });
      const sent = fake.requests.at(-1);
      assert.equal(sent?.method, "DELETE");
      assert.deepEqual(JSON.parse(sent?.body ?? ""), { apiVersion: "v1", kind: "DeleteOptions", propagationPolicy: "Background", dryRun: ["All"], preconditions: { resourceVersion: "7" } });
    } finally {
      await fake.close();
    }
  });

  it("GIVEN a Pod WHEN reading its logs THEN the log path carries container and tailLines and the text comes back", async () => {
    const fake = await apiServer();
    try {
      const client = new KubeClient(fake.transport);
      assert.equal(await client.podLogs("a", "web-1", { container: "app", tailLines: 20 }), "line 1\nline 2\n");
      assert.equal(fake.requests.at(-1)?.url, "/api/v1/namespaces/a/pods/web-1/log?container=app&tailLines=20");
    } finally {
      await fake.close();
    }
  });
});
