import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { CM, isRenderFailed, renderObject, renderOne } from "./helpers.js";

describe("mustache logic", () => {
  it("GIVEN a section over a list WHEN rendered THEN items repeat with their own context", async () => {
    const o = await renderObject(`${CM}data:\n  hosts:\n    {{#Values.hosts}}\n    - name: {{name}}\n      port: {{port}}\n    {{/Values.hosts}}\n`, { hosts: [{ name: "a", port: 1 }, { name: "b", port: 2 }] });
    assert.deepEqual(o.data, { hosts: [{ name: "a", port: 1 }, { name: "b", port: 2 }] });
  });

  it("GIVEN inverted sections WHEN the value is false or empty THEN their content renders", async () => {
    const o = await renderObject(`${CM}data:\n  {{^Values.off}}\n  a: 1\n  {{/Values.off}}\n  {{#Values.off}}\n  b: 2\n  {{/Values.off}}\n`, { off: false });
    assert.deepEqual(o.data, { a: 1 });
  });

  it("GIVEN a template whose section is false WHEN rendered THEN the empty document is skipped silently", async () => {
    const result = await renderOne(`{{#Values.on}}\n${CM}{{/Values.on}}\n`, { on: false });
    assert.equal(result.objects.length, 0);
  });

  it("GIVEN a standalone partial tag WHEN rendered THEN the partial is indented like the tag", async () => {
    const o = await renderObject(`${CM}  labels:\n    {{> labels}}\n`, { team: "a" }, { partials: { labels: "app: web\nteam: {{Values.team}}\n" } });
    assert.deepEqual((o.metadata as Record<string, unknown>).labels, { app: "web", team: "a" });
  });

  it("GIVEN an unknown partial WHEN rendered THEN RenderFailed", async () => {
    await assert.rejects(renderOne(`${CM}  labels:\n    {{> nope}}\n`), isRenderFailed);
  });

  it("GIVEN missing values WHEN strict THEN RenderFailed lists each with template and line", async () => {
    await assert.rejects(renderOne(`${CM}data:\n  a: {{Values.nope}}\n  b: x{{Values.other}}\n`), (e: unknown) => {
      assert.ok(isRenderFailed(e));
      assert.deepEqual(e.issues.map((i) => [i.source, i.line, i.path]), [["t/templates/x.yaml", 6, "Values.nope"], ["t/templates/x.yaml", 7, "Values.other"]]);
      return true;
    });
  });

  it("GIVEN a missing value inside a partial WHEN strict THEN the issue names the partial's file and line", async () => {
    await assert.rejects(renderOne(`${CM}  labels:\n    {{> labels}}\n`, {}, { partials: { labels: "app: web\nteam: {{Values.team}}\n" } }), (e: unknown) => {
      assert.ok(isRenderFailed(e));
      assert.deepEqual([e.issues[0]!.source, e.issues[0]!.line], ["t/templates/_labels.mustache", 2]);
      return true;
    });
  });

  it("GIVEN missing values WHEN lenient THEN they render empty (null alone, empty in text)", async () => {
    const o = await renderObject(`${CM}data:\n  a: {{Values.nope}}\n  b: x{{Values.nope}}\n`, {}, { strict: false });
    assert.deepEqual(o.data, { a: null, b: "x" });
  });

  it("GIVEN Capabilities WHEN a template checks an API version THEN the has-table works from mustache", async () => {
    const o = await renderObject(`${CM}data:\n  {{#Capabilities.APIVersions.has.networking_k8s_io/v1}}\n  ingress: yes-v1\n  {{/Capabilities.APIVersions.has.networking_k8s_io/v1}}\n  {{^Capabilities.APIVersions.has.example_com/v9}}\n  custom: absent\n  {{/Capabilities.APIVersions.has.example_com/v9}}\n  kube: "{{Capabilities.KubeVersion.Major}}.{{Capabilities.KubeVersion.Minor}}"\n`);
    assert.deepEqual(o.data, { ingress: "yes-v1", custom: "absent", kube: "1.31" });
  });

  it("GIVEN Release, Chart and Template WHEN rendered THEN their fields are available", async () => {
    const o = await renderObject(`${CM}data:\n  r: "{{Release.Name}}/{{Release.Namespace}}/{{Release.Revision}}/{{Release.IsInstall}}/{{Release.Service}}"\n  c: "{{Chart.Name}}-{{Chart.Version}}"\n  t: {{Template.Name}}\n`);
    assert.deepEqual(o.data, { r: "rel/ns/1/true/berth", c: "t-1.0.0", t: "t/templates/x.yaml" });
  });

  it("GIVEN YAML 1.1 boolean keys in template text WHEN rendered THEN warnings name template and line", async () => {
    const result = await renderOne(`${CM}data:\n  on: a\n  "no": b\n  n: c\n`);
    assert.deepEqual(result.warnings.map((w) => [w.code, w.line]), [["BooleanKey", 6], ["BooleanKey", 8]]);
  });
});
