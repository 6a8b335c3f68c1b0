import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { quickManifestHead } from "../../../src/render/helm/manifest-head.js";
import { readManifestHead, splitManifests } from "../../../src/render/helm/manifests.js";

/** The full parser's head, or its error message. */
function full(doc: string): unknown {
  try {
    return readManifestHead(doc, "t.yaml", false);
  } catch (e) {
    return { error: (e as Error).message };
  }
}

test("the quick head reader agrees with the full YAML parser on every document of the corpus goldens it reads", () => {
  const root = fileURLToPath(new URL("../../../../shared/helm-charts/", import.meta.url));
  const [header, ...rows] = readFileSync(join(root, "golden/index.tsv"), "utf8").trimEnd().split("\n").map((l) => l.split("\t"));
  const golden = header!.indexOf("golden");
  const exit = header!.indexOf("exit_code");
  let docs = 0;
  let read = 0;
  for (const row of rows) {
    if (row[exit] !== "0" || !row[golden]) continue;
    for (const doc of splitManifests(readFileSync(join(root, row[golden]!), "utf8"))) {
      docs++;
      const quick = quickManifestHead(doc);
      if (quick === undefined) continue;
      read++;
      assert.deepEqual(quick, full(doc), `${row[golden]}: ${doc.slice(0, 200)}`);
    }
  }
  console.log(`quick head reader: ${read} of ${docs} documents`);
  assert.ok(docs > 3000, `${docs} documents`);
  // Most rendered documents are plain block YAML: the quick reader is worth having.
  assert.ok(read > docs * 0.6, `read ${read} of ${docs}`);
});

const cases: Record<string, string> = {
  simple: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    \"helm.sh/hook\": pre-install,post-install\n    helm.sh/hook-weight: '-5'\ndata:\n  k: v\n",
  indentless: "kind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    args:\n    - --flag\n    - -v\n    image: x\n",
  blockScalar: "kind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: |\n    line: one\n\n    # not a comment\n  b: >-\n      folded\n",
  empty: "kind: Secret\nmetadata: {}\ndata: {}\nlist: []\n",
  tab: "kind: Pod\nmetadata:\n\tname: p\n",
  badIndent: "kind: Pod\nmetadata:\n  name: p\n labels: {}\n",
  deeperAfterScalar: "kind: Pod\nmetadata:\n  name: p\n    more\n",
  multiLinePlain: "kind: Pod\nspec:\n  a: one\n    two\n",
  flow: "kind: Pod\nspec: {a: 1}\n",
  anchor: "kind: Pod\nspec: &a\n  x: 1\n",
  duplicateKind: "kind: Pod\nkind: Service\n",
  numberKind: "kind: 1\n",
  boolName: "kind: Pod\nmetadata:\n  name: yes\n",
  nullName: "kind: Pod\nmetadata:\n  name: ~\n",
  metadataList: "kind: Pod\nmetadata:\n  - name: p\n",
  annotationMap: "kind: Pod\nmetadata:\n  annotations:\n    a:\n      b: c\n",
  leadingSpacesInBlock: "kind: Pod\ndata:\n  a: |\n      \n    x\n",
  noSpaceAfterColon: "kind: Pod\nspec:\n  a:b\n",
  unterminatedQuote: "kind: Pod\nmetadata:\n  name: \"p\n",
  escapes: "kind: Pod\nmetadata:\n  name: \"a\\tb\"\n",
  comment: "kind: Pod # the kind\n",
  colonInValue: "kind: Pod\nspec:\n  a: b: c\n",
  nestedSeq: "kind: Pod\nspec:\n  - - a\n",
  topLevelSeq: "- kind: Pod\n",
  secondTopLevel: "kind: Pod\n---\nkind: Service\n",
  nullKey: "kind: Pod\nspec:\n  ~: 1\n",
  proto: "kind: Pod\nspec:\n  __proto__: 1\n",
  controlChar: "kind: Pod\x07\n",
  lineSeparator: "kind: Pod\u2028\n",
  commentOnly: "# nothing\n",
  emptyKey: "kind: Pod\n\"\":\n  kind: X\n",
  flowInKey: "kind: Pod\nspec:\n  a[0]: x\n",
  seqThenKey: "kind: Pod\nspec:\n  l:\n    - a\n    b: c\n",
};

test("on documents that are not plain block YAML the quick head reader declines or agrees with the full parser", () => {
  for (const [name, doc] of Object.entries(cases)) {
    const quick = quickManifestHead(doc);
    const expected = full(doc);
    if (quick !== undefined) assert.deepEqual(quick, expected, name);
    else if (["simple", "indentless", "blockScalar", "empty"].includes(name)) assert.fail(`${name}: the quick reader declined`);
  }
  assert.deepEqual(quickManifestHead(cases["simple"]!), {
    kind: "ConfigMap", apiVersion: "v1", metadataName: "a", annotations: { "helm.sh/hook": "pre-install,post-install", "helm.sh/hook-weight": "-5" },
  });
  for (const name of ["tab", "badIndent", "deeperAfterScalar", "numberKind", "boolName", "metadataList", "annotationMap", "noSpaceAfterColon", "unterminatedQuote", "colonInValue", "controlChar"]) {
    assert.equal(quickManifestHead(cases[name]!), undefined, `declines ${name}`);
  }
});
