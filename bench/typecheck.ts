// The type check of `berth plan|deploy` with its cache, installed form (compiled dist/, the examples
// copied into a project where `berth` is an installed package), each check in a fresh process as the CLI runs it: an example checked cold (empty cache), again unchanged
// (a cache hit: nothing checked, the compiler not even loaded), and after a one-line change to the
// script (checked again). Goals: unchanged not re-checked; a changed example well under 1 s.
// Run: node --import tsx bench/typecheck.ts [repeats=3]
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { installedBerth } from "./tools.js";

const exec = promisify(execFile);
const root = join(import.meta.dirname, "..");
const REPEATS = Number(process.argv[2] ?? 3);
const EXAMPLES = ["quickstart", "webapp", "stack"];

// in the checkout, "berth" would resolve to its sources, which the check then reads; installed, to dist/*.d.ts
const { app } = await installedBerth();
for (const dir of ["examples", "typings"]) await cp(join(root, dir), join(app, dir), { recursive: true });

/** One check in a fresh process: wall ms of the process and of the check, and whether it was cached. */
async function check(script: string, cacheDir: string): Promise<{ processMs: number; checkMs: number; cached: boolean; files: number }> {
  const code = `const t0 = performance.now();
const { typecheckScript } = await import(${JSON.stringify(join(root, "dist", "runner", "typecheck.js"))});
const t1 = performance.now();
const r = await typecheckScript(${JSON.stringify(script)}, { cacheDir: ${JSON.stringify(cacheDir)} });
console.log(JSON.stringify({ checkMs: performance.now() - t1, cached: r.cached, files: r.files }));`;
  const t0 = performance.now();
  const { stdout } = await exec(process.execPath, ["--input-type=module", "-e", code], { cwd: app });
  return { processMs: performance.now() - t0, ...(JSON.parse(stdout) as { checkMs: number; cached: boolean; files: number }) };
}

const best = async (n: number, f: () => Promise<{ processMs: number; checkMs: number; cached: boolean; files: number }>) => {
  const runs = [];
  for (let i = 0; i < n; i++) runs.push(await f());
  return runs.sort((a, b) => a.processMs - b.processMs)[0]!;
};
const ms = (x: number) => `${(x / 1000).toFixed(2)} s`;

console.log(`example      step        process    check  cached  files   (best of ${REPEATS}, each a fresh process)`);
for (const example of EXAMPLES) {
  const script = join(app, "examples", example, "deploy.ts");
  const original = await readFile(script, "utf8");
  try {
    const cold = await best(REPEATS, async () => check(script, await mkdtemp(join(tmpdir(), "berth-tc-"))));
    const cache = await mkdtemp(join(tmpdir(), "berth-tc-"));
    await check(script, cache);
    const unchanged = await best(REPEATS, () => check(script, cache));
    let n = 0;
    const changed = await best(REPEATS, async () => {
      await writeFile(script, `${original}\n// changed ${++n}\n`);
      return await check(script, cache);
    });
    for (const [step, r] of [["cold", cold], ["unchanged", unchanged], ["changed", changed]] as const) {
      console.log(`${example.padEnd(12)} ${step.padEnd(10)} ${ms(r.processMs).padStart(8)} ${ms(r.checkMs).padStart(8)}  ${String(r.cached).padEnd(6)}  ${String(r.files).padStart(5)}`);
    }
  } finally {
    await writeFile(script, original);
  }
}
