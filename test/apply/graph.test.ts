import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { buildApplyGraph, runApplyGraph, DEPENDS_ON_ANNOTATION, type GraphNode } from "../../src/apply/graph.js";
import type { KubeObject } from "../../src/model/object.js";

const obj = (kind: string, name: string, dependsOn?: string): KubeObject => ({
  apiVersion: "v1",
  kind,
  metadata: { name, ...(dependsOn ? { annotations: { [DEPENDS_ON_ANNOTATION]: dependsOn } } : {}) },
});

async function trace(objects: KubeObject[], concurrency = 4, fail?: string) {
  const log: string[] = [];
  const nodes = buildApplyGraph(objects);
  const error = await runApplyGraph(nodes, {
    apply: async (n: GraphNode) => {
      await new Promise((r) => setTimeout(r, 5));
      if (n.label === fail) throw new Error(`boom ${n.label}`);
      log.push(`apply ${n.label}`);
    },
    ready: async (n: GraphNode) => {
      await new Promise((r) => setTimeout(r, 5));
      log.push(`ready ${n.label}`);
    },
  }, concurrency).catch((e: Error) => e);
  return { log, error };
}

describe("apply graph", () => {
  it("GIVEN objects of several kinds WHEN run THEN kinds are applied in install order", async () => {
    const { log } = await trace([obj("Deployment", "web"), obj("ConfigMap", "cfg"), obj("Namespace", "ns"), obj("Service", "svc")]);
    assert.deepEqual(log, ["apply Namespace/ns", "apply ConfigMap/cfg", "apply Service/svc", "apply Deployment/web"]);
  });

  it("GIVEN a Deployment that depends on a StatefulSet WHEN run THEN the StatefulSet is applied and ready before the Deployment, against kind order", async () => {
    const { log } = await trace([obj("Deployment", "web", "StatefulSet/db"), obj("StatefulSet", "db"), obj("Service", "db")]);
    assert.ok(log.indexOf("ready StatefulSet/db") < log.indexOf("apply Deployment/web"));
    assert.ok(log.indexOf("apply Service/db") < log.indexOf("apply StatefulSet/db"));
  });

  it("GIVEN a dependency on an object the release lacks WHEN the graph is built THEN DependencyInvalid names it", () => {
    assert.throws(() => buildApplyGraph([obj("Deployment", "web", "StatefulSet/nope")]), { code: "DependencyInvalid", message: /StatefulSet\/nope/ });
  });

  it("GIVEN a dependency cycle WHEN the graph is built THEN DependencyInvalid is thrown", () => {
    assert.throws(() => buildApplyGraph([obj("Deployment", "a", "Deployment/b"), obj("Deployment", "b", "Deployment/a")]), { code: "DependencyInvalid" });
  });

  it("GIVEN a failing apply WHEN run THEN later kinds are never applied and the error surfaces", async () => {
    const { log, error } = await trace([obj("ConfigMap", "cfg"), obj("Deployment", "web"), obj("Service", "svc")], 4, "Service/svc");
    assert.match(String(error), /boom Service\/svc/);
    assert.ok(!log.includes("apply Deployment/web"));
    assert.ok(log.includes("apply ConfigMap/cfg"));
  });

  it("GIVEN many independent objects of one kind WHEN run with concurrency 2 THEN at most 2 applies run at once", async () => {
    let inFlight = 0;
    let peak = 0;
    const nodes = buildApplyGraph(Array.from({ length: 8 }, (_, i) => obj("ConfigMap", `c${i}`)));
    await runApplyGraph(nodes, {
      apply: async () => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
      },
      ready: async () => undefined,
    }, 2);
    assert.equal(peak, 2);
  });

  it("GIVEN many objects of two kinds WHEN the graph is built THEN kind order is one barrier per kind, not an edge per pair", () => {
    const nodes = buildApplyGraph([...Array.from({ length: 50 }, (_, i) => obj("Deployment", `d${i}`)), ...Array.from({ length: 50 }, (_, i) => obj("ConfigMap", `c${i}`))]);
    assert.deepEqual([...new Set(nodes.map((n) => `${n.object.kind}:${n.kindGroup}`))], ["ConfigMap:0", "Deployment:1"]);
    assert.equal(nodes.reduce((sum, n) => sum + n.afterApplied.length, 0), 0);
  });

  it("GIVEN a ConfigMap that depends on a Deployment WHEN run THEN the Deployment does not wait for it (no deadlock) and other Deployments still wait for all ConfigMaps", async () => {
    const { log, error } = await trace([obj("ConfigMap", "late", "Deployment/web"), obj("ConfigMap", "plain"), obj("Deployment", "web"), obj("Deployment", "other")]);
    assert.equal(error, undefined);
    assert.ok(log.indexOf("ready Deployment/web") < log.indexOf("apply ConfigMap/late"));
    assert.ok(log.indexOf("apply ConfigMap/plain") < log.indexOf("apply Deployment/web"));
    assert.ok(log.indexOf("apply ConfigMap/late") < log.indexOf("apply Deployment/other"));
  });
});

describe("apply graph identity", () => {
  const inNs = (kind: string, name: string, namespace: string, dependsOn?: string): KubeObject => ({
    apiVersion: "v1",
    kind,
    metadata: { name, namespace, ...(dependsOn ? { annotations: { [DEPENDS_ON_ANNOTATION]: dependsOn } } : {}) },
  });

  it("GIVEN one kind and name in two namespaces WHEN the graph is built THEN both are nodes and a dependency resolves in its own namespace", () => {
    const nodes = buildApplyGraph([inNs("ConfigMap", "shared", "a"), inNs("ConfigMap", "shared", "b"), inNs("Service", "shared", "b", "ConfigMap/shared")]);
    assert.equal(nodes.length, 3);
    assert.equal(new Set(nodes.map((n) => n.key)).size, 3);
    const svc = nodes.find((n) => n.object.kind === "Service")!;
    const target = nodes.find((n) => n.key === svc.afterReady[0])!;
    assert.equal(target.object.metadata.namespace, "b");
  });
});
