import { strict as assert } from "node:assert";
import { join } from "node:path";
import { describe, it } from "node:test";
import { needsCluster } from "../helpers/needs-cluster.js";

const testRoot = join(import.meta.dirname, "..");

describe("test runner: which files need the control plane", () => {
  it("GIVEN a unit test folder WHEN checked THEN no file needs the cluster", () => {
    for (const f of ["values/coalesce.test.ts", "values/set-syntax.test.ts"]) assert.equal(needsCluster(join(testRoot, f), testRoot), false, f);
  });
  it("GIVEN a test using the cluster helpers directly or through a local module WHEN checked THEN it needs the cluster", () => {
    assert.equal(needsCluster(join(testRoot, "actions/lock.test.ts"), testRoot), true);
  });
});
