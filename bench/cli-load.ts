// The installed CLI bundled (scripts/build.ts: esbuild, a few files) against the same sources compiled
// file by file (tsc, ~350 files, yaml's ~75 from node_modules), measured in the same run: `--version`,
// `plan` of a script that deploys nothing (type check cached), and, given a cluster, `list`, `status`
// and a no-op redeploy of N objects. Prints the best wall and CPU time (user + sys) of each, alternating the two builds in
// every repeat, and then, from `node --cpu-prof` runs of each, the CPU share of module loading
// (samples whose nearest JavaScript frame is Node's module loader: resolve, read, compile, link).
// Run: [BERTH_TEST_KUBECONFIG=…] node --import tsx bench/cli-load.ts [repeats=7] [objects=100]
import { execFile, spawnSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { moduleLoadingShare, type ModuleLoadingShare } from "./cpu-profile.js";
import { benchKubeconfig, installedBerth } from "./tools.js";

const REPEATS = Number(process.argv[2] ?? 7);
const OBJECTS = Number(process.argv[3] ?? 100);
const root = join(import.meta.dirname, "..");
const exec = promisify(execFile);
const kubeconfig = benchKubeconfig();
const work = await mkdtemp(join(tmpdir(), "berth-bench-load-"));

/** A dist/ built by `args`, in a package folder of its own (package.json and node_modules beside it). */
async function build(name: string, args: string[]): Promise<string> {
  const dir = join(work, name);
  await mkdir(dir);
  await cp(join(root, "package.json"), join(dir, "package.json"));
  await symlink(join(root, "node_modules"), join(dir, "node_modules"));
  const built = spawnSync(process.execPath, [...args, "--outDir", join(dir, "dist")], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) throw new Error(`bench: the ${name} build failed`);
  return join(dir, "dist");
}

const variants = [
  { name: "file by file (tsc)", dist: await build("tsc", [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.build.json")]) },
  { name: "bundled (esbuild)", dist: await build("bundle", ["--import", "tsx", join(root, "scripts", "build.ts")]) },
];
const installs = await Promise.all(variants.map(async (v) => ({ ...v, ...(await installedBerth({ dist: v.dist })) })));
for (const v of installs) {
  const files = (await readdir(v.dist, { recursive: true })).filter((f) => /\.[cm]?js$/.test(f)).length;
  console.log(`${v.name}: ${files} JavaScript files`);
}

const namespace = `bench-load-${Date.now().toString(36)}`;
const script = (deploy: boolean) => `import { connect, defineChart } from "berth";
import { benchObjects } from ${JSON.stringify(join(import.meta.dirname, "objects.js"))};

export const chart = defineChart({ name: "load", version: "1.0.0", values: {}, templates: { "objects.yaml": () => benchObjects(${OBJECTS}, 1) } });
${deploy ? `const cluster = await connect({ kubeconfigPath: process.env["KUBECONFIG"]! });\ntry {\n  await cluster.deploy(chart, { release: "load", namespace: ${JSON.stringify(namespace)} });\n} finally {\n  cluster.close();\n}\n` : ""}`;
for (const v of installs) {
  await writeFile(join(v.app, "noop.ts"), script(false));
  await writeFile(join(v.app, "deploy.ts"), script(true));
}

const commands: Array<[string, string[]]> = [
  ["--version", ["--version"]],
  ["plan (deploys nothing)", ["plan", "noop.ts"]],
];
if (kubeconfig) {
  commands.push(
    ["list", ["list", "-n", namespace]],
    ["status", ["status", "load", "-n", namespace]],
    [`deploy ${OBJECTS} objects, no-op`, ["deploy", "deploy.ts", "--yes"]],
  );
}
const env = { ...process.env, ...(kubeconfig ? { KUBECONFIG: kubeconfig } : {}), NO_COLOR: "1" };

function core(): CoreV1Api {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig!);
  return kc.makeApiClient(CoreV1Api);
}

/** One run under GNU time: wall, user + sys CPU seconds. */
async function timedRun(berth: string, app: string, args: string[], node: string[] = []): Promise<{ wall: number; cpu: number }> {
  const out = join(work, `time-${Math.random().toString(36).slice(2)}`);
  const t0 = performance.now();
  await exec("/usr/bin/time", ["-f", "%U %S", "-o", out, process.execPath, ...node, berth, ...args], { cwd: app, env, maxBuffer: 64 << 20 });
  const wall = (performance.now() - t0) / 1000;
  const [user, sys] = (await readFile(out, "utf8")).trim().split("\n").pop()!.split(" ").map(Number);
  return { wall, cpu: user! + sys! };
}

try {
  if (kubeconfig) await core().createNamespace({ body: { metadata: { name: namespace } } });
  // untimed: type-check caches filled, the release installed first (later deploys are no-ops)
  for (const v of installs) for (const [, args] of [...commands].reverse()) await timedRun(v.berth, v.app, args);

  const best = installs.map(() => commands.map(() => ({ wall: Infinity, cpu: Infinity })));
  for (let i = 0; i < REPEATS; i++) {
    for (const [c, [, args]] of commands.entries()) {
      for (const [j, v] of installs.entries()) {
        const t = await timedRun(v.berth, v.app, args);
        best[j]![c]!.wall = Math.min(best[j]![c]!.wall, t.wall);
        best[j]![c]!.cpu = Math.min(best[j]![c]!.cpu, t.cpu);
      }
    }
  }
  console.log(`\nbest of ${REPEATS} (wall / CPU seconds), load average at the end: ${(await readFile("/proc/loadavg", "utf8")).split(" ").slice(0, 3).join(" ")}`);
  console.log(`| command | ${installs.map((v) => v.name).join(" | ")} | bundled/tsc wall | bundled/tsc CPU |`);
  console.log(`|---|${installs.map(() => "---|").join("")}---|---|`);
  for (const [c, [name]] of commands.entries()) {
    const [a, b] = [best[0]![c]!, best[1]![c]!];
    console.log(`| ${name} | ${a.wall.toFixed(3)} / ${a.cpu.toFixed(2)} s | ${b.wall.toFixed(3)} / ${b.cpu.toFixed(2)} s | ${(b.wall / a.wall).toFixed(2)}x | ${(b.cpu / a.cpu).toFixed(2)}x |`);
  }

  const PROFILES = 3;
  console.log(`\nmodule loading, least of ${PROFILES} \`node --cpu-prof\` runs of the last command (sampled CPU ms, all threads and main thread):`);
  const [name, args] = commands[commands.length - 1]!;
  const shares: Array<ModuleLoadingShare | undefined> = installs.map(() => undefined);
  for (let i = 0; i < PROFILES; i++) {
    for (const [j, v] of installs.entries()) {
      const dir = join(work, `prof-${j}-${i}`);
      await timedRun(v.berth, v.app, args, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
      const share = await moduleLoadingShare(dir);
      if (!shares[j] || share.modules < shares[j]!.modules) shares[j] = share;
    }
  }
  for (const [j, v] of installs.entries()) {
    const s = shares[j]!;
    console.log(`${v.name}, ${name}: ${s.modules.toFixed(0)} of ${s.busy.toFixed(0)} ms (${((100 * s.modules) / s.busy).toFixed(0)}%); main thread ${s.mainModules.toFixed(0)} of ${s.mainBusy.toFixed(0)} ms (${((100 * s.mainModules) / s.mainBusy).toFixed(0)}%)`);
  }
} finally {
  if (kubeconfig) await core().deleteNamespace({ name: namespace }).catch(() => undefined);
  await rm(work, { recursive: true, force: true });
}
