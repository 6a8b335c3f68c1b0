// GIVEN test runs to record in a revision WHEN another writer changed the record meanwhile THEN the
// write is retried once on the re-read record, and given up (not thrown) when it conflicts again.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { recordHookRuns } from "../../src/hooks/record.js";
import type { HookRun } from "../../src/hooks/events.js";
import type { Driver } from "../../src/storage/driver.js";
import { StorageConflict } from "../../src/storage/errors.js";
import { memoryDriver } from "../../src/storage/memory.js";
import { ReleaseStore } from "../../src/storage/store.js";
import { releaseName, sampleRelease } from "../storage/sample.js";

const runOf = (name: string, phase: HookRun["phase"]): HookRun => ({ name, kind: "Job", ref: { apiVersion: "batch/v1", kind: "Job", name }, events: ["test"], phase, startedAt: "2024-05-01T10:00:00Z", completedAt: "2024-05-01T10:00:05Z" });

/** A release whose hooks include a test Job `<name>-test`. */
async function stored(store: ReleaseStore, name: string) {
  const base = sampleRelease(name);
  const testHook = { ...base.hooks[0]!, object: { ...base.hooks[0]!.object, metadata: { name: `${name}-test` } }, events: ["test" as const] };
  return await store.create({ ...base, hooks: [...base.hooks, testHook] });
}

describe("recordHookRuns", () => {
  it("GIVEN a current record WHEN runs are recorded THEN the matching hook gets lastRun, the others are untouched", async () => {
    const store = new ReleaseStore(memoryDriver());
    const name = releaseName();
    const record = await stored(store, name);
    assert.equal(await recordHookRuns(store, record, [runOf(`${name}-test`, "Failed")]), true);
    const hooks = (await store.get(name, 1)).release.hooks;
    assert.deepEqual(hooks.at(-1)?.lastRun, { phase: "Failed", startedAt: "2024-05-01T10:00:00Z", completedAt: "2024-05-01T10:00:05Z" });
    assert.deepEqual(hooks[0]?.lastRun, record.release.hooks[0]?.lastRun);
  });

  it("GIVEN the record changed since it was read WHEN runs are recorded THEN it is re-read and both changes stand", async () => {
    const store = new ReleaseStore(memoryDriver());
    const name = releaseName();
    const stale = await stored(store, name);
    await store.update({ ...stale.release, status: "superseded" }, stale.version);
    assert.equal(await recordHookRuns(store, stale, [runOf(`${name}-test`, "Succeeded")]), true);
    const now = (await store.get(name, 1)).release;
    assert.equal(now.status, "superseded");
    assert.equal(now.hooks.at(-1)?.lastRun?.phase, "Succeeded");
  });

  it("GIVEN every write conflicts WHEN runs are recorded THEN two attempts are made and false is returned", async () => {
    const inner = memoryDriver();
    let updates = 0;
    const conflicting: Driver = { ...inner, name: inner.name, update: async (release) => {
      updates++;
      throw new StorageConflict(release.name, release.revision);
    } };
    const store = new ReleaseStore(conflicting);
    const name = releaseName();
    const record = await stored(store, name);
    assert.equal(await recordHookRuns(store, record, [runOf(`${name}-test`, "Succeeded")]), false);
    assert.equal(updates, 2);
  });

  it("GIVEN no runs WHEN recorded THEN nothing is written", async () => {
    const store = new ReleaseStore(memoryDriver());
    const record = await stored(store, releaseName());
    assert.equal(await recordHookRuns(store, record, []), false);
    assert.equal((await store.get(record.release.name, 1)).version, record.version);
  });
});
