// GIVEN a chart with a CRD in crds/ and a custom resource of it WHEN deployed and then upgraded with a
// changed CRD THEN the CRD is applied first (its kind usable in the same deploy) and its changes are
// planned and applied — where Helm never upgrades CRDs.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, defineChart, type Cluster } from "../../src/index.js";
import { testKubeconfigPath, uniqueName, useTestNamespace } from "../helpers/cluster.js";

const group = `${uniqueName("w")}.berth.test`;
const crd = (extraField: boolean) => `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.${group}
spec:
  group: ${group}
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}${extraField ? "\n              color: {type: string}" : ""}
`;

const gadgetCrd = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.${group}
spec:
  group: ${group}
  scope: Cluster
  names: {plural: gadgets, singular: gadget, kind: Gadget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
`;

const chart = (extraField: boolean) =>
  defineChart<{ size: number }>({
    name: "widgets",
    version: extraField ? "1.1.0" : "1.0.0",
    values: { size: 1 },
    crds: { "widget.yaml": crd(extraField), "gadget.yaml": gadgetCrd },
    templates: {
      "widget.yaml": `
apiVersion: ${group}/v1
kind: Widget
metadata:
  name: {{Release.Name}}
spec:
  size: {{Values.size}}${extraField ? "\n  color: blue" : ""}
`,
      "gadget.yaml": `
apiVersion: ${group}/v1
kind: Gadget
metadata:
  name: {{Release.Name}}-{{Release.Namespace}}
spec: {size: {{Values.size}}}
`,
    },
  });

const ns = useTestNamespace("crd");
let cluster: Cluster;

describe("CRDs in crds/", () => {
  it("GIVEN a CRD and a resource of its kind WHEN installed THEN the CRD is created first and the resource applied", async () => {
    cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
    const result = await cluster.deploy(chart(false), { release: "w" });
    assert.equal(result.status, "deployed");
    const first = result.plan.actions[0]!;
    assert.equal(first.category, "crd");
    assert.equal(first.op, "create");
    const widget = await cluster.config.kube.get({ apiVersion: `${group}/v1`, kind: "Widget", namespace: ns.name, name: "w" });
    assert.equal((widget as unknown as { spec: { size: number } }).spec.size, 1);
    const gadget = await cluster.config.kube.get({ apiVersion: `${group}/v1`, kind: "Gadget", name: `w-${ns.name}` });
    assert.ok(gadget, "the cluster-scoped custom resource was applied without a namespace");
    assert.equal(gadget.metadata.namespace, undefined);
  });

  it("GIVEN an installed CRD WHEN the chart adds a field to it THEN the plan updates the CRD and the new field is accepted", async () => {
    const plan = await cluster.plan(chart(true), { release: "w" });
    const crdAction = plan.actions.find((a) => a.category === "crd" && a.ref.name.startsWith("widgets."))!;
    assert.equal(crdAction.op, "update");
    assert.ok(crdAction.diff.some((d) => d.path.includes("color")));
    const result = await cluster.deploy(chart(true), { release: "w" });
    assert.equal(result.status, "deployed");
    const widget = await cluster.config.kube.get({ apiVersion: `${group}/v1`, kind: "Widget", namespace: ns.name, name: "w" });
    assert.equal((widget as unknown as { spec: { color?: string } }).spec.color, "blue");
  });
});
