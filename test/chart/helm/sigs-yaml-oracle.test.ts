// GIVEN values and YAML texts run through sigs.k8s.io/yaml v1.6.0 (go-yaml v2.4) by a Go program
//       (fixtures/sigs-yaml-oracle.jsonl: op, in, out — "ERROR" where Go failed)
// WHEN berth's toYaml / fromYaml handle the same inputs
// THEN the outputs are identical.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { toYaml } from "../../../src/render/helm/to-yaml.js";
import { readYamlMap } from "../../../src/chart/helm/yaml-read.js";
import { goJson } from "../../../src/gotemplate/sprig/json.js";

interface Row {
  op: "toYaml" | "fromYaml";
  in: unknown;
  out: string;
}

const rows = readFileSync(join(import.meta.dirname, "fixtures", "sigs-yaml-oracle.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Row);

function run(r: Row): string {
  if (r.op === "toYaml") return toYaml(r.in) || "ERROR";
  try {
    return goJson(readYamlMap(r.in as string));
  } catch {
    return "ERROR";
  }
}

test("GIVEN Go's sigs.k8s.io/yaml outputs WHEN berth marshals and reads the same inputs THEN every output is identical", () => {
  const bad = rows.filter((r) => run(r) !== r.out);
  for (const r of bad.slice(0, 10)) console.log(JSON.stringify(r.in), "\nexpected:", JSON.stringify(r.out), "\nactual:  ", JSON.stringify(run(r)));
  assert.equal(bad.length, 0, `${bad.length} of ${rows.length} differ`);
});
