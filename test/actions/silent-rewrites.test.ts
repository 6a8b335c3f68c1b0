// GIVEN labels or annotations that are not a mapping of strings WHEN deployed THEN a typed render
// error and zero writes (never a silent `0=a` rewrite); GIVEN namespace "" on a read path THEN
// InvalidNamespace, never a cluster-wide LIST.
import { it } from "node:test";
import assert from "node:assert/strict";
import { BerthError, defineChart, type Cluster } from "../../src/index.js";
import { useClusterFixture } from "../helpers/cluster-fixture.js";
import { spyRequests } from "../helpers/mutations.js";

let ns: string;
let cluster: Cluster;
useClusterFixture("rewrite", (f) => ({ ns, cluster } = f));

const cases: Record<string, string> = {
  "labels as a list": "labels: [a]",
  "annotations as a string": "annotations: a=b",
  "a label as a number": "labels: {tier: 3}",
  "an annotation as a mapping": "annotations: {a: {b: c}}",
};

for (const [what, yaml] of Object.entries(cases)) {
  it(`GIVEN ${what} WHEN deployed THEN RenderFailed and nothing is written`, async () => {
    const chart = defineChart({
      name: "meta",
      version: "1.0.0",
      values: {},
      templates: { "cm.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: meta-cm\n  ${yaml}\ndata: {a: b}\n` },
    });
    const spy = spyRequests(cluster);
    const error = await cluster.deploy(chart, { release: "meta" }).then(() => undefined, (e: unknown) => e).finally(() => spy.stop());
    assert.ok(error instanceof BerthError, String(error));
    assert.equal(error.code, "RenderFailed");
    assert.match(error.message, /templates\/cm\.yaml/);
    assert.deepEqual(spy.mutating(), []);
    assert.equal(await cluster.config.kube.get({ apiVersion: "v1", kind: "ConfigMap", namespace: ns, name: "meta-cm" }), undefined);
  });
}

it("GIVEN namespace \"\" WHEN history, status, get, list or unlock read records THEN InvalidNamespace and no request is sent", async () => {
  const spy = spyRequests(cluster);
  try {
    await assert.rejects(cluster.history("x", { namespace: "" }), { code: "InvalidNamespace" });
    await assert.rejects(cluster.status("x", { namespace: "" }), { code: "InvalidNamespace" });
    await assert.rejects(cluster.get("x", { namespace: "" }), { code: "InvalidNamespace" });
    await assert.rejects(cluster.list({ namespace: "" }), { code: "InvalidNamespace" });
    await assert.rejects(cluster.unlock("x", { namespace: "" }), { code: "InvalidNamespace" });
  } finally {
    spy.stop();
  }
  assert.deepEqual(spy.all, []);
});
