// GIVEN a broken environment WHEN the local control plane is built or started THEN the error names
// what to install or what failed, with the end of the failing process's log.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { chmod, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBinary } from "../../src/local/binaries.js";
import { startLocalCluster } from "../../src/local/control-plane.js";
import { LOCAL_VERSIONS } from "../../src/local/versions.js";

async function fakeBinary(dir: string, name: string, script: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, name), `#!/bin/sh\n${script}\n`);
  await chmod(join(dir, name), 0o755);
}

describe("local control plane failures", () => {
  it("GIVEN no Go toolchain WHEN a binary must be built THEN GoNotFound says what to install", async () => {
    const cache = await mkdtemp(join(tmpdir(), "berth-cache-"));
    await assert.rejects(ensureBinary("etcd", { cacheDir: cache, env: { BERTH_GO: "/nonexistent/go" } }), (e: Error & { code?: string }) => {
      assert.equal(e.code, "GoNotFound");
      assert.match(e.message, /Go 1\.26/);
      return true;
    });
  });

  it("GIVEN an etcd binary that exits at once WHEN the control plane starts THEN LocalStartFailed carries the end of its log", async () => {
    const cache = await mkdtemp(join(tmpdir(), "berth-cache-"));
    const kube = join(cache, "bin", `kubernetes-v${LOCAL_VERSIONS.kubernetes}`);
    for (const name of ["kube-apiserver", "kube-controller-manager", "kube-scheduler"]) await fakeBinary(kube, name, "exit 1");
    await fakeBinary(join(cache, "bin", `kwok-v${LOCAL_VERSIONS.kwok}`), "kwok", "exit 1");
    await fakeBinary(join(cache, "bin", `etcd-v${LOCAL_VERSIONS.etcd}`), "etcd", 'echo "etcdmain: listen tcp: address already in use" >&2; exit 2');
    await assert.rejects(startLocalCluster({ cacheDir: cache, startTimeoutMs: 10_000 }), (e: Error & { code?: string }) => {
      assert.equal(e.code, "LocalStartFailed");
      assert.match(e.message, /etcd exited with code 2/);
      assert.match(e.message, /address already in use/);
      return true;
    });
  });
});
