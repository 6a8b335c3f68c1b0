import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { parseOutput, parseWhole } from "../../src/render/mustache/documents.js";
import { splitDocuments } from "../../src/render/mustache/split.js";
import { TemplateWriter } from "../../src/render/mustache/template-writer.js";

const HEAD = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{{name}}\n";
const proto = JSON.parse('{"__proto__": {"x": 1}}') as unknown;
const view = {
  Values: {
    items: [{ name: "a", n: 1 }, { name: "b", n: 2 }, { name: "c", n: 3 }],
    m: { a: { b: 1 } }, l: [1, undefined, "x"], u: undefined, z: null, s: "yes", d: new Date(0),
    merge: { "<<": { a: 1 }, b: 2 }, forged: "\uE0000\uE001", keyed: { "\uE0000\uE001": 1 }, proto,
    big: 10n, fn: () => 1, nested: Object.assign(Object.create(null) as object, { a: 1, b: undefined }),
  },
};
const each = (body: string) => `{{#Values.items}}\n---\n${HEAD}${body}{{/Values.items}}\n`;

/** Template outputs that exercise every branch: fast template, general path, whole-text fallback. */
const CASES: Record<string, string> = {
  typed: each("data:\n  n: {{n}}\n  m: {{Values.m}}\n  l: {{Values.l}}\n  u: {{Values.u}}\n  z: {{Values.z}}\n  s: {{Values.s}}\n"),
  text: each("data:\n  q: \"{{n}}\"\n  mixed: v{{n}}-{{Values.s}}\n  block: |\n    n={{n}}\n  tagged: !!str {{n}}\n"),
  objectInText: each("data:\n  x: \"a-{{Values.m}}\"\n"),
  mergeKey: each("data: {a: x, <<: {{Values.m}}}\nother: {<<: {{Values.z}}}\n"),
  valueMerge: each("data: {{Values.merge}}\n"),
  placeholderKey: each("data:\n  {{name}}: 1\n  a: 2\n"),
  duplicateKey: each("data:\n  {{name}}: 1\n  a: 2\n").replace("{{name}}: 1", "{{Values.s}}: 1\n  yes: 3"),
  booleanKey: each("data:\n  on: 1\n  n: {{n}}\n"),
  unresolvedTag: each("data:\n  x: !foo {{n}}\n"),
  alias: each("a: &x {{n}}\nb: *x\nc: &y {k: {{n}}}\nd: *y\n"),
  dates: each("data:\n  d: {{Values.d}}\n  t: 2001-12-14\n"),
  oddValues: each("data:\n  f: {{Values.forged}}\n  k: {{Values.keyed}}\n  p: {{Values.proto}}\n  g: {{Values.big}}\n  h: {{Values.fn}}\n  o: {{Values.nested}}\n"),
  protoKey: each("__proto__: {a: {{n}}}\n"),
  topScalar: "{{#Values.items}}\n--- {{n}}\n--- {{Values.m}}\n---\n{{/Values.items}}\n",
  emptyDocs: "---\n---\n# only a comment\n---\n" + HEAD.replace("{{name}}", "x") + "...\n" + HEAD.replace("{{name}}", "y"),
  blockScalarDash: "--- |\n  text {{Values.s}}\n---\n" + HEAD.replace("{{name}}", "z"),
  syntaxError: each("data:\n  x: [1, {{n}}\n  y: \"\n"),
  badIndent: each("data:\n  a: 1\n b: {{n}}\n"),
  directive: "%YAML 1.1\n---\n" + HEAD.replace("{{name}}", "x"),
  noMarker: HEAD.replace("{{name}}", "{{Values.s}}") + "data: {{Values.m}}\n",
};

function render(text: string) {
  return new TemplateWriter().run({ text, source: "c/templates/x.yaml", view, partials: {}, partialSources: {}, strict: false, structural: true });
}

describe("parsing template output through the parse cache", () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`GIVEN the ${name} case WHEN parsed cached, twice THEN the result equals parsing the whole text`, () => {
      const expected = parseWhole(render(text));
      assert.deepStrictEqual(parseOutput(render(text)), expected);
      assert.deepStrictEqual(parseOutput(render(text)), expected);
    });
  }

  it("GIVEN a cached document WHEN its value is built twice THEN the results share no objects", () => {
    const [first, second] = [parseOutput(render(CASES.typed!)), parseOutput(render(CASES.typed!))];
    const a = first.documents[0]!.value as { data: { m: unknown } };
    const b = second.documents[0]!.value as { data: { m: unknown } };
    assert.notEqual(a, b);
    assert.notEqual(a.data.m, b.data.m);
    assert.notEqual(a.data.m, view.Values.m);
  });

  it("GIVEN a value that looks like a placeholder WHEN inserted THEN it stays literal text", () => {
    const parsed = parseOutput(render(CASES.oddValues!));
    assert.equal((parsed.documents[0]!.value as { data: { f: string } }).data.f, "\uE0000\uE001");
    assert.deepEqual((parsed.documents[0]!.value as { data: { k: unknown } }).data.k, { "\uE0000\uE001": 1 });
  });

  it("GIVEN `---` lines WHEN split THEN each chunk starts at a marker and placeholders are renumbered", () => {
    const chunks = splitDocuments("a: \uE0007\uE001\n---\nb: \uE0008\uE001 \uE0009\uE001\n--- x\n---x\n")!;
    assert.deepEqual(chunks.map((c) => [c.start, c.key, c.slots]), [
      [0, "a: \uE0000\uE001\n", [7]],
      [7, "---\nb: \uE0000\uE001 \uE0001\uE001\n", [8, 9]],
      [22, "--- x\n---x\n", []],
    ]);
    assert.equal(splitDocuments("a: 1\n...\n"), undefined);
  });
});
