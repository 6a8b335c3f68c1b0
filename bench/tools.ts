// Shared by the CLI benchmarks: the tools compared (helm v3 and v4, kubectl, built from Go modules and
// cached like the interop tests' helm), berth as an installed package would run it (built dist/, no
// tsx at start), and a timer that reads wall time and peak RSS of one command.
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ensureBinary } from "../src/local/binaries.js";

const exec = promisify(execFile);
const root = join(import.meta.dirname, "..");

/** The cluster to run against: BERTH_TEST_KUBECONFIG, else KUBECONFIG; `undefined` when neither is set. */
export function benchKubeconfig(): string | undefined {
  return process.env["BERTH_TEST_KUBECONFIG"] ?? process.env["KUBECONFIG"];
}

/** Paths of the compared binaries (built on first use: minutes, then cached). */
export async function comparedTools(): Promise<{ helm3: string; helm4: string; kubectl: string }> {
  const log = (what: string, file: string) => console.error(`bench: building ${what} once from Go modules (log: ${file})`);
  return {
    helm3: await ensureBinary("helm", { onBuild: log }),
    helm4: await ensureBinary("helm4", { onBuild: log }),
    kubectl: await ensureBinary("kubectl", { onBuild: log }),
  };
}

/**
 * Builds berth (scripts/build.ts into dist/: the bundle npm publishes) and lays it out as an installed
 * package in a temp project: the project's node_modules/berth holds package.json, bin/ and dist/ but
 * no src/, so `berth` runs the built CLI. `dist`: a dist/ built elsewhere instead (its parent folder
 * holds the package.json it reads). Returns the project folder and the `berth` executable.
 */
export async function installedBerth(options: { dist?: string } = {}): Promise<{ app: string; berth: string }> {
  if (!options.dist) {
    const built = spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts", "build.ts")], { cwd: root, stdio: "inherit" });
    if (built.status !== 0) throw new Error("bench: npm run build failed");
  }
  const app = await mkdtemp(join(tmpdir(), "berth-bench-"));
  const pkg = join(app, "node_modules", "berth");
  await mkdir(pkg, { recursive: true });
  await writeFile(join(app, "package.json"), JSON.stringify({ name: "bench-app", private: true, type: "module" }));
  await writeFile(join(pkg, "package.json"), await readFile(join(root, "package.json")));
  // a copy: bin/berth.js runs the sources through tsx when it finds src/ next to its real path
  await cp(join(root, "bin"), join(pkg, "bin"), { recursive: true });
  await symlink(options.dist ?? join(root, "dist"), join(pkg, "dist"));
  await symlink(join(root, "node_modules"), join(pkg, "node_modules"));
  await symlink(join(root, "node_modules", "@types"), join(app, "node_modules", "@types"));
  return { app, berth: join(pkg, "bin", "berth.js") };
}

/** One timed run: wall seconds, peak RSS in MiB and CPU seconds (user + system, GNU time), and its output. */
export interface Timed {
  readonly seconds: number;
  readonly rssMiB: number;
  readonly cpuSeconds: number;
  readonly stdout: string;
}

/** Runs a command under /usr/bin/time (environment: this process's, with `env` added and `unset` removed); throws with its output when it fails. */
export async function timed(cmd: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string>; unset?: readonly string[] } = {}): Promise<Timed> {
  const out = join(tmpdir(), `berth-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const t0 = performance.now();
  try {
    const { stdout } = await exec("/usr/bin/time", ["-f", "%M %U %S", "-o", out, cmd, ...args], {
      cwd: options.cwd ?? root,
      env: Object.fromEntries(Object.entries({ ...process.env, ...options.env }).filter(([name]) => !options.unset?.includes(name))),
      maxBuffer: 256 << 20,
    });
    const seconds = (performance.now() - t0) / 1000;
    const [rssKiB, user, system] = (await readFile(out, "utf8")).trim().split("\n").pop()!.split(" ").map(Number);
    return { seconds, rssMiB: rssKiB! / 1024, cpuSeconds: user! + system!, stdout };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`bench: ${cmd} ${args.join(" ")} failed:\n${err.stdout ?? ""}${err.stderr ?? ""}`);
  }
}

/** Environment for helm: its own temp home, so no user config or repositories interfere. */
export async function helmEnv(): Promise<Record<string, string>> {
  const home = await mkdtemp(join(tmpdir(), "berth-bench-helm-"));
  return { HOME: home, HELM_CACHE_HOME: join(home, "cache"), HELM_CONFIG_HOME: join(home, "config"), HELM_DATA_HOME: join(home, "data") };
}

/** `x` as a ratio to `base`, e.g. `0.42x`. */
export const ratio = (x: number, base: number) => `${(x / base).toFixed(2)}x`;

/** The oldest process with this exact name (e.g. the control plane's kube-apiserver), if one runs. */
export function processId(name: string): number | undefined {
  try {
    return Number(execFileSync("pgrep", ["-xo", name], { encoding: "utf8" }).trim().split("\n")[0]);
  } catch {
    return undefined;
  }
}

/** utime + stime in ms of a process (clock ticks of 10 ms); NaN without one. */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
