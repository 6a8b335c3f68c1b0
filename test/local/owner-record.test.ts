// GIVEN many owner records written one after another WHEN read back THEN the file holds exactly the last one.
import { it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readOwner, recordOwner } from "../../src/local/reap.js";

it("GIVEN records of shrinking length written in a chain WHEN read THEN the last record is read whole", async () => {
  const dir = await mkdtemp(join(tmpdir(), "berth-owner-"));
  let chain: Promise<void> = Promise.resolve();
  for (let n = 6; n >= 1; n--) {
    const record = { owner: 1, detached: true, pids: Array.from({ length: n }, (_, i) => 100000 + i) };
    chain = chain.then(() => recordOwner(dir, record));
  }
  await chain;
  assert.deepEqual(await readOwner(dir), { owner: 1, detached: true, pids: [100000] });
});

it("GIVEN no record or a corrupt one WHEN read THEN undefined, not an error", async () => {
  const dir = await mkdtemp(join(tmpdir(), "berth-owner-"));
  assert.equal(await readOwner(dir), undefined);
});
