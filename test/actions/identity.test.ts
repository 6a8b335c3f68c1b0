// GIVEN a chart with objects of the same kind and name in two namespaces WHEN deployed THEN both are
// applied, recorded and pruned as two objects, and a redeploy is a no-op (one identity everywhere).
import { after, before, it } from "node:test";
import assert from "node:assert/strict";
import { connect, defineChart, type Cluster } from "../../src/index.js";
import { createTestNamespace, testKubeconfigPath, testKubeConfig } from "../helpers/cluster.js";
import { spyRequests } from "../helpers/mutations.js";
import { CoreV1Api } from "@kubernetes/client-node";

let a: string;
let b: string;
let cluster: Cluster;

before(async () => {
  [a, b] = await Promise.all([createTestNamespace("ida"), createTestNamespace("idb")]);
  cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: a });
});
after(async () => {
  const core = testKubeConfig().makeApiClient(CoreV1Api);
  await Promise.all([a, b].map((name) => core.deleteNamespace({ name }).catch(() => undefined)));
  cluster.close();
});

const twin = (namespaces: () => string[], dependent = false) =>
  defineChart<{ data: string }>({
    name: "twin",
    version: "1.0.0",
    values: { data: "one" },
    templates: {
      "cm.yaml": ({ Values, Release }) =>
        namespaces().map((namespace) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: Release.Name, namespace }, data: { value: Values.data, where: namespace } })),
      ...(dependent
        ? {
            "svc.yaml": ({ Release }) =>
              namespaces().map((namespace) => ({
                apiVersion: "v1",
                kind: "Service",
                metadata: { name: Release.Name, namespace, annotations: { "berth.dev/depends-on": `ConfigMap/${Release.Name}` } },
                spec: { selector: { app: "none" }, ports: [{ port: 80 }] },
              })),
          }
        : {}),
    },
  });

const live = (namespace: string, name = "twin") => cluster.config.kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace, name });

it("GIVEN ConfigMap shared in namespaces a and b WHEN deployed twice THEN both exist and the second deploy writes nothing", async () => {
  const chart = twin(() => [a, b]);
  const first = await cluster.deploy(chart, { release: "twin" });
  assert.equal(first.status, "deployed");
  assert.equal(first.applied.length, 2);
  assert.equal(((await live(a))?.["data"] as Record<string, string>)["where"], a);
  assert.equal(((await live(b))?.["data"] as Record<string, string>)["where"], b);
  const spy = spyRequests(cluster);
  const second = await cluster.deploy(chart, { release: "twin" }).finally(() => spy.stop());
  assert.equal(second.status, "unchanged");
  assert.equal(second.revision, null);
  assert.deepEqual(spy.mutating(), []);
  assert.equal((await cluster.history("twin")).length, 1);
});

it("GIVEN twins in two namespaces WHEN one is dropped THEN only that one is pruned, and uninstall removes the other", async () => {
  let namespaces = [a, b];
  const chart = twin(() => namespaces, true);
  await cluster.deploy(chart, { release: "twin2" });
  namespaces = [a];
  const result = await cluster.deploy(chart, { release: "twin2" });
  assert.deepEqual(result.deleted.map((r) => `${r.kind} ${r.namespace}`).sort(), [`ConfigMap ${b}`, `Service ${b}`]);
  assert.ok(await live(a, "twin2"));
  assert.equal(await live(b, "twin2"), undefined);
  await cluster.uninstall("twin2");
  assert.equal(await live(a, "twin2"), undefined);
});
