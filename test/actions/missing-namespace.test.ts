// GIVEN an object in a namespace that neither exists nor is created by the release WHEN deploying
// THEN the deploy fails before its first write: no pending revision, nothing applied.
import { it } from "node:test";
import assert from "node:assert/strict";
import { defineChart, PlanBlocked, type Cluster } from "../../src/index.js";
import { uniqueName } from "../helpers/cluster.js";
import { useClusterFixture } from "../helpers/cluster-fixture.js";
import { spyRequests } from "../helpers/mutations.js";

let ns: string;
let cluster: Cluster;
useClusterFixture("nsmiss", (f) => ({ ns, cluster } = f));

const chart = (elsewhere: string, createIt: boolean) =>
  defineChart({
    name: "spread",
    version: "1.0.0",
    values: {},
    templates: {
      "here.yaml": ({ Release }) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `${Release.Name}-here` }, data: { a: "1" } }),
      "there.yaml": ({ Release }) => [
        ...(createIt ? [{ apiVersion: "v1", kind: "Namespace", metadata: { name: elsewhere } }] : []),
        { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `${Release.Name}-there`, namespace: elsewhere }, data: { a: "1" } },
      ],
    },
  });

it("GIVEN a ConfigMap in a namespace nobody creates WHEN deployed THEN PlanBlocked (NamespaceMissing) and zero writes", async () => {
  const missing = uniqueName("nope");
  const spy = spyRequests(cluster);
  const error = await cluster.deploy(chart(missing, false), { release: "spread" }).then(() => undefined, (e: unknown) => e).finally(() => spy.stop());
  assert.ok(error instanceof PlanBlocked, String(error));
  assert.deepEqual(error.problems.map((p) => p.code), ["NamespaceMissing"]);
  assert.deepEqual(spy.mutating(), []);
  assert.equal(await cluster.config.kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns, name: "spread-here" }), undefined);
  await assert.rejects(cluster.history("spread"), { code: "ReleaseNotFound" });
});

it("GIVEN the same chart that creates the namespace WHEN deployed THEN it is deployed in both namespaces", async () => {
  const created = uniqueName("made");
  try {
    const result = await cluster.deploy(chart(created, true), { release: "spread2" });
    assert.equal(result.status, "deployed");
    assert.ok(await cluster.config.kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: created, name: "spread2-there" }));
    await cluster.uninstall("spread2");
  } finally {
    await cluster.config.kube.delete({ apiVersion: "v1", kind: "Namespace", name: created }).catch(() => undefined);
  }
});
