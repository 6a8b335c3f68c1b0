// What `import "berth"` costs a deploy script, built (scripts/build.ts) from this checkout and from a
// git ref (the baseline, e.g. main), measured in the same run: `node -e 0`, then for each build the
// library import alone and the import plus the deploy actions' chunks (what `cluster.deploy` of a
// TypeScript chart loads on first use). Each variant runs in a fresh process, all of them alternated
// in every repeat; prints the best wall time, the in-process import time and CPU, and the ratios.
// Run: node --import tsx bench/library-load.ts [baseRef=main] [repeats=11]
import { execFileSync, spawnSync } from "node:child_process";
import { copyFile, mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BASE = process.argv[2] ?? "main";
const REPEATS = Number(process.argv[3] ?? 11);
const root = join(import.meta.dirname, "..");
const work = await mkdtemp(join(tmpdir(), "berth-bench-library-"));

/** A package folder holding the sources of `ref` (undefined: this checkout), built into its dist/. */
async function built(ref: string | undefined): Promise<string> {
  if (!ref) {
    const out = join(work, "head");
    execFileSync(process.execPath, ["--import", "tsx", join(root, "scripts", "build.ts"), "--outDir", join(out, "dist")], { cwd: root, stdio: "inherit" });
    await copyFile(join(root, "package.json"), join(out, "package.json"));
    return out;
  }
  const out = join(work, "base");
  execFileSync("sh", ["-c", `mkdir -p "${out}" && git -C "${root}" archive "${ref}" | tar -x -C "${out}"`], { stdio: "inherit" });
  await symlink(join(root, "node_modules"), join(out, "node_modules"));
  execFileSync(process.execPath, ["--import", "tsx", join(out, "scripts", "build.ts")], { cwd: out, stdio: "inherit" });
  return out;
}

/** The chunks holding the deploy and apply-saved actions (dynamic imports of Cluster's verbs). */
async function deployChunks(dir: string): Promise<string[]> {
  const chunks = join(dir, "dist", "chunks");
  const out: string[] = [];
  for (const f of (await readdir(chunks)).filter((f) => f.endsWith(".js"))) {
    if (/^\/\/ src\/actions\/(deploy|apply-saved)\.ts$/m.test(await readFile(join(chunks, f), "utf8"))) out.push(join(chunks, f));
  }
  return out;
}

const builds = [
  { name: `base (${BASE})`, dir: await built(BASE) },
  { name: "this checkout", dir: await built(undefined) },
];
const timed = (code: string) => `const t = performance.now(), c = process.cpuUsage(); ${code}; const u = process.cpuUsage(c); console.log(performance.now() - t, (u.user + u.system) / 1000)`;
const variants: Array<{ name: string; args: string[] }> = [{ name: "node -e 0", args: ["-e", "0"] }];
for (const b of builds) {
  const index = JSON.stringify(join(b.dir, "dist", "index.js"));
  variants.push({ name: `${b.name}: import`, args: ["--input-type=module", "-e", timed(`await import(${index})`)] });
  const chunks = JSON.stringify(await deployChunks(b.dir));
  variants.push({ name: `${b.name}: import + deploy`, args: ["--input-type=module", "-e", timed(`await import(${index}); for (const f of ${chunks}) await import(f)`)] });
}

const best = new Map<string, { wall: number; inWall: number; inCpu: number }>();
for (let i = 0; i < REPEATS; i++) {
  for (const v of variants) {
    const t0 = performance.now();
    const run = spawnSync(process.execPath, v.args, { encoding: "utf8" });
    const wall = performance.now() - t0;
    if (run.status !== 0) throw new Error(`bench: ${v.name} failed: ${run.stderr}`);
    const [inWall = 0, inCpu = 0] = run.stdout.trim().split(" ").map(Number);
    const b = best.get(v.name) ?? { wall: Infinity, inWall: Infinity, inCpu: Infinity };
    best.set(v.name, { wall: Math.min(b.wall, wall), inWall: Math.min(b.inWall, inWall), inCpu: Math.min(b.inCpu, inCpu) });
  }
}
await rm(work, { recursive: true, force: true });

const node = best.get("node -e 0")!.wall;
console.log(`best of ${REPEATS}, alternated; load average ${(await readFile("/proc/loadavg", "utf8").catch(() => "?")).split(" ").slice(0, 3).join(" ")}`);
console.log(`${"variant".padEnd(36)} ${"wall".padStart(8)} ${"over node".padStart(10)} ${"import".padStart(8)} ${"cpu".padStart(8)}`);
for (const [name, b] of best) {
  const over = name === "node -e 0" ? "" : `${(b.wall - node).toFixed(0)} ms`;
  const inner = name === "node -e 0" ? ["", ""] : [`${b.inWall.toFixed(0)} ms`, `${b.inCpu.toFixed(0)} ms`];
  console.log(`${name.padEnd(36)} ${`${b.wall.toFixed(0)} ms`.padStart(8)} ${over.padStart(10)} ${inner[0]!.padStart(8)} ${inner[1]!.padStart(8)}`);
}
for (const what of ["import", "import + deploy"]) {
  const [a, b] = builds.map((x) => best.get(`${x.name}: ${what}`)!);
  console.log(`${what}: this checkout / base = ${(b!.inWall / a!.inWall).toFixed(2)} (in-process import time), ${((b!.wall - node) / (a!.wall - node)).toFixed(2)} (wall over node -e 0)`);
}
