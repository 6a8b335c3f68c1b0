// holdYoungGeneration: once called, V8 no longer grows the young generation (checked in a child process,
// as the flag is process-wide).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const heap = fileURLToPath(new URL("../../src/cli/heap.ts", import.meta.url));

/** Young generation size before and after allocating much short-lived data, in a fresh process. */
function youngGeneration(hold: boolean, workerAfter = false): { before: number; after: number } {
  const program = `
    import { getHeapSpaceStatistics } from "node:v8";
    import { Worker } from "node:worker_threads";
    import { holdYoungGeneration } from ${JSON.stringify(heap)};
    const size = () => getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size;
    const before = size();
    if (${hold}) holdYoungGeneration();
    if (${workerAfter}) await new Promise((resolve) => new Worker("", { eval: true }).on("exit", resolve));
    let keep = [];
    for (let i = 0; i < 2e6; i++) { keep.push({ i, text: "x" + i }); if (keep.length > 100000) keep = []; }
    console.log(JSON.stringify({ before, after: size() }));
    process.exit(0);
  `;
  return JSON.parse(execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", program], { encoding: "utf8" })) as { before: number; after: number };
}

describe("holdYoungGeneration", () => {
  it("GIVEN a process allocating much short-lived data WHEN the young generation is held THEN it does not grow; without THEN it grows", () => {
    const held = youngGeneration(true);
    const free = youngGeneration(false);
    assert.ok(free.after > free.before, JSON.stringify(free));
    // V8 may take one growth step before it reads the flag (1 → 2 MiB in a bare process); unheld it
    // doubles up to 32 MiB under this allocation
    assert.ok(held.after <= 2 * held.before && held.after * 4 <= free.after, JSON.stringify({ held, free }));
  });

  it("GIVEN a worker thread started after the hold THEN the hold is gone (Node sets V8's flags back): callers hold after starting the script loader", () => {
    const reset = youngGeneration(true, true);
    assert.ok(reset.after > reset.before, JSON.stringify(reset));
  });
});
