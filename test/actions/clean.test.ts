// GIVEN rendered objects with what server-side apply chokes on (null fields, a null creationTimestamp,
// a status) WHEN deployed THEN berth cleans them before the dry run and the apply, and the deploy succeeds.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, defineChart } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";

const ns = useTestNamespace("clean");

const chart = defineChart<{ annotations: Record<string, string> | null }>({
  name: "nulls",
  version: "0.1.0",
  values: { annotations: null },
  templates: {
    "deployment.yaml": `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: nulls
  creationTimestamp: null
  annotations: {{Values.annotations}}
spec:
  replicas: 1
  selector: {matchLabels: {app: nulls}}
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels: {app: nulls}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        resources: null
        env: null
status: {}
`,
  },
});

describe("objects cleaned before apply", () => {
  it("GIVEN null fields, a null creationTimestamp and a status WHEN deployed THEN the deploy succeeds and the nulls are not sent", async () => {
    const cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
    const result = await cluster.deploy(chart, { release: "nulls" });
    assert.equal(result.status, "deployed");
    const live = await cluster.config.kube.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: ns.name, name: "nulls" });
    const container = (live as unknown as { spec: { template: { spec: { containers: Array<Record<string, unknown>> } } } }).spec.template.spec.containers[0]!;
    assert.equal(container["env"], undefined);
    const again = await cluster.deploy(chart, { release: "nulls" });
    assert.equal(again.status, "unchanged");
  });
});
