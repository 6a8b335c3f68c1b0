// GIVEN `berth local up` WHEN it has started a detached control plane THEN status reports it running
// with a usable kubeconfig and no recurring error in the API server log, a second up reuses it, and
// down stops every process and removes its data.
import { it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cacheDir } from "../../src/util/cache-dir.js";
import { isAlive } from "../../src/local/cache.js";
import { localDown, localStatus, localUp } from "../../src/local/session.js";

it("GIVEN no local control plane WHEN up, up again, status and down THEN it starts once, reports running, and stops completely", async () => {
  // A private cache directory sharing the already-built binaries.
  const cache = await mkdtemp(join(tmpdir(), "berth-session-"));
  await symlink(join(cacheDir(process.env), "bin"), join(cache, "bin"));
  const first = await localUp({ cacheDir: cache });
  try {
    assert.equal(first.started, true);
    assert.equal(first.pids.length, 5);
    const second = await localUp({ cacheDir: cache });
    assert.equal(second.started, false);
    assert.deepEqual(second.pids, first.pids);
    const status = await localStatus({ cacheDir: cache });
    assert.equal(status.running, true);
    assert.ok(existsSync(status.kubeconfigPath));
    // the API server's first reconcile of the `kubernetes` Service runs ~3 s after it starts
    await new Promise((r) => setTimeout(r, 5000));
    const log = await readFile(join(first.dir, "kube-apiserver.log"), "utf8");
    assert.doesNotMatch(log, /unable to sync kubernetes service/, "the API server reconciles no endpoints of the `kubernetes` Service (a loopback address is invalid there)");
  } finally {
    assert.equal(await localDown({ cacheDir: cache }), true);
  }
  const deadline = Date.now() + 10_000;
  while (first.pids.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.ok(!first.pids.some(isAlive), "every process stopped");
  assert.equal((await localStatus({ cacheDir: cache })).running, false);
  assert.ok(!existsSync(first.dir));
});
