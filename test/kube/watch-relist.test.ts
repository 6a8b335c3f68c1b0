import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { KubeClient } from "../../src/kube/client.js";
import { sendJson, startFakeServer } from "./fake-server.js";

const cm = (name: string, rv: string) => ({ metadata: { name, namespace: "a", resourceVersion: rv } });
const discovery = { kind: "APIGroupDiscoveryList", items: [{ metadata: {}, versions: [{ version: "v1", resources: [{ resource: "configmaps", scope: "Namespaced", responseKind: { kind: "ConfigMap" } }] }] }] };

describe("watch expiry and re-list (fake server)", () => {
  it("GIVEN a 410 Gone and then an ERROR event WHEN watching THEN it re-lists each time and reports the differences", async () => {
    const lists = [
      { metadata: { resourceVersion: "100" }, items: [cm("a", "5"), cm("b", "6")] },
      { metadata: { resourceVersion: "101" }, items: [cm("a", "7")] },
    ];
    const fake = await startFakeServer((req, res) => {
      const url = new URL(req.url ?? "", "http://x");
      if (url.pathname === "/api") return sendJson(res, 200, discovery);
      if (url.pathname === "/apis") return sendJson(res, 200, { kind: "APIGroupDiscoveryList", items: [] });
      if (url.searchParams.get("watch") !== "1") return sendJson(res, 200, lists.shift());
      const rv = url.searchParams.get("resourceVersion");
      if (rv === "3") return sendJson(res, 410, { kind: "Status", code: 410, reason: "Expired" });
      res.writeHead(200, { "Content-Type": "application/json" });
      if (rv === "100") return res.end(JSON.stringify({ type: "ERROR", object: { kind: "Status", code: 410, reason: "Expired" } }) + "\n");
      const added = JSON.stringify({ type: "ADDED", object: { apiVersion: "v1", kind: "ConfigMap", ...cm("c", "102") } }) + "\n";
      res.write(added.slice(0, 20));
      setTimeout(() => res.write(added.slice(20)), 20); // one event in two chunks; the stream stays open
    });
    try {
      const client = new KubeClient(fake.transport);
      const controller = new AbortController();
      const seen: string[] = [];
      for await (const event of client.watch("v1", "ConfigMap", { namespace: "a", resourceVersion: "3", signal: controller.signal })) {
        assert.equal(event.object.kind, "ConfigMap");
        seen.push(`${event.type} ${event.object.metadata.name}`);
        if (event.object.metadata.name === "c") controller.abort();
      }
      assert.deepEqual(seen, ["ADDED a", "ADDED b", "MODIFIED a", "DELETED b", "ADDED c"]);
    } finally {
      await fake.close();
    }
  });
});
