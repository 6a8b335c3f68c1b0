import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { CM, isRenderFailed, renderObject, renderOne } from "./helpers.js";

describe("structural interpolation", () => {
  it("GIVEN a plain scalar that is one placeholder WHEN rendered THEN the value keeps its type", async () => {
    const o = await renderObject(`${CM}data:\n  num: {{Values.n}}\n  b: {{Values.b}}\n  z: {{Values.z}}\n  m: {{Values.m}}\n  l: {{Values.l}}\n`, { n: 3, b: true, z: null, m: { a: { b: 1 } }, l: [1, "x"] });
    assert.deepEqual(o.data, { num: 3, b: true, z: null, m: { a: { b: 1 } }, l: [1, "x"] });
  });

  it("GIVEN a string that looks like a number or boolean WHEN interpolated plain THEN it stays a string", async () => {
    const o = await renderObject(`${CM}data:\n  a: {{Values.a}}\n  b: {{Values.b}}\n  c: {{Values.c}}\n`, { a: "0755", b: "yes", c: "1.10" });
    assert.deepEqual(o.data, { a: "0755", b: "yes", c: "1.10" });
  });

  it("GIVEN quoted, block and mixed scalars WHEN rendered THEN values become text", async () => {
    const o = await renderObject(`${CM}data:\n  q: "{{Values.n}}"\n  s: '{{Values.n}}'\n  mixed: v{{Values.n}}-{{Values.b}}\n  block: |\n    port={{Values.n}}\n  folded: >\n    {{Values.n}}\n`, { n: 8080, b: false });
    assert.deepEqual(o.data, { q: "8080", s: "8080", mixed: "v8080-false", block: "port=8080\n", folded: "8080\n" });
  });

  it("GIVEN an explicitly tagged scalar WHEN rendered THEN the value is text", async () => {
    const o = await renderObject(`${CM}data:\n  v: !!str {{Values.n}}\n`, { n: 1 });
    assert.deepEqual(o.data, { v: "1" });
  });

  it("GIVEN an object inside text WHEN rendered THEN RenderFailed names template, line and value path", async () => {
    await assert.rejects(renderOne(`${CM}data:\n  x: "a-{{Values.m}}"\n`, { m: { a: 1 } }), (e: unknown) => {
      assert.ok(isRenderFailed(e));
      assert.deepEqual({ ...e.issues[0], message: undefined }, { source: "t/templates/x.yaml", line: 6, path: "Values.m", message: undefined });
      return true;
    });
  });

  it("GIVEN a placeholder in a mapping key WHEN rendered THEN the key is the value as a string", async () => {
    const o = await renderObject(`${CM}data:\n  {{Values.k}}: a\n  p-{{Values.n}}: b\n`, { k: 42, n: "x" });
    assert.deepEqual(o.data, { "42": "a", "p-x": "b" });
  });

  it("GIVEN a key placeholder whose value repeats a literal key WHEN rendered THEN RenderFailed", async () => {
    await assert.rejects(renderOne(`${CM}data:\n  {{Values.k}}: a\n  b: c\n`, { k: "b" }), isRenderFailed);
  });

  it("GIVEN an object as a mapping key WHEN rendered THEN RenderFailed", async () => {
    await assert.rejects(renderOne(`${CM}data:\n  {{Values.k}}: a\n`, { k: { a: 1 } }), isRenderFailed);
  });

  const injections = ["a\nb: c", "- x", "---", "{{x}}", "*alias", "!!binary", "&anchor x", "x: y", "}", "]", "'\"", "# comment", "a\n---\nkind: Secret", "\uE0000\uE001", "<<"];
  for (const injection of injections) {
    it(`GIVEN the value ${JSON.stringify(injection)} WHEN interpolated anywhere THEN it stays one string and adds no keys, items or documents`, async () => {
      const text = `${CM}data:\n  plain: {{Values.v}}\n  quoted: "{{Values.v}}"\n  single: '{{Values.v}}'\n  mixed: x{{Values.v}}\n  block: |\n    {{Values.v}}\n  {{Values.v}}: key\n  flow: {a: {{Values.v}}}\n  list: [{{Values.v}}]\n`;
      const result = await renderOne(text, { v: injection });
      assert.equal(result.objects.length, 1);
      assert.deepEqual(result.objects[0]!.object.data, {
        plain: injection, quoted: injection, single: injection, mixed: `x${injection}`, block: `${injection}\n`,
        [injection]: "key", flow: { a: injection }, list: [injection],
      });
    });
  }

  it("GIVEN a merge key with a mapping value WHEN rendered THEN keys merge and literal keys win", async () => {
    const o = await renderObject(`${CM}  labels: {app: web, <<: {{Values.extra}}}\n`, { extra: { app: "evil", team: "a" } });
    assert.deepEqual((o.metadata as Record<string, unknown>).labels, { app: "web", team: "a" });
  });

  it("GIVEN a block merge key with an empty or null value WHEN rendered THEN only literal keys remain", async () => {
    for (const extra of [{}, null]) {
      const o = await renderObject(`${CM}  labels:\n    <<: {{Values.extra}}\n    app: web\n`, { extra });
      assert.deepEqual((o.metadata as Record<string, unknown>).labels, { app: "web" });
    }
  });

  it("GIVEN raw {{{x}}} and {{& x}} WHEN rendered THEN text is pasted into the YAML (documented unsafe)", async () => {
    const o = await renderObject(`${CM}data: {{{Values.raw}}}\nextra: {{& Values.raw}}\n`, { raw: "{a: '1', b: '2'}" });
    assert.deepEqual(o.data, { a: "1", b: "2" });
    assert.deepEqual(o.extra, { a: "1", b: "2" });
  });

  it("GIVEN HTML characters WHEN interpolated THEN they are never HTML-escaped", async () => {
    const o = await renderObject(`${CM}data:\n  a: {{Values.s}}\n  b: "<{{Values.s}}>"\n`, { s: "<&>\"'/`=" });
    assert.deepEqual(o.data, { a: "<&>\"'/`=", b: "<<&>\"'/`=>" });
  });
});
