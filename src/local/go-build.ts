import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { access, appendFile, readFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { GoNotFound, LocalBuildFailed } from "./errors.js";
import { tailFile } from "./logs.js";

/** Finds the `go` binary: `$BERTH_GO` when set, else on PATH, else in /usr/local/go/bin. */
export async function findGo(env: Readonly<Record<string, string | undefined>>): Promise<string> {
  const explicit = env["BERTH_GO"];
  if (explicit !== undefined) {
    if (await access(explicit).then(() => true, () => false)) return explicit;
    throw new GoNotFound();
  }
  const dirs = [...(env["PATH"] ?? "").split(delimiter).filter(Boolean), "/usr/local/go/bin"];
  for (const dir of dirs) {
    const candidate = join(dir, "go");
    try {
      await access(candidate);
      return candidate;
    } catch {
      continue;
    }
  }
  throw new GoNotFound();
}

/** Options of one Go command run. */
export interface GoRun {
  readonly go: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** File the command's output is appended to. */
  readonly log: string;
  /** Names the thing being built in errors. */
  readonly what: string;
  readonly signal?: AbortSignal;
}

/** Runs a Go command with its output in a log file; throws `LocalBuildFailed` with the log's tail on failure. */
export async function runGo(run: GoRun): Promise<void> {
  // The command line goes in first and is flushed before the child appends to the same file: a
  // buffered write could land after the child's output (the build reads the last JSON of the log).
  await appendFile(run.log, `$ go ${run.args.join(" ")}\n`);
  const out = createWriteStream(run.log, { flags: "a" });
  await new Promise<void>((resolve) => out.once("open", () => resolve()));
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(run.go, run.args, {
      cwd: run.cwd,
      env: { ...run.env, GOTOOLCHAIN: "local" } as NodeJS.ProcessEnv,
      stdio: ["ignore", out, out],
      ...(run.signal ? { signal: run.signal } : {}),
    });
    child.once("error", reject);
    child.once("exit", (c) => resolve(c ?? 1));
  }).finally(() => new Promise<void>((resolve) => out.end(resolve)));
  if (code !== 0) throw new LocalBuildFailed(run.what, await tailFile(run.log, 30));
}

/** Reads the `replace k8s.io/x => ./staging/...` module paths from k8s.io/kubernetes' go.mod. */
export async function stagingModules(goModPath: string): Promise<string[]> {
  const text = await readFile(goModPath, "utf8");
  const found = [...text.matchAll(/^\s*(k8s\.io\/[A-Za-z0-9._-]+)\s+=>\s+\.\/staging\//gm)].map((m) => m[1]!);
  return [...new Set(found)].sort();
}
