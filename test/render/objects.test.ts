import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { CM, isRenderFailed, renderOne } from "./helpers.js";

const obj = (kind: string, name: string, extra = "") => `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${extra}`;

describe("rendered objects", () => {
  it("GIVEN objects of many kinds WHEN rendered THEN they come in install order, unknown kinds last, ties by namespace then name", async () => {
    const text = [obj("Zebra", "z"), obj("Deployment", "d"), obj("Alpha", "a"), obj("Service", "s2"), obj("Service", "s1"), obj("Namespace", "nsx"), obj("ConfigMap", "c", "  namespace: aaa\n"), obj("ConfigMap", "c")].join("---\n");
    const result = await renderOne(text);
    assert.deepEqual(result.objects.map((o) => `${o.object.kind}/${o.object.metadata.namespace ?? ""}/${o.object.metadata.name}`), [
      "Namespace//nsx", "ConfigMap/aaa/c", "ConfigMap/ns/c", "Service/ns/s1", "Service/ns/s2", "Deployment/ns/d", "Alpha/ns/a", "Zebra/ns/z",
    ]);
    assert.equal(result.objects[0]!.source, "t/templates/x.yaml");
  });

  it("GIVEN a cluster-scoped kind WHEN rendered THEN no namespace is filled in; an override function is honoured", async () => {
    const result = await renderOne([obj("ClusterRole", "cr"), obj("Widget", "w")].join("---\n"));
    assert.equal(result.objects.find((o) => o.object.kind === "ClusterRole")!.object.metadata.namespace, undefined);
    assert.equal(result.objects.find((o) => o.object.kind === "Widget")!.object.metadata.namespace, "ns");
  });

  it("GIVEN hook annotations WHEN rendered THEN hooks are split off with events, weight and delete policies", async () => {
    const hook = (name: string, weight: string, policy = "") => obj("Job", name, `  annotations:\n    helm.sh/hook: pre-install,pre-upgrade\n    helm.sh/hook-weight: "${weight}"\n${policy}`);
    const result = await renderOne([hook("b", "5"), hook("a", "-1", "    helm.sh/hook-delete-policy: hook-succeeded,hook-failed\n"), CM].join("---\n"));
    assert.equal(result.objects.length, 1);
    assert.deepEqual(result.hooks.map((h) => [h.object.metadata.name, h.events, h.weight, h.deletePolicies]), [
      ["a", ["pre-install", "pre-upgrade"], -1, ["hook-succeeded", "hook-failed"]],
      ["b", ["pre-install", "pre-upgrade"], 5, ["before-hook-creation"]],
    ]);
  });

  it("GIVEN many broken objects WHEN rendered THEN one RenderFailed lists every problem", async () => {
    const text = ["kind: ConfigMap\nmetadata:\n  name: a\n", "apiVersion: v1\nmetadata:\n  name: b\n", obj("ConfigMap", "Bad_Name"), obj("ConfigMap", "dup"), obj("ConfigMap", "dup"), "- a list\n", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"].join("---\n");
    await assert.rejects(renderOne(text), (e: unknown) => {
      assert.ok(isRenderFailed(e));
      assert.equal(e.issues.length, 6);
      assert.ok(e.issues.every((i) => i.source === "t/templates/x.yaml" && typeof i.line === "number"));
      return true;
    });
  });

  it("GIVEN a YAML syntax error WHEN rendered THEN RenderFailed shows the rendered line", async () => {
    await assert.rejects(renderOne(`${CM}data: [oops\n`), (e: unknown) => isRenderFailed(e) && /rendered line/.test(e.issues[0]!.message));
  });

  it("GIVEN a template function WHEN rendered THEN its typed objects are checked and ordered like text templates", async () => {
    const result = await renderOne(CM, { n: 2 }, {
      templates: { "fn.yaml": (ctx) => [{ apiVersion: "v1", kind: "Service", metadata: { name: `${ctx.Release.Name}-svc` }, spec: { ports: [{ port: ctx.Values.n as number }] } }] },
    });
    assert.deepEqual(result.objects.map((o) => [o.object.kind, o.object.metadata.name, o.source]), [["ConfigMap", "cm", "t/templates/x.yaml"], ["Service", "rel-svc", "t/templates/fn.yaml"]]);
  });

  it("GIVEN the same inputs WHEN rendered twice THEN the results are identical", async () => {
    const text = [obj("Service", "b"), obj("Service", "a"), CM].join("---\n");
    assert.deepEqual(await renderOne(text), await renderOne(text));
  });
});
