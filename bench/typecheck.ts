// The type check of `berth plan|deploy` with its cache, installed form (compiled dist/, the examples
// copied into a project where `berth` is an installed package), each check in a fresh process as the
// CLI runs it: an example checked cold (empty cache), again unchanged (a cache hit: nothing checked,
// the compiler not even loaded), and after a one-line change to the script (checked again) — with
// the resident checker (what the CLI does: the cold check starts it, a changed script is checked by
// it) and in-process (BERTH_TYPECHECK_SERVER=0), with and without the compiler's V8 code cache. With `--baseline <git ref>`, that revision is built
// too and its changed check measured in the same run, alternating with this one.
// Goals: unchanged not re-checked; a changed example well under 1 s.
// Run: node --import tsx bench/typecheck.ts [repeats=3] [--baseline main]
import { execFile, spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs, promisify } from "node:util";
import { installedBerth } from "./tools.js";

const exec = promisify(execFile);
const root = join(import.meta.dirname, "..");
const { values, positionals } = parseArgs({ options: { baseline: { type: "string" } }, allowPositionals: true });
const REPEATS = Number(positionals[0] ?? 3);
const EXAMPLES = ["quickstart", "webapp", "stack"];

// in the checkout, "berth" would resolve to its sources, which the check then reads; installed, to dist/*.d.ts
const { app } = await installedBerth();
for (const dir of ["examples", "typings"]) await cp(join(root, dir), join(app, dir), { recursive: true });

/** The baseline revision compiled into a temp folder (its dist/), sharing this checkout's node_modules. */
async function buildBaseline(ref: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "berth-tc-baseline-"));
  const archive = spawnSync("sh", ["-c", `git -C '${root}' archive '${ref}' src package.json tsconfig.json tsconfig.build.json | tar -x -C '${dir}'`], { stdio: "inherit" });
  if (archive.status !== 0) throw new Error(`bench: git archive ${ref} failed`);
  await symlink(join(root, "node_modules"), join(dir, "node_modules"));
  const built = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(dir, "tsconfig.build.json")], { stdio: "inherit" });
  if (built.status !== 0) throw new Error(`bench: building ${ref} failed`);
  return join(dir, "dist");
}
const baselineDist = values.baseline ? await buildBaseline(values.baseline) : undefined;
// the checker's modules are internal and the installed dist/ is bundled: HEAD compiled file by file
// gives them (a server is named after the build that started it: its client stops it)
const currentDist = await buildBaseline("HEAD");
const { stopTypecheckServer } = (await import(pathToFileURL(join(currentDist, "runner", "typecheck-client.js")).href)) as typeof import("../src/runner/typecheck-client.js");

interface Check {
  readonly processMs: number;
  readonly checkMs: number;
  readonly cached: boolean;
  readonly files: number;
}

/** One check in a fresh process: wall ms of the process and of the check, and whether it was cached. */
async function check(script: string, cacheDir: string, options: { server: boolean; dist?: string }): Promise<Check> {
  const code = `const t0 = performance.now();
const { typecheckScript } = await import(${JSON.stringify(join(options.dist ?? currentDist, "runner", "typecheck.js"))});
const t1 = performance.now();
const r = await typecheckScript(${JSON.stringify(script)}, { cacheDir: ${JSON.stringify(cacheDir)}, server: ${options.server} });
console.log(JSON.stringify({ checkMs: performance.now() - t1, cached: r.cached, files: r.files }));`;
  const t0 = performance.now();
  const { stdout } = await exec(process.execPath, ["--input-type=module", "-e", code], { cwd: app });
  return { processMs: performance.now() - t0, ...(JSON.parse(stdout) as Omit<Check, "processMs">) };
}

const best = (runs: Check[]) => runs.sort((a, b) => a.processMs - b.processMs)[0]!;
const ms = (x: number) => `${(x / 1000).toFixed(2)} s`;
const caches: string[] = [];
const newCache = async () => {
  const dir = await mkdtemp(join(tmpdir(), "berth-tc-"));
  caches.push(dir);
  return dir;
};

console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}; best of ${REPEATS}, each check a fresh process`);
console.log(`example      step                      process    check  cached  files`);
const print = (example: string, step: string, r: Check) =>
  console.log(`${example.padEnd(12)} ${step.padEnd(24)} ${ms(r.processMs).padStart(8)} ${ms(r.checkMs).padStart(8)}  ${String(r.cached).padEnd(6)}  ${String(r.files).padStart(5)}`);

try {
  for (const example of EXAMPLES) {
    const script = join(app, "examples", example, "deploy.ts");
    const original = await readFile(script, "utf8");
    let n = 0;
    const change = () => writeFile(script, `${original}\n// changed ${++n}\n`);
    try {
      const cold: Check[] = [];
      const coldServer: Check[] = [];
      for (let i = 0; i < REPEATS; i++) {
        cold.push(await check(script, await newCache(), { server: false }));
        const cache = await newCache();
        coldServer.push(await check(script, cache, { server: true }));
        await stopTypecheckServer(cache);
      }
      // one cache (and its server) per configuration; the changed checks alternate between them
      const server = await newCache();
      const inProcess = await newCache();
      const baseline = await newCache();
      const noCodeCache = await newCache();
      await check(script, server, { server: true });
      await check(script, inProcess, { server: false }); // writes the code cache
      const unchanged: Check[] = [];
      for (let i = 0; i < REPEATS; i++) unchanged.push(await check(script, server, { server: true }));
      const changed: Record<string, Check[]> = { server: [], inProcess: [], noCodeCache: [], baseline: [] };
      for (let i = 0; i < REPEATS; i++) {
        await change();
        changed["server"]!.push(await check(script, server, { server: true }));
        await change();
        changed["inProcess"]!.push(await check(script, inProcess, { server: false }));
        await change();
        for (const f of await readdir(noCodeCache)) if (f.endsWith(".v8cache")) await rm(join(noCodeCache, f));
        changed["noCodeCache"]!.push(await check(script, noCodeCache, { server: false }));
        if (baselineDist) {
          await change();
          changed["baseline"]!.push(await check(script, baseline, { server: false, dist: baselineDist }));
        }
      }
      print(example, "cold, in-process", best(cold));
      print(example, "cold, starts the server", best(coldServer));
      print(example, "unchanged", best(unchanged));
      print(example, "changed, server", best(changed["server"]!));
      print(example, "changed, in-process", best(changed["inProcess"]!));
      print(example, "  same, no V8 code cache", best(changed["noCodeCache"]!));
      if (baselineDist) print(example, `changed, ${values.baseline}`, best(changed["baseline"]!));
    } finally {
      await writeFile(script, original);
    }
  }
} finally {
  for (const cache of caches) {
    await stopTypecheckServer(cache);
    await rm(cache, { recursive: true, force: true });
  }
  await rm(app, { recursive: true, force: true });
  if (baselineDist) await rm(join(baselineDist, ".."), { recursive: true, force: true });
}
