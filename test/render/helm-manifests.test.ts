import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { readHelmManifests, splitManifest } from "../../src/render/helm-manifests.js";

const CM = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe("reading a Helm chart's rendered files", () => {
  it("GIVEN a file with --- separators, blank and comment-only documents WHEN split THEN each document keeps the line it starts on", () => {
    const pieces = splitManifest(`\n# leading comment\n---\n${CM("a")}---\n\n---   \n${CM("b")}`);
    // As in Helm, the blanks after a separator are eaten, so the second `---` stays: YAML reads it as a document start.
    assert.deepEqual(pieces.map((p) => [p.line, p.text.split("\n")[0]!.trimEnd()]), [[2, "# leading comment"], [4, "apiVersion: v1"], [10, "---"]]);
  });

  it("GIVEN partials, NOTES of the top chart and of a subchart, and an empty file WHEN read THEN only manifests are documents and the top notes are kept", () => {
    const out = readHelmManifests([
      { path: "web/templates/_helpers.tpl", content: CM("partial") },
      { path: "web/templates/NOTES.txt", content: "Visit {{ url }}" },
      { path: "web/charts/db/templates/NOTES.txt", content: "db notes" },
      { path: "web/templates/empty.yaml", content: "  \n\n" },
      { path: "web/templates/cm.yaml", content: `# only a comment\n---\n${CM("a")}` },
    ], "web");
    assert.equal(out.notes, "Visit {{ url }}");
    assert.deepEqual(out.documents.map((d) => [d.template, d.at.line, (d.value as { metadata: { name: string } }).metadata.name]), [["web/templates/cm.yaml", 3, "a"]]);
  });

  it("GIVEN YAML the way sigs.k8s.io/yaml reads it WHEN read THEN yes is a boolean, 0755 an octal number and a timestamp stays text", () => {
    const out = readHelmManifests([{ path: "w/templates/x.yaml", content: `${CM("x")}data:\n  a: yes\n  b: 0755\n  c: 2020-01-01\n` }], "w");
    assert.deepEqual((out.documents[0]!.value as { data: unknown }).data, { a: true, b: 493, c: "2020-01-01" });
  });

  it("GIVEN a document that is not YAML WHEN read THEN an issue names the file and the line in it", () => {
    const out = readHelmManifests([{ path: "w/templates/x.yaml", content: `${CM("ok")}---\n${CM("bad")}data:\n  a: [1, 2\n` }], "w");
    assert.equal(out.documents.length, 1);
    assert.equal(out.issues.length, 1);
    assert.equal(out.issues[0]!.source, "w/templates/x.yaml");
    assert.ok(out.issues[0]!.line! >= 6, `line ${out.issues[0]!.line}`);
  });

  it("GIVEN a Helm 2 crd-install hook WHEN read THEN the object is left out with a HookIgnored warning, as Helm 3 leaves it out", () => {
    const hook = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n  annotations:\n    helm.sh/hook: crd-install\n`;
    const out = readHelmManifests([{ path: "w/templates/x.yaml", content: `${hook}---\n${CM("kept")}` }], "w");
    assert.deepEqual(out.documents.map((d) => (d.value as { metadata: { name: string } }).metadata.name), ["kept"]);
    assert.deepEqual(out.warnings.map((w) => w.code), ["HookIgnored"]);
  });
});
