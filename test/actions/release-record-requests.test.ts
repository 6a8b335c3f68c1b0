// GIVEN a release WHEN installed, upgraded, and upgraded with a pre-upgrade hook THEN its records are read
// no more than the operation needs: one listing for the release's state, one to take the lock, one
// after the outcome (superseding and trimming share it); the lease is read again before applying only
// when hooks ran since the lock was taken (otherwise the acquire and the final compare-and-swap vouch for it).
// A record written or read at the version an update expects is not read again before the update.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Cluster } from "../../src/index.js";
import { appChart } from "../runner/fixtures/app.js";
import { useClusterFixture } from "../helpers/cluster-fixture.js";

let cluster: Cluster;
useClusterFixture("record-reads", (f) => ({ cluster } = f));

/** The release-record requests of one deploy: listings of the release's revisions and reads of one record, in order. */
async function recordRequests(run: () => Promise<unknown>, release: string): Promise<string[]> {
  const seen: string[] = [];
  const stop = cluster.config.transport!.observe(({ method, path }) => {
    if (path.includes(`labelSelector=owner%3Dhelm%2Cname%3D${release}`)) seen.push(`${method} list`);
    else if (path.includes(`/sh.helm.release.v1.${release}.v`)) seen.push(`${method} v${path.split(".v").at(-1)!.split("?")[0]}`);
    else if (method === "POST" && /\/secrets\?/.test(path)) seen.push("POST record");
  });
  try {
    await run();
  } finally {
    stop();
  }
  return seen;
}

describe("release record requests", () => {
  it("GIVEN a new release WHEN installed THEN one listing (the state's: the lock creates revision 1 without another), the record is not read (the outcome replaces the version the lock wrote), and revision 1 has nothing earlier to supersede or trim", async () => {
    const seen = await recordRequests(() => cluster.deploy(appChart, { release: "reads" }), "reads");
    assert.deepEqual(seen, ["GET list", "POST record", "PUT v1"]);
  });

  it("GIVEN a deployed release WHEN upgraded THEN the same, plus the latest revision's read and its supersede (one read of it, then the write)", async () => {
    const seen = await recordRequests(() => cluster.deploy(appChart, { release: "reads", values: { data: "b" } }), "reads");
    assert.deepEqual(seen, ["GET list", "GET v1", "GET list", "POST record", "PUT v2", "GET list", "GET v1", "PUT v1"]);
  });

  it("GIVEN a pre-upgrade code hook WHEN upgraded THEN the lease is read again after the hook, before the first write", async () => {
    const seen = await recordRequests(
      () => cluster.deploy(appChart, { release: "reads", values: { data: "c" } }, { hooks: { preUpgrade: async () => undefined } }),
      "reads",
    );
    const lock = seen.indexOf("POST record");
    assert.equal(seen[lock + 1], "GET v3", `the lease is confirmed after the hook: ${seen.join(", ")}`);
    assert.equal(seen.filter((s) => s === "GET v3").length, 1, "once, after the hook: the outcome replaces the version read there");
  });
});
