// GIVEN a deployed release WHEN deployed again unchanged THEN berth makes no mutating API call at all.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Cluster } from "../../src/index.js";
import { appChart } from "../runner/fixtures/app.js";
import { useClusterFixture } from "../helpers/cluster-fixture.js";

let cluster: Cluster;

useClusterFixture("noop", (f) => ({ cluster } = f));

describe("no-op redeploy", () => {
  it("GIVEN a deployed release WHEN the same is deployed again THEN it is unchanged and only reads and dry runs reach the API", async () => {
    const args = { release: "same", values: { data: "x", password: "p" } };
    assert.equal((await cluster.deploy(appChart, args)).status, "deployed");
    const calls: { method: string; path: string }[] = [];
    const stop = cluster.config.transport!.observe((req) => calls.push(req));
    let result;
    try {
      result = await cluster.deploy(appChart, args);
    } finally {
      stop();
    }
    assert.equal(result.status, "unchanged");
    assert.equal(result.revision, null);
    assert.ok(calls.length > 0, "the spy saw the plan's reads");
    const mutating = calls.filter((c) => ["POST", "PUT", "DELETE"].includes(c.method) || (c.method === "PATCH" && !/[?&]dryRun=All(&|$)/.test(c.path)));
    assert.deepEqual(mutating, []);
    assert.equal((await cluster.history("same")).length, 1);
  });
});
