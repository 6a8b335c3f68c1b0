// GIVEN a change to an immutable field (a Deployment's selector) WHEN deployed THEN it is blocked
// before anything is written, unless replaceImmutable: then the object is deleted and created again.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, defineChart, type Cluster } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";

const ns = useTestNamespace("replace");
const chart = defineChart<{ tier: string }>({
  name: "sel",
  version: "0.1.0",
  values: { tier: "a" },
  templates: {
    "deployment.yaml": ({ Release, Values }) => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: Release.Name },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: Release.Name, tier: Values.tier } },
        template: {
          metadata: { labels: { app: Release.Name, tier: Values.tier } },
          spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
        },
      },
    }),
  },
});

describe("immutable field changes", () => {
  let cluster: Cluster;
  const live = () => cluster.config.kube.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: ns.name, name: "sel" });

  it("GIVEN a Deployment WHEN its selector changes without replaceImmutable THEN PlanBlocked names spec.selector and nothing is written", async () => {
    cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
    await cluster.deploy(chart, { release: "sel" });
    const before = await live();
    await assert.rejects(cluster.deploy(chart, { release: "sel", values: { tier: "b" } }), (e: { code?: string; problems?: Array<{ code: string; fields?: string[] }> }) => {
      assert.equal(e.code, "PlanBlocked");
      assert.ok(e.problems?.some((p) => p.code === "ImmutableField" && p.fields?.some((f) => f.startsWith("spec.selector"))));
      return true;
    });
    assert.equal((await live())?.metadata["uid"], before?.metadata["uid"]);
    assert.equal((await cluster.history("sel")).length, 1);
  });

  it("GIVEN replaceImmutable WHEN the selector changes THEN the plan says replace and the Deployment is recreated with the new selector", async () => {
    const before = await live();
    const result = await cluster.deploy(chart, { release: "sel", values: { tier: "b" } }, { replaceImmutable: true, wait: { timeout: "90s" } });
    assert.equal(result.plan.actions.find((a) => a.ref.kind === "Deployment")?.op, "replace");
    const after = await live();
    assert.notEqual(after?.metadata["uid"], before?.metadata["uid"]);
    assert.equal((after as unknown as { spec: { selector: { matchLabels: { tier: string } } } }).spec.selector.matchLabels.tier, "b");
  });
});
