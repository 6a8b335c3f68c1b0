// GIVEN the Helm chart corpus (../shared/helm-charts) and its helm v3.22.0 goldens
// WHEN berth renders every row as `helm template` would
// THEN at least THRESHOLD of them match byte for byte (nondeterministic documents by shape,
//      expected failures with a typed error), and all of Helm's upstream goldens pass.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { CORPUS, expectedLocations, indexCases, runCase, upstreamCases, type CaseResult } from "./corpus-run.js";

const THRESHOLD = 0.99;

// The corpus sits beside the project (../shared/helm-charts), as in CI: its absence is a failure, not a skip.
test("GIVEN the project WHEN tests run THEN the Helm chart corpus is beside it", () => {
  assert.ok(existsSync(CORPUS), `the Helm chart corpus is missing at ${CORPUS}`);
});

test("GIVEN helm's stderr of an expected failure WHEN read THEN the template location it names is what our error must name", () => {
  const withLocation = indexCases().filter((c) => c.exitCode !== 0 && expectedLocations(c.stderr).length > 0);
  assert.ok(withLocation.length >= 3, `only ${withLocation.length} expected failures name a location`);
  const issue1979 = indexCases().find((c) => c.id === "corpus/helm-v3/issue1979@default");
  assert.deepEqual(expectedLocations(issue1979?.stderr), ["alpine/templates/alpine-pod.yaml:16"]);
});

function report(name: string, results: CaseResult[]): number {
  const failed = results.filter((r) => !r.ok);
  for (const f of failed) console.log(`MISMATCH ${f.id}: ${f.detail}`);
  const pass = results.length - failed.length;
  console.log(`${name}: ${pass}/${results.length} pass`);
  return pass;
}

test("GIVEN the corpus goldens WHEN rendered THEN at least 99% match", () => {
  const results = indexCases().map(runCase);
  const pass = report("corpus (golden/index.tsv, v3.22.0)", results);
  assert.ok(pass / results.length >= THRESHOLD, `pass rate ${pass}/${results.length} is below ${THRESHOLD}`);
});

test("GIVEN Helm's upstream goldens WHEN rendered THEN all match", () => {
  const results = upstreamCases().map(runCase);
  const pass = report("upstream (golden/helm-v3/upstream)", results);
  assert.equal(pass, results.length);
});
