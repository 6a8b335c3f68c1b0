import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ChartDigestChanged, safeUrl, type ChartSourceContext } from "../package/errors.js";
import { cacheDirOf, type ChartPaths } from "./config.js";

/** Path of a cached package: `<cache>/charts/sha256-<hex>.tgz`. */
function packagePath(paths: ChartPaths, digest: string): string {
  return join(cacheDirOf(paths), "charts", `${digest.replace(":", "-")}.tgz`);
}

/** A cached package by digest, when there is one. */
export async function readCachedPackage(paths: ChartPaths, digest: string): Promise<Uint8Array | undefined> {
  return readFile(packagePath(paths, digest)).catch(() => undefined);
}

/** Stores a package under its digest (the caller verified it). */
export async function writeCachedPackage(paths: ChartPaths, digest: string, bytes: Uint8Array): Promise<void> {
  const path = packagePath(paths, digest);
  await mkdir(join(path, ".."), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
}

const recordPath = (paths: ChartPaths) => join(cacheDirOf(paths), "charts", "digests.json");

/**
 * Trust on first use: remembers the digest each (source, chart, version) had the first time it
 * was fetched, and refuses a different one later — a published version must never change.
 *
 * @throws {@link ChartDigestChanged}
 */
export async function checkKnownDigest(paths: ChartPaths, source: string, ctx: ChartSourceContext & { chart: string; version: string }, digest: string): Promise<void> {
  const path = recordPath(paths);
  const known = JSON.parse(await readFile(path, "utf8").catch(() => "{}")) as Record<string, string>;
  const key = `${safeUrl(source).replace(/\/+$/, "")}#${ctx.chart}@${ctx.version}`;
  const recorded = known[key];
  if (recorded !== undefined && recorded !== digest) throw new ChartDigestChanged(ctx, recorded, digest, `the local digest record (${path})`);
  if (recorded === undefined) {
    known[key] = digest;
    await mkdir(join(path, ".."), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(known, null, 2));
    await rename(tmp, path);
  }
}
