import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, describe, it } from "node:test";
import { UnknownKind } from "../../src/kube/errors.js";
import type { KubeObject } from "../../src/model/object.js";
import { until, useTestNamespace } from "../helpers/cluster.js";
import { useKubeClient } from "./helpers.js";

describe("custom resources", () => {
  const ns = useTestNamespace("kcrd");
  const client = useKubeClient();
  const group = `t${randomBytes(3).toString("hex")}.berth.test`;
  const crdRef = { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", name: `widgets.${group}` };
  after(async () => {
    await client.delete(crdRef).catch(() => undefined);
  });

  it("GIVEN a CRD created through the same client WHEN its kind is used THEN discovery refreshes and unknown fields survive the round trip", async () => {
    await assert.rejects(client.resource(`${group}/v1`, "Widget"), (e) => e instanceof UnknownKind);
    await client.apply({
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: crdRef.name },
      spec: {
        group,
        scope: "Namespaced",
        names: { plural: "widgets", singular: "widget", kind: "Widget" },
        versions: [{
          name: "v1",
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } } },
        }],
      },
    });
    await until(async () => {
      const crd = await client.get(crdRef);
      const conditions = (crd?.["status"] as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions ?? [];
      return conditions.some((c) => c.type === "Established" && c.status === "True");
    }, { what: "CRD established", timeoutMs: 30_000 });

    const widget: KubeObject = {
      apiVersion: `${group}/v1`,
      kind: "Widget",
      metadata: { name: "w1", namespace: ns.name },
      spec: { sprockets: [{ teeth: 12, finish: "matte" }], futureField: { nested: true } },
    };
    // Discovery may lag the Established condition by a moment: the client refreshes on each miss.
    const applied = await until(() => client.apply(widget), { what: "Widget kind served", timeoutMs: 30_000 });
    assert.deepEqual(applied["spec"], widget["spec"]);
    const info = await client.resource(`${group}/v1`, "Widget");
    assert.deepEqual(info, { apiVersion: `${group}/v1`, kind: "Widget", resource: "widgets", namespaced: true });
    const read = await client.get({ apiVersion: `${group}/v1`, kind: "Widget", namespace: ns.name, name: "w1" });
    assert.deepEqual(read?.["spec"], widget["spec"]);
  });
});
