// GIVEN a chart whose schema marks a value x-sensitive (or writeOnly) WHEN that value lands in a
// ConfigMap THEN no plan format shows it — only that the field changed.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, defineChart, formatPlanJson, formatPlanMarkdown, formatPlanText } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";

const ns = useTestNamespace("sens");

const chart = defineChart<{ db: { host: string; password: string }; token: string }>({
  name: "sens",
  version: "0.1.0",
  values: { db: { host: "db", password: "hunter2-initial" }, token: "tok-initial-value" },
  schema: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    properties: {
      db: { type: "object", properties: { host: { type: "string" }, password: { type: "string", "x-sensitive": true } } },
      token: { type: "string", writeOnly: true },
    },
  },
  templates: {
    "configmap.yaml": `
apiVersion: v1
kind: ConfigMap
metadata:
  name: sens
data:
  url: "postgres://app:{{Values.db.password}}@{{Values.db.host}}/app"
  token: {{Values.token}}
`,
  },
});

describe("values marked sensitive in the schema", () => {
  it("GIVEN x-sensitive and writeOnly values in a ConfigMap WHEN planned for install and for a change THEN no format shows them", async () => {
    const cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
    const install = await cluster.plan(chart, { release: "sens" });
    await cluster.deploy(chart, { release: "sens" });
    const change = await cluster.plan(chart, { release: "sens", values: { db: { password: "s3cret-rotated" }, token: "tok-rotated-value" } });
    assert.equal(change.summary.update, 1);
    for (const plan of [install, change]) {
      const { payload: _, ...printable } = plan;
      const outputs = [formatPlanText(plan), formatPlanText(plan, { color: true }), formatPlanJson(plan), formatPlanMarkdown(plan), JSON.stringify(printable)];
      for (const out of outputs) {
        for (const secret of ["hunter2-initial", "s3cret-rotated", "tok-initial-value", "tok-rotated-value"]) {
          assert.ok(!out.includes(secret), `${secret} appears in a plan output: ${out.slice(Math.max(0, out.indexOf(secret) - 200), out.indexOf(secret) + 50)}`);
        }
      }
    }
    assert.ok(formatPlanText(change).includes("data"), "the changed ConfigMap is still listed");
  });
});
