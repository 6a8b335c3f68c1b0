import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pullChart } from "../oci/charts.js";
import { parseOciReference } from "../oci/reference.js";
import { readChartArchive, writeChartArchive } from "../package/archive.js";
import { ChartLockOutdated, ChartNotFound } from "../package/errors.js";
import { readChartDirectory } from "../package/package.js";
import { fetchPackage, fetchRepoIndex, pickEntry } from "../repo/client.js";
import { parseConstraint } from "../semver/index.js";
import { formatChartLock, lockDigest, parseChartLock, type ChartLock, type LockedDependency } from "./lock.js";
import { readRequirements } from "./requirements.js";
import { resolveDependencies, type DependencyOptions, type DependencySource } from "./resolve.js";

/** What a dependency command did. */
export interface DependencyResult {
  /** The lock in effect after the command. */
  readonly lock: ChartLock;
  /** Whether `Chart.lock` was (re)written. */
  readonly lockWritten: boolean;
  /** Packages written into `charts/`, relative to the chart. */
  readonly downloaded: readonly string[];
}

/**
 * `berth dependency update`: resolves `Chart.yaml`'s ranges (as `helm dependency update`),
 * downloads the packages into `charts/`, and writes `Chart.lock` unless its digest is unchanged.
 */
export async function updateDependencies(chartDir: string, options: DependencyOptions = {}): Promise<DependencyResult> {
  const dir = resolve(chartDir);
  const req = await readRequirements(dir);
  const { lock, sources } = await resolveDependencies(dir, req.dependencies, options);
  const downloaded = await downloadAll(dir, lock.dependencies, sources, options);
  const old = await readLock(dir);
  const lockWritten = old?.digest !== lock.digest;
  if (lockWritten) await writeFile(join(dir, "Chart.lock"), formatChartLock(lock));
  return { lock: lockWritten ? lock : old!, lockWritten, downloaded };
}

/**
 * `berth dependency build`: downloads exactly the versions `Chart.lock` names (resolving, as
 * `update`, when there is no lock).
 *
 * @throws {@link ChartLockOutdated} when `Chart.yaml`'s dependencies changed since the lock was written
 */
export async function buildDependencies(chartDir: string, options: DependencyOptions = {}): Promise<DependencyResult> {
  const dir = resolve(chartDir);
  const lock = await readLock(dir);
  if (!lock) return updateDependencies(dir, options);
  const req = await readRequirements(dir);
  // Hash with `@name` repositories replaced by URLs, as they were when the lock was written.
  const { requirements, sources } = await resolveSourcesOnly(dir, req.dependencies, lock, options);
  if (lockDigest(requirements, lock.dependencies) !== lock.digest) {
    throw new ChartLockOutdated({ chart: req.name, version: req.version, url: join(dir, "Chart.lock") }, "Chart.lock is out of sync with Chart.yaml's dependencies: run `berth dependency update`");
  }
  return { lock, lockWritten: false, downloaded: await downloadAll(dir, lock.dependencies, sources, options) };
}

async function resolveSourcesOnly(dir: string, deps: Awaited<ReturnType<typeof readRequirements>>["dependencies"], lock: ChartLock, options: DependencyOptions) {
  // Resolving against the lock's exact versions keeps the sources (and `@name` rewrites) without moving versions.
  const pinned = deps.map((d, i) => ({ ...d, version: lock.dependencies[i]?.repository === "" ? d.version : lock.dependencies[i]?.version ?? d.version }));
  const { requirements, sources } = await resolveDependencies(dir, pinned, options);
  return { requirements: requirements.map((r, i) => ({ ...r, version: deps[i]!.version })).map(stripUndefined), sources };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A dependency and whether `charts/` holds a package of the locked (or required) version. */
export interface DependencyStatus {
  /** The chart's name. */
  readonly name: string;
  /** The version range `Chart.yaml` asks for. */
  readonly version: string;
  /** The repository URL, `oci://` registry path, `file://` path, or empty for `charts/`. */
  readonly repository: string;
  /** `ok`, `missing`, or `wrong version` (the package in charts/ does not satisfy the range). */
  readonly status: "ok" | "missing" | "wrong version";
}

/** `berth dependency list`: each `Chart.yaml` dependency and what `charts/` holds for it. */
export async function listDependencies(chartDir: string): Promise<DependencyStatus[]> {
  const dir = resolve(chartDir);
  const req = await readRequirements(dir);
  const present = await vendoredVersions(dir);
  return req.dependencies.map((d) => {
    const versions = present.get(d.name) ?? [];
    const range = parseConstraint(d.version ?? "*");
    const status = versions.length === 0 ? "missing" : versions.some((v) => range?.check(v)) ? "ok" : "wrong version";
    return { name: d.name, version: d.version ?? "", repository: d.repository, status };
  });
}

async function vendoredVersions(dir: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const entries = await readdir(join(dir, "charts"), { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    try {
      if (e.isFile() && e.name.endsWith(".tgz")) {
        const { files, name } = readChartArchive(await readFile(join(dir, "charts", e.name)), { url: e.name });
        const version = /^version:\s*["']?([^"'\s]+)/m.exec(new TextDecoder().decode(files.get("Chart.yaml")))?.[1] ?? "";
        out.set(name, [...(out.get(name) ?? []), version]);
      } else if (e.isDirectory()) {
        const { name, version } = await readRequirements(join(dir, "charts", e.name));
        out.set(name, [...(out.get(name) ?? []), version]);
      }
    } catch {
      continue;
    }
  }
  return out;
}

async function readLock(dir: string): Promise<ChartLock | undefined> {
  const text = await readFile(join(dir, "Chart.lock"), "utf8").catch(() => undefined);
  return text === undefined ? undefined : parseChartLock(text);
}

async function downloadAll(dir: string, locked: readonly LockedDependency[], sources: readonly DependencySource[], options: DependencyOptions): Promise<string[]> {
  const charts = join(dir, "charts");
  await mkdir(charts, { recursive: true });
  const packages: Array<{ file: string; bytes: Uint8Array }> = [];
  // Fetch everything first: a failure leaves charts/ as it was.
  for (const [i, dep] of locked.entries()) {
    const source = sources[i]!;
    const ctx = { chart: dep.name, version: dep.version, url: dep.repository };
    let bytes: Uint8Array;
    if (source.kind === "local") continue;
    if (source.kind === "file") {
      const { files, name } = await readChartDirectory(source.path);
      bytes = writeChartArchive(name, files);
    } else if (source.kind === "oci") {
      const ref = parseOciReference(`${dep.repository.replace(/\/+$/, "")}/${dep.name}`)!;
      bytes = (await pullChart(ref, dep.version, source.access, options)).bytes;
    } else {
      const { index } = await fetchRepoIndex(source.access, ctx);
      const entry = pickEntry(index, dep.name, dep.version, source.access.url);
      if (entry.version !== dep.version) throw new ChartNotFound(ctx, `the repository no longer has version ${dep.version}`);
      bytes = (await fetchPackage(source.access, entry, options)).bytes;
    }
    packages.push({ file: `${dep.name}-${dep.version}.tgz`, bytes });
  }
  const names = new Set(locked.filter((_, i) => sources[i]!.kind !== "local").map((d) => d.name));
  for (const e of await readdir(charts)) {
    const stale = e.endsWith(".tgz") && [...names].some((n) => e.startsWith(`${n}-`) && /^\d/.test(e.slice(n.length + 1)));
    if (stale) await rm(join(charts, e));
  }
  for (const p of packages) await writeFile(join(charts, p.file), p.bytes);
  return packages.map((p) => `charts/${p.file}`);
}
