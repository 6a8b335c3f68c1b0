import { test } from "node:test";
import assert from "node:assert/strict";
import { toYaml, yamlSortKeys } from "../../../src/render/helm/to-yaml.js";
import { readYamlMap } from "../../../src/chart/helm/yaml-read.js";
import { splitManifests, sortManifests } from "../../../src/render/helm/manifests.js";
import { compileGlob } from "../../../src/render/helm/files.js";

test("GIVEN nested values WHEN toYaml THEN go-yaml v2 layout: sorted keys, unindented sequences, {} and []", () => {
  const v = { b: [1n, { y: "x", x: [] }], a: {}, c: null };
  assert.equal(toYaml(v), "a: {}\nb:\n- 1\n- x: []\n  \"y\": x\nc: null");
});

test("GIVEN strings that read back as other types WHEN toYaml THEN they are quoted as go-yaml quotes them", () => {
  assert.equal(toYaml({ a: "true", b: "1", c: "", d: "- x", e: "a: b", f: "2020-01-02", g: "it's" }), "a: \"true\"\nb: \"1\"\nc: \"\"\nd: '- x'\ne: 'a: b'\nf: \"2020-01-02\"\ng: it's");
});

test("GIVEN floats WHEN toYaml THEN integral ones print as ints and others with strconv 'g'", () => {
  assert.equal(toYaml({ a: 1000000, b: 1234567.5, c: 0.5 }), "a: 1000000\nb: 1.2345675e+06\nc: 0.5");
});

test("GIVEN a multi-line string WHEN toYaml THEN a literal block with the right chomping", () => {
  assert.equal(toYaml({ a: "x\ny\n", b: "x\ny" }), "a: |\n  x\n  y\nb: |-\n  x\n  y");
});

test("GIVEN a long plain string WHEN toYaml THEN it folds at 80 columns", () => {
  const s = "word ".repeat(20).trim();
  const out = toYaml({ k: s });
  assert.ok(out.includes("\n  word"), out);
  assert.deepEqual(readYamlMap(out), { k: s });
});

test("GIVEN keys with numbers WHEN sorted THEN go-yaml's natural order", () => {
  assert.deepEqual(yamlSortKeys(["a10", "a9", "b", "A"]), ["A", "a9", "a10", "b"]);
});

test("GIVEN YAML 1.1 scalars WHEN read as values THEN go-yaml v2 types then JSON numbers", () => {
  assert.deepEqual(readYamlMap("a: yes\nb: 0x1F\nc: 017\nd: 1e3\ne: 2020-01-02\nf: on\n"), { a: true, b: 31, c: 15, d: 1000, e: "2020-01-02", f: true });
});

test("GIVEN a file with several documents WHEN split THEN documents are trimmed and empty ones dropped", () => {
  assert.deepEqual(splitManifests("---\na: 1\n---\n\n# c\n---\nb: 2\n"), ["a: 1", "# c", "b: 2"]);
});

test("GIVEN separators the regexp (?:^|\\s*\\n)---\\s* treats specially WHEN split THEN the same pieces as Go's Split", () => {
  // "---" right after a consumed separator is content; "----" leaves a "-"; blanks before "\n---" go with the separator
  assert.deepEqual(splitManifests("a: 1\n---\n---\nb: 2"), ["a: 1", "---\nb: 2"]);
  assert.deepEqual(splitManifests("a: 1 \t\n\n----x: 1"), ["a: 1", "-x: 1"]);
  assert.deepEqual(splitManifests("x---\ny: ---"), ["x---\ny: ---"]);
  assert.deepEqual(splitManifests("a" + " ".repeat(200000) + "\n---\nb"), ["a", "b"]);
});

test("GIVEN manifests of several kinds WHEN sorted THEN install order, hooks apart", () => {
  const files = new Map([
    ["c/templates/a.yaml", "kind: Deployment\nmetadata:\n  name: d\n---\nkind: Service\nmetadata:\n  name: s\n"],
    ["c/templates/b.yaml", "kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: pre-install\n"],
  ]);
  const { hooks, manifests } = sortManifests(files);
  assert.deepEqual(manifests.map((m) => m.kind), ["Service", "Deployment"]);
  assert.deepEqual(hooks.map((h) => h.events), [["pre-install"]]);
});

test("GIVEN gobwas glob patterns WHEN compiled THEN * stays in a segment and ** crosses", () => {
  assert.ok(compileGlob("files/*.sql")!.test("files/a.sql"));
  assert.ok(!compileGlob("files/*.sql")!.test("files/x/a.sql"));
  assert.ok(compileGlob("files/**.sql")!.test("files/x/a.sql"));
  assert.ok(compileGlob("{a,b}/*")!.test("b/c"));
});
