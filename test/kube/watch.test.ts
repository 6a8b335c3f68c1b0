import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { WatchEvent } from "../../src/kube/types.js";
import { useTestNamespace } from "../helpers/cluster.js";
import { configMap, useKubeClient } from "./helpers.js";

describe("watch", () => {
  const ns = useTestNamespace("kwatch");
  const client = useKubeClient();

  it("GIVEN a watch on a namespace WHEN an object is created, changed and deleted THEN ADDED, MODIFIED, DELETED arrive in order", async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const done = (async () => {
      for await (const event of client.watch("v1", "ConfigMap", { namespace: ns.name, labelSelector: "watched=yes", signal: controller.signal })) {
        if (event.type === "BOOKMARK") continue;
        assert.equal(event.object.kind, "ConfigMap");
        seen.push(`${event.type} ${event.object.metadata.name}`);
        if (event.type === "DELETED") return;
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    await client.apply(configMap(ns.name, "w", { a: "1" }, { watched: "yes" }));
    await client.apply(configMap(ns.name, "w", { a: "2" }, { watched: "yes" }));
    await client.delete({ apiVersion: "v1", kind: "ConfigMap", namespace: ns.name, name: "w" });
    const timer = setTimeout(() => controller.abort(), 15_000);
    await done;
    clearTimeout(timer);
    assert.deepEqual(seen, ["ADDED w", "MODIFIED w", "DELETED w"]);
  });

  it("GIVEN existing objects WHEN watching without a resourceVersion THEN they arrive as ADDED first", async () => {
    await client.apply(configMap(ns.name, "pre", {}, { pre: "yes" }));
    const controller = new AbortController();
    const events: WatchEvent[] = [];
    for await (const event of client.watch("v1", "ConfigMap", { namespace: ns.name, labelSelector: "pre=yes", signal: controller.signal })) {
      events.push(event);
      break;
    }
    assert.equal(events[0]?.type, "ADDED");
    assert.equal(events[0]?.object.metadata.name, "pre");
  });

  it("GIVEN an early resourceVersion WHEN watching THEN existing objects are reported as ADDED", async () => {
    await client.apply(configMap(ns.name, "old", {}, { old: "yes" }));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 15_000);
    let first: WatchEvent | undefined;
    const sent: string[] = [];
    const stop = client.transport.observe((r) => sent.push(r.path));
    for await (const event of client.watch("v1", "ConfigMap", { namespace: ns.name, labelSelector: "old=yes", resourceVersion: "1", signal: controller.signal })) {
      first = event;
      break;
    }
    clearTimeout(timer);
    stop();
    assert.equal(first?.type, "ADDED");
    assert.equal(first?.object.metadata.name, "old");
    assert.ok(sent[0]?.includes("watch=1") && sent[0].includes("resourceVersion=1&"), sent[0]);
  });

  it("GIVEN a quiet watch WHEN the signal aborts THEN the iteration ends without error", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const t0 = Date.now();
    for await (const event of client.watch("v1", "ConfigMap", { namespace: ns.name, labelSelector: "nothing=here", signal: controller.signal })) {
      assert.fail(`unexpected ${event.type}`);
    }
    assert.ok(Date.now() - t0 < 5000);
  });
});
