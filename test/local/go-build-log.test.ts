// GIVEN Go commands that print at once WHEN each runs with its output appended to one log THEN every
// command line precedes that command's output: the build reads the last JSON document of the log
// (`go mod download -json`), and a command line written after it broke the parse now and then. Busy
// libuv threads (file writes wait for one) make that order show: the test keeps them busy.
import { it } from "node:test";
import assert from "node:assert/strict";
import { pbkdf2 } from "node:crypto";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runGo } from "../../src/local/go-build.js";
import { fakeGo } from "./fixtures/fake-go.js";

it("GIVEN 20 runs of `go mod download -json` into one log WHEN each has finished THEN the log alternates command line, JSON output", async () => {
  const go = await fakeGo();
  const work = await mkdtemp(join(tmpdir(), "berth-go-log-"));
  const log = join(work, "build.log");
  // a queue of jobs kept 8 deep in libuv's 4 threads: every file operation waits behind a few
  let busy = true;
  const pump = () => void (busy && pbkdf2("x", "y", 20_000, 32, "sha256", pump));
  for (let i = 0; i < 8; i++) pump();
  try {
    for (let i = 0; i < 20; i++) {
      await runGo({ go, args: ["mod", "download", "-json", `example.com/m${i}@v1.0.0`], cwd: work, env: { PATH: process.env["PATH"] }, log, what: "m" });
      const text = await readFile(log, "utf8");
      assert.ok(text.endsWith("}\n"), `run ${i}: the log ends with the command's JSON, not a command line:\n${text.slice(-200)}`);
    }
  } finally {
    busy = false;
  }
  const lines = (await readFile(log, "utf8")).split("\n").filter((l) => l.startsWith("$ go "));
  assert.deepEqual(lines, Array.from({ length: 20 }, (_, i) => `$ go mod download -json example.com/m${i}@v1.0.0`));
});
