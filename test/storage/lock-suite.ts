// The lock behaviour of ReleaseStore, run over memory and Secret drivers.
import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import type { Driver } from "../../src/storage/driver.js";
import { ReleaseStore } from "../../src/storage/store.js";
import { rejectsWithCode } from "./driver-suite.js";
import { releaseName, sampleDraft, sampleRelease } from "./sample.js";

const MINUTE = 60_000;

/** Declares the lock tests; `driver()` is called inside each test. */
export function lockSuite(label: string, driver: () => Driver): void {
  describe(`ReleaseStore lock (${label})`, () => {
    it("GIVEN two concurrent acquires WHEN both run THEN exactly one wins and the other gets ReleaseLocked", async () => {
      const store = new ReleaseStore(driver());
      const name = releaseName();
      const results = await Promise.allSettled([store.acquire(name, "alice", 10 * MINUTE, sampleDraft(name)), store.acquire(name, "bob", 10 * MINUTE, sampleDraft(name))]);
      const won = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<ReleaseStore["acquire"]>>> => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      assert.equal(won.length, 1);
      assert.equal(lost.length, 1);
      assert.equal((lost[0]!.reason as { code: string }).code, "ReleaseLocked");
      const winner = won[0]!.value.release;
      assert.equal((lost[0]!.reason as { holder: string }).holder, winner.lock?.holder);
      assert.equal(winner.revision, 1);
      assert.equal(winner.status, "pending-install");
      assert.deepEqual((await store.revisions(name)).map((s) => s.revision), [1]);
    });

    it("GIVEN a pending revision whose lock expired WHEN acquired THEN it is taken over and the stale revision is failed", async () => {
      let now = Date.parse("2024-05-01T10:00:00.000Z");
      const store = new ReleaseStore(driver(), { now: () => now });
      const name = releaseName();
      await store.create(sampleRelease(name, 1, "deployed"));
      await store.acquire(name, "killed-client", MINUTE, sampleDraft(name, "pending-upgrade"));
      await rejectsWithCode(store.acquire(name, "second", MINUTE, sampleDraft(name, "pending-upgrade")), "ReleaseLocked");
      now += 2 * MINUTE;
      const lease = await store.acquire(name, "second", MINUTE, (last) => sampleDraft(name, last ? "pending-upgrade" : "pending-install"));
      assert.equal(lease.release.revision, 3);
      assert.equal(lease.release.status, "pending-upgrade");
      assert.equal(lease.release.firstDeployed, sampleRelease(name).firstDeployed);
      const stale = (await store.get(name, 2)).release;
      assert.equal(stale.status, "failed");
      assert.equal(stale.lock, undefined);
      assert.match(stale.description, /killed-client/);
    });

    it("GIVEN a held lock WHEN renewed, then released as deployed THEN earlier deployed revisions are superseded", async () => {
      const store = new ReleaseStore(driver());
      const name = releaseName();
      await store.create(sampleRelease(name, 1, "deployed"));
      let lease = await store.acquire(name, "me", MINUTE, sampleDraft(name, "pending-upgrade"));
      const before = lease.release.lock!.expiresAt;
      lease = await store.renew(lease, 10 * MINUTE, { description: "Hooks done" });
      assert.ok(lease.release.lock!.expiresAt > before);
      const done = await store.release(lease, { status: "deployed", description: "Upgrade complete" });
      assert.equal(done.release.lock, undefined);
      assert.deepEqual((await store.revisions(name)).map((s) => [s.revision, s.status, s.lock]), [[1, "superseded", undefined], [2, "deployed", undefined]]);
      await store.acquire(name, "next", MINUTE, sampleDraft(name, "pending-upgrade"));
    });

    it("GIVEN a lease taken over after expiry WHEN the old holder releases THEN StorageConflict", async () => {
      let now = Date.parse("2024-05-01T10:00:00.000Z");
      const store = new ReleaseStore(driver(), { now: () => now });
      const name = releaseName();
      const old = await store.acquire(name, "slow", MINUTE, sampleDraft(name));
      now += 2 * MINUTE;
      await store.acquire(name, "fast", MINUTE, sampleDraft(name));
      await rejectsWithCode(store.release(old, { status: "deployed" }), "StorageConflict");
    });

    it("GIVEN a live lock WHEN forced or unlocked THEN the pending revision is failed and the lock can be taken", async () => {
      const store = new ReleaseStore(driver());
      const name = releaseName();
      await store.acquire(name, "stuck", 10 * MINUTE, sampleDraft(name));
      const unlocked = await store.unlock(name, "admin");
      assert.equal(unlocked?.release.status, "failed");
      assert.equal(await store.unlock(name, "admin"), undefined);
      await store.acquire(name, "stuck-again", 10 * MINUTE, sampleDraft(name));
      const forced = await store.acquire(name, "me", MINUTE, sampleDraft(name), { force: true });
      assert.equal(forced.release.revision, 3);
    });
  });
}
