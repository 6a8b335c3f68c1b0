// GIVEN a test run killed with SIGKILL (no chance to stop its control plane) WHEN a control plane is
// started again THEN the orphaned processes are killed and their run directory removed.
import { it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isAlive } from "../../src/local/cache.js";
import { reapStaleRuns } from "../../src/local/reap.js";

const root = join(import.meta.dirname, "..", "..");

it("GIVEN a control plane whose owner was SIGKILLed WHEN stale runs are reaped THEN its processes die and its directory is gone", async () => {
  const child = spawn(process.execPath, ["--conditions=development", "--import", "tsx", "test/local/fixtures/start-and-hang.ts"], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      if (out.includes("\n")) resolve(out.split("\n")[0]!);
    });
    child.once("exit", (code) => reject(new Error(`fixture exited with ${code} before starting`)));
  });
  const { dir, pids } = JSON.parse(line) as { dir: string; pids: number[] };
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
  assert.ok(pids.every(isAlive), "the control plane outlives its killed owner");
  const reaped = await reapStaleRuns(tmpdir(), "berth-local-");
  assert.ok(reaped >= 1);
  const deadline = Date.now() + 10_000;
  while (pids.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.ok(!pids.some(isAlive), "every orphaned process was killed");
  assert.ok(!existsSync(dir), "the run directory was removed");
});
