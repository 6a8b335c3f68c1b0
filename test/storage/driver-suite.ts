// The behaviour every Driver owes, run for memory, Secret and ConfigMap.
import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import type { Driver } from "../../src/storage/driver.js";
import { releaseKey } from "../../src/storage/name.js";
import { releaseName, sampleRelease } from "./sample.js";

/** Asserts that `promise` rejects with a BerthError of this code. */
export async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (e: unknown) => (e as { code?: string }).code === code);
}

/**
 * Declares the shared driver tests; `driver()` is called inside each test. `sameStore(d)` is another
 * writer of `d`'s records (another driver instance over the same storage, or `d` itself).
 */
export function driverSuite(label: string, driver: () => Driver, sameStore: (d: Driver) => Driver = (d) => d): void {
  describe(`${label} driver`, () => {
    it("GIVEN a release WHEN created and read back THEN it is equal and carries a version", async () => {
      const d = driver();
      const release = sampleRelease(releaseName());
      const created = await d.create(releaseKey(release.name, 1), release);
      const read = await d.get(release.name, 1);
      assert.deepEqual(read.release, release);
      assert.equal(read.version, created.version);
      assert.ok(read.version);
    });

    it("GIVEN an existing revision WHEN created again THEN ReleaseExists", async () => {
      const d = driver();
      const release = sampleRelease(releaseName());
      await d.create(releaseKey(release.name, 1), release);
      await rejectsWithCode(d.create(releaseKey(release.name, 1), release), "ReleaseExists");
    });

    it("GIVEN two concurrent creates of one revision WHEN both run THEN exactly one wins", async () => {
      const d = driver();
      const release = sampleRelease(releaseName());
      const results = await Promise.allSettled([d.create(releaseKey(release.name, 1), release), d.create(releaseKey(release.name, 1), release)]);
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
      const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      assert.equal((lost.reason as { code: string }).code, "ReleaseExists");
    });

    it("GIVEN a key that is not the revision's WHEN created THEN StorageKeyMismatch", async () => {
      const release = sampleRelease(releaseName());
      await rejectsWithCode(driver().create("other", release), "StorageKeyMismatch");
    });

    it("GIVEN a stored revision WHEN updated with its version THEN the new content and a new version are stored", async () => {
      const d = driver();
      const release = sampleRelease(releaseName(), 1, "pending-install");
      const created = await d.create(releaseKey(release.name, 1), release);
      const updated = await d.update({ ...release, status: "deployed" }, { expectedVersion: created.version });
      assert.notEqual(updated.version, created.version);
      assert.equal((await d.get(release.name, 1)).release.status, "deployed");
    });

    it("GIVEN a stale version WHEN updated THEN StorageConflict and the record is unchanged", async () => {
      const d = driver();
      const release = sampleRelease(releaseName(), 1, "pending-install");
      const created = await d.create(releaseKey(release.name, 1), release);
      await d.update({ ...release, status: "failed" }, { expectedVersion: created.version });
      await rejectsWithCode(d.update({ ...release, status: "deployed" }, { expectedVersion: created.version }), "StorageConflict");
      assert.equal((await d.get(release.name, 1)).release.status, "failed");
    });

    it("GIVEN a record another writer replaced since this driver wrote it WHEN updated with the version it wrote THEN StorageConflict and the other's content stays", async () => {
      const mine = driver();
      const other = sameStore(mine);
      const release = sampleRelease(releaseName(), 1, "pending-install");
      const created = await mine.create(releaseKey(release.name, 1), release);
      const read = await other.get(release.name, 1);
      await other.update({ ...release, status: "failed" }, { expectedVersion: read.version });
      await rejectsWithCode(mine.update({ ...release, status: "deployed" }, { expectedVersion: created.version }), "StorageConflict");
      assert.equal((await mine.get(release.name, 1)).release.status, "failed");
    });

    it("GIVEN no record WHEN read, updated or deleted THEN ReleaseNotFound, ReleaseNotFound, false", async () => {
      const d = driver();
      const name = releaseName();
      await rejectsWithCode(d.get(name, 1), "ReleaseNotFound");
      await rejectsWithCode(d.update(sampleRelease(name)), "ReleaseNotFound");
      assert.equal(await d.delete(name, 1), false);
    });

    it("GIVEN a record WHEN deleted THEN it is gone", async () => {
      const d = driver();
      const release = sampleRelease(releaseName());
      await d.create(releaseKey(release.name, 1), release);
      assert.equal(await d.delete(release.name, 1), true);
      await rejectsWithCode(d.get(release.name, 1), "ReleaseNotFound");
    });

    it("GIVEN revisions in several statuses WHEN queried by name and status THEN summaries come from labels", async () => {
      const d = driver();
      const name = releaseName();
      const lock = { holder: "ci", acquiredAt: "2024-05-01T10:00:00.000Z", expiresAt: "2999-01-01T00:00:00.000Z" };
      await d.create(releaseKey(name, 1), sampleRelease(name, 1, "superseded"));
      await d.create(releaseKey(name, 2), sampleRelease(name, 2, "deployed"));
      await d.create(releaseKey(name, 3), { ...sampleRelease(name, 3, "pending-upgrade"), lock });
      const other = releaseName();
      await d.create(releaseKey(other, 1), sampleRelease(other));
      const all = (await d.query({ name })).sort((a, b) => a.revision - b.revision);
      assert.deepEqual(all.map((s) => [s.revision, s.status]), [[1, "superseded"], [2, "deployed"], [3, "pending-upgrade"]]);
      assert.deepEqual(all[2]!.lock, lock);
      assert.ok(all.every((s) => s.name === name && s.version && s.createdAt));
      assert.deepEqual((await d.query({ name, status: "deployed" })).map((s) => s.revision), [2]);
      assert.deepEqual(await d.query({ name, owner: "someone-else" }), []);
      assert.equal((await d.query({ name, labels: { team: "payments" } })).length, 3);
    });

    it("GIVEN revisions WHEN listed with a filter THEN matching records are decoded", async () => {
      const d = driver();
      const name = releaseName();
      await d.create(releaseKey(name, 1), sampleRelease(name, 1, "superseded"));
      await d.create(releaseKey(name, 2), sampleRelease(name, 2, "deployed"));
      const listed = await d.list({ name, where: (r) => r.revision > 1 });
      assert.deepEqual(listed.map((s) => s.release), [sampleRelease(name, 2, "deployed")]);
    });
  });
}
