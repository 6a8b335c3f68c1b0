import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import type { Driver } from "../../src/storage/driver.js";
import { memoryDriver } from "../../src/storage/memory.js";
import { releaseKey, validateReleaseName } from "../../src/storage/name.js";
import { ReleaseStore } from "../../src/storage/store.js";
import { rejectsWithCode } from "./driver-suite.js";
import { releaseName, sampleDraft, sampleRelease } from "./sample.js";
import { lockSuite } from "./lock-suite.js";

describe("ReleaseStore history", () => {
  it("GIVEN revisions stored out of order WHEN history, last, lastDeployed, nextRevision THEN sorted and right", async () => {
    const store = new ReleaseStore(memoryDriver());
    const name = releaseName();
    for (const [rev, status] of [[3, "failed"], [1, "superseded"], [2, "deployed"]] as const) await store.create(sampleRelease(name, rev, status));
    assert.deepEqual((await store.history(name)).map((s) => s.release.revision), [1, 2, 3]);
    assert.deepEqual((await store.revisions(name)).map((s) => s.status), ["superseded", "deployed", "failed"]);
    assert.equal((await store.last(name))?.release.revision, 3);
    assert.equal((await store.lastDeployed(name))?.release.revision, 2);
    assert.equal(await store.nextRevision(name), 4);
  });

  it("GIVEN no revisions WHEN asked THEN empty history, undefined last, next revision 1", async () => {
    const store = new ReleaseStore(memoryDriver());
    assert.deepEqual(await store.history("absent"), []);
    assert.equal(await store.last("absent"), undefined);
    assert.equal(await store.lastDeployed("absent"), undefined);
    assert.equal(await store.nextRevision("absent"), 1);
  });

  it("GIVEN 14 revisions, the last deployed being the 2nd WHEN trimmed to 10 THEN the oldest go but revision 2 stays", async () => {
    const store = new ReleaseStore(memoryDriver(), { maxHistory: 10 });
    const name = releaseName();
    for (let rev = 1; rev <= 14; rev++) await store.create(sampleRelease(name, rev, rev === 2 ? "deployed" : rev < 2 ? "superseded" : "failed"));
    assert.deepEqual(await store.trim(name), [1, 3, 4, 5]);
    const left = (await store.revisions(name)).map((s) => s.revision);
    assert.deepEqual(left, [2, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it("GIVEN maxHistory 0 WHEN trimmed THEN nothing is deleted", async () => {
    const store = new ReleaseStore(memoryDriver(), { maxHistory: 0 });
    const name = releaseName();
    for (let rev = 1; rev <= 12; rev++) await store.create(sampleRelease(name, rev, "superseded"));
    assert.deepEqual(await store.trim(name), []);
  });

  it("GIVEN the earlier deployed revision is rewritten meanwhile (test runs recorded) WHEN a new one is released deployed THEN the earlier one is still superseded", async () => {
    const inner = memoryDriver();
    let raced = false;
    const racing: Driver = { ...inner, update: async (release, options) => {
      if (!raced && release.status === "superseded") {
        raced = true;
        const current = await inner.get(release.name, release.revision);
        await inner.update({ ...current.release, description: "test runs recorded" }); // another writer wins the race
      }
      return inner.update(release, options);
    } };
    const store = new ReleaseStore(racing);
    const name = releaseName();
    await store.create(sampleRelease(name, 1, "deployed"));
    const lease = await store.acquire(name, "me", 60_000, sampleDraft(name, "pending-upgrade"));
    await store.release(lease, { status: "deployed", description: "Upgrade complete" });
    assert.ok(raced);
    assert.deepEqual((await store.revisions(name)).map((s) => s.status), ["superseded", "deployed"]);
    assert.equal((await store.get(name, 1)).release.description, "test runs recorded");
  });
});

describe("release names", () => {
  it("GIVEN valid names WHEN validated THEN they pass", () => {
    for (const name of ["web", "a", "web-1", "1web", "a".repeat(53)]) validateReleaseName(name);
  });

  it("GIVEN invalid names WHEN validated THEN InvalidReleaseName", () => {
    for (const name of ["", "Web", "web_1", "-web", "web-", "web.app", "a".repeat(54)]) {
      assert.throws(() => validateReleaseName(name), (e: unknown) => (e as { code?: string }).code === "InvalidReleaseName");
    }
  });

  it("GIVEN an invalid name WHEN a store reads history THEN InvalidReleaseName", async () => {
    await rejectsWithCode(new ReleaseStore(memoryDriver()).history("Bad_Name"), "InvalidReleaseName");
  });

  it("GIVEN a name and revision WHEN keyed THEN Helm's key", () => {
    assert.equal(releaseKey("web", 12), "sh.helm.release.v1.web.v12");
  });
});

lockSuite("memory", () => memoryDriver());

describe("ReleaseStore.acquire with the latest revision known", () => {
  /** A memory driver counting `get`s. */
  function counted(): { driver: Driver; gets: () => number } {
    const inner = memoryDriver();
    let gets = 0;
    return { driver: { ...inner, get: (...args: Parameters<Driver["get"]>) => (gets++, inner.get(...args)) }, gets: () => gets };
  }

  it("GIVEN the latest revision as read before WHEN the lock is taken THEN it is not read again and the draft sees it", async () => {
    const { driver, gets } = counted();
    const store = new ReleaseStore(driver);
    const name = releaseName();
    const known = await store.create(sampleRelease(name, 1, "deployed"));
    const before = gets();
    let seen: number | undefined;
    const lease = await store.acquire(name, "me", 60_000, (last) => ((seen = last?.revision), sampleDraft(name, "pending-upgrade")), { known });
    assert.equal(gets() - before, 0);
    assert.equal(seen, 1);
    assert.equal(lease.release.revision, 2);
    assert.equal(lease.release.firstDeployed, known.release.firstDeployed);
  });

  it("GIVEN a known revision that was rewritten since WHEN the lock is taken THEN the record is read again", async () => {
    const { driver, gets } = counted();
    const store = new ReleaseStore(driver);
    const name = releaseName();
    const known = await store.create(sampleRelease(name, 1, "deployed"));
    await store.update({ ...known.release, description: "rewritten" }, known.version);
    const before = gets();
    let description: string | undefined;
    await store.acquire(name, "me", 60_000, (last) => ((description = last?.description), sampleDraft(name, "pending-upgrade")), { known });
    assert.equal(gets() - before, 1);
    assert.equal(description, "rewritten");
  });

  it("GIVEN a release known to have no records WHEN the lock is taken THEN revision 1 is created without listing; one created meanwhile is found by the create, and the draft then sees it", async () => {
    const inner = memoryDriver();
    let queries = 0;
    const store = new ReleaseStore({ ...inner, query: (...args: Parameters<Driver["query"]>) => (queries++, inner.query(...args)) });
    const name = releaseName();
    const lease = await store.acquire(name, "me", 60_000, () => sampleDraft(name, "pending-install"), { knownEmpty: true });
    assert.equal(lease.release.revision, 1);
    assert.equal(queries, 0, "no listing");

    const raced = releaseName();
    await store.create(sampleRelease(raced, 1, "deployed"));
    const seen: Array<number | undefined> = [];
    const second = await store.acquire(raced, "me", 60_000, (last) => (seen.push(last?.revision), sampleDraft(raced, "pending-upgrade")), { knownEmpty: true });
    assert.deepEqual(seen, [undefined, 1], "first as known (empty), then as listed after the create failed");
    assert.equal(second.release.revision, 2);
  });
});
