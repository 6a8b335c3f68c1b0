import { strict as assert } from "node:assert";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { needsCluster } from "../helpers/needs-cluster.js";

const testRoot = join(import.meta.dirname, "..");

/** The *.test.ts files under `dir`, as the test runner finds them (fixtures excluded). */
function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "fixtures" ? [] : testFiles(path);
    return name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("test runner: which files need the control plane", () => {
  it("GIVEN the unit test folders WHEN every file in them is checked THEN none needs the cluster (`npm test test/values` starts nothing)", () => {
    const unit = ["values", "gotemplate", "render", "typegen"].flatMap((dir) => testFiles(join(testRoot, dir)));
    assert.ok(unit.length >= 30, `only ${unit.length} unit test files found: the scan is broken`);
    assert.deepEqual(unit.filter((f) => needsCluster(f, testRoot)), []);
  });
  it("GIVEN a test using the cluster helpers directly or through a local module WHEN checked THEN it needs the cluster", () => {
    assert.equal(needsCluster(join(testRoot, "actions/lock.test.ts"), testRoot), true);
  });
});
