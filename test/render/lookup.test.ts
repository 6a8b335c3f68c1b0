import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { LookupRounds, type ClusterReader } from "../../src/render/lookup.js";
import type { KubeObject } from "../../src/model/object.js";

function fakeReader(objects: KubeObject[], calls: string[]): ClusterReader {
  return {
    async get(ref) {
      calls.push(`get ${ref.kind} ${ref.namespace ?? ""}/${ref.name}`);
      return objects.find((o) => o.kind === ref.kind && o.metadata.name === ref.name && o.metadata.namespace === ref.namespace);
    },
    async list(apiVersion, kind, options) {
      calls.push(`list ${kind} ${options?.namespace ?? "*"}`);
      return { items: objects.filter((o) => o.kind === kind && (!options?.namespace || o.metadata.namespace === options.namespace)), resourceVersion: "7" };
    },
    async isNamespaced(apiVersion, kind) {
      if (kind === "Widget") throw new Error("not served");
      return kind !== "Namespace";
    },
  };
}

const secret: KubeObject = { apiVersion: "v1", kind: "Secret", metadata: { name: "db", namespace: "ns" }, data: { size: 3, ratio: 0.5 } } as KubeObject;

describe("lookup rounds", () => {
  it("GIVEN a first round WHEN a template looks something up THEN it gets an empty map and the miss is read before the next round", async () => {
    const calls: string[] = [];
    const rounds = new LookupRounds(fakeReader([secret], calls));
    assert.deepEqual(rounds.lookup("v1", "Secret", "ns", "db"), {});
    assert.equal(rounds.missed, true);
    await rounds.read();
    assert.equal(rounds.missed, false);
    const found = rounds.lookup("v1", "Secret", "ns", "db") as { data: Record<string, unknown> };
    assert.deepEqual(found.data, { size: 3n, ratio: 0.5 }); // Go's unstructured JSON: integers are int64
    assert.equal(rounds.missed, false);
    assert.deepEqual(calls, ["get Secret ns/db"]);
  });

  it("GIVEN an empty name, a cluster-scoped kind with a namespace, a missing object and an unknown kind WHEN read THEN a List, a cluster-wide get, and empty maps", async () => {
    const calls: string[] = [];
    const rounds = new LookupRounds(fakeReader([secret], calls));
    const calls4: [string, string, string, string][] = [["v1", "Secret", "ns", ""], ["v1", "Namespace", "ignored", "ns"], ["v1", "Secret", "ns", "gone"], ["x/v1", "Widget", "ns", "w"]];
    for (const [apiVersion, kind, namespace, name] of calls4) rounds.lookup(apiVersion, kind, namespace, name);
    await rounds.read();
    const list = rounds.lookup("v1", "Secret", "ns", "") as { kind: string; items: unknown[] };
    assert.deepEqual([list.kind, list.items.length], ["SecretList", 1]);
    assert.deepEqual(rounds.lookup("v1", "Secret", "ns", "gone"), {});
    assert.deepEqual(rounds.lookup("x/v1", "Widget", "ns", "w"), {});
    assert.deepEqual(calls.sort(), ["get Namespace /ns", "get Secret ns/gone", "list Secret ns"]);
  });
});
