// deferOptimizer: V8's optimizing compiler stays off for the delay and is back after it (checked in a
// child process with V8's natives syntax, as the flag is process-wide).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { optimizerDelayMs } from "../../src/cli/commands/plan.js";
import { OPTIMIZER_DELAY_MS } from "../../src/cli/optimizer.js";

const optimizer = fileURLToPath(new URL("../../src/cli/optimizer.ts", import.meta.url));
const berth = fileURLToPath(new URL("../../bin/berth.js", import.meta.url));

/** Runs a hot function until TurboFan optimizes it (at most 40 rounds); `status` reads V8's OptimizationStatus. */
const HOT_LOOP = `
const hot = (n) => { let s = 0; for (let i = 0; i < n; i++) s += (i * 7) % 13; return s; };
let optimized = false;
for (let round = 0; round < 40 && !optimized; round++) {
  for (let k = 0; k < 200; k++) hot(1e4);
  // bit 4 is "optimized" (TurboFan); its background compile needs turns of the loop
  optimized = (status(hot) & 16) !== 0;
  await new Promise((resolve) => setTimeout(resolve, 5));
}
console.log(JSON.stringify(optimized));
`;

/**
 * Whether a hot function gets optimized by TurboFan (run until it is, at most 40 rounds) in a fresh
 * process, after `setup` and a wait of `waitMs`.
 */
function getsOptimized(setup: string, waitMs: number): boolean {
  const program = `
    import { deferOptimizer } from ${JSON.stringify(optimizer)};
    ${setup};
    await new Promise((resolve) => setTimeout(resolve, ${waitMs}));
    const status = (f) => %GetOptimizationStatus(f);
    ${HOT_LOOP}
  `;
  return JSON.parse(execFileSync(process.execPath, ["--allow-natives-syntax", "--import", "tsx", "--input-type=module", "-e", program], { encoding: "utf8" })) as boolean;
}

describe("deferOptimizer", () => {
  it("GIVEN a hot function WHEN the optimizer is deferred THEN it is not optimized during the delay", () => {
    assert.equal(getsOptimized("deferOptimizer(60_000)", 0), false);
  });

  it("GIVEN the optimizer deferred WHEN the delay has passed THEN the hot function is optimized", () => {
    assert.equal(getsOptimized("deferOptimizer(50)", 200), true);
  });

  it("GIVEN the same hot function and V8's defaults THEN it is optimized (the first check can fail)", () => {
    assert.equal(getsOptimized("", 0), true);
  });

  /** What the hot loop printed in a script run by `berth plan` with `BERTH_OPTIMIZER_DELAY_MS=delay`. */
  function optimizedInScript(delay: string): boolean {
    const dir = mkdtempSync(join(tmpdir(), "berth-optimizer-"));
    try {
      writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
      // natives syntax turned on at run time, for code compiled after (the script is bundled first)
      writeFileSync(join(dir, "deploy.ts"), `import { setFlagsFromString } from "node:v8";
setFlagsFromString("--allow-natives-syntax");
const status = new Function("f", "return %GetOptimizationStatus(f)") as (f: unknown) => number;
${HOT_LOOP}`);
      const out = execFileSync(process.execPath, [berth, "plan", "deploy.ts", "--no-typecheck"], { cwd: dir, encoding: "utf8", env: { ...process.env, BERTH_OPTIMIZER_DELAY_MS: delay } });
      return JSON.parse(/^(true|false)$/m.exec(out)?.[1] ?? "null") as boolean;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  // a delay of 10 minutes: the check cannot outlast it on a loaded machine (the default's 2 s it can)
  it("GIVEN a deploy script WHEN `berth plan` runs it THEN its code runs with the optimizer deferred", () => {
    assert.equal(optimizedInScript("600000"), false);
  });

  it("GIVEN BERTH_OPTIMIZER_DELAY_MS=0 WHEN `berth plan` runs the script THEN V8's defaults hold: it is optimized", () => {
    assert.equal(optimizedInScript("0"), true);
  });

  it("GIVEN BERTH_OPTIMIZER_DELAY_MS WHEN read THEN unset or empty is the default, a whole number is taken, anything else is a UsageError naming it", () => {
    assert.equal(optimizerDelayMs("deploy", {}), OPTIMIZER_DELAY_MS);
    assert.equal(optimizerDelayMs("deploy", { BERTH_OPTIMIZER_DELAY_MS: "" }), OPTIMIZER_DELAY_MS);
    assert.equal(optimizerDelayMs("plan", { BERTH_OPTIMIZER_DELAY_MS: "0" }), 0);
    assert.equal(optimizerDelayMs("plan", { BERTH_OPTIMIZER_DELAY_MS: "5000" }), 5000);
    for (const bad of ["soon", "-1", "1.5"]) {
      assert.throws(() => optimizerDelayMs("deploy", { BERTH_OPTIMIZER_DELAY_MS: bad }), (e: Error & { code?: string }) => e.code === "UsageError" && e.message.includes(`BERTH_OPTIMIZER_DELAY_MS`) && e.message.includes(`"${bad}"`));
    }
  });
});
