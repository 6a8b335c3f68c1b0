// Results of successful type checks, kept by content: a script whose files (itself, everything it
// imports, declaration files, tsconfig.json, package.json) hash as before is not checked again.
// A file whose size, mtime, ctime and inode are as recorded when it was hashed is not read again
// (as git's index does), unless it was modified too close to the hashing to trust the timestamps.
import { createHash } from "node:crypto";
import { readFileSync, statSync, type Stats } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ScriptDiagnostic } from "./errors.js";

/** What a successful check found, as cached. */
export interface CachedCheck {
  readonly tsconfig: string | undefined;
  readonly files: number;
  readonly diagnostics: readonly ScriptDiagnostic[];
}

interface Entry extends CachedCheck {
  /** berth's and the compiler's versions, and the entry format. */
  readonly tool: string;
  /** Every file the result depends on, with the SHA-256 of its content. */
  readonly hashes: Readonly<Record<string, string>>;
  /** The {@link FileStamp} of each file of `hashes`, taken just before it was hashed. */
  readonly stamps: Readonly<Record<string, FileStamp>>;
}

/** Size, mtime and ctime (ms) and inode of a file: when all are as recorded, its content is taken as unchanged. */
type FileStamp = readonly [size: number, mtimeMs: number, ctimeMs: number, ino: number];

/**
 * A stamp is trusted only when the file was last modified this long before it was hashed: a write
 * within the same timestamp tick (coarse on some file systems) right after the hash would otherwise
 * go unnoticed. Such a file is hashed again, and its stamp trusted once it is old enough.
 */
const RACY_MS = 2000;

const FORMAT = 2;
let toolVersions: string | undefined;

/** berth's version and ts-morph's (its TypeScript): a new compiler or berth checks again. */
function tool(): string {
  toolVersions ??= (() => {
    const berth = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    let tsMorph = "unknown";
    try {
      tsMorph = (JSON.parse(readFileSync(new URL(import.meta.resolve("ts-morph/package.json")), "utf8")) as { version: string }).version;
    } catch {
      // an unusual layout: the berth version alone keys the cache
    }
    return `format ${FORMAT}, berth ${berth.version}, ts-morph ${tsMorph}`;
  })();
  return toolVersions;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** The cache file of one script (checked with one tsconfig). */
function entryPath(dir: string, script: string, tsconfig: string | undefined): string {
  return join(dir, `${sha256(`${script}\0${tsconfig ?? ""}`).slice(0, 32)}.json`);
}

const stampOf = (s: Stats): FileStamp => [s.size, s.mtimeMs, s.ctimeMs, s.ino];

/** The file's stamp (taken first) and the hash of its content; `undefined` when it cannot be read. */
async function hashFile(path: string): Promise<{ hash: string; stamp: FileStamp } | undefined> {
  try {
    const stamp = stampOf(statSync(path));
    return { hash: sha256(await readFile(path)), stamp };
  } catch {
    return undefined;
  }
}

/** True when `path`'s stamp is as recorded and old enough to be trusted (see {@link RACY_MS}). */
function stampUnchanged(path: string, recorded: FileStamp | undefined, now: number): boolean {
  if (!recorded) return false;
  const current = statSync(path, { throwIfNoEntry: false });
  if (!current) return false;
  const [size, mtimeMs, ctimeMs, ino] = recorded;
  return current.size === size && current.mtimeMs === mtimeMs && current.ctimeMs === ctimeMs && current.ino === ino && Math.max(mtimeMs, ctimeMs) < now - RACY_MS;
}

/**
 * The cached result when every file it depends on is unchanged; `undefined` otherwise. Files whose
 * stamp is as recorded are not read; the others are hashed, and when all still match, their new
 * stamps are saved so the next lookup need not hash them.
 * @param now - the clock, for telling a stamp too recent to trust
 */
export async function readCachedCheck(dir: string, script: string, tsconfig: string | undefined, now = Date.now()): Promise<CachedCheck | undefined> {
  const target = entryPath(dir, script, tsconfig);
  let entry: Entry;
  try {
    entry = JSON.parse(await readFile(target, "utf8")) as Entry;
  } catch {
    return undefined;
  }
  if (entry.tool !== tool() || !entry.hashes[script] || typeof entry.stamps !== "object") return undefined;
  const stale = Object.entries(entry.hashes).filter(([path]) => !stampUnchanged(path, entry.stamps[path], now));
  if (stale.length > 0) {
    const current = await Promise.all(stale.map(([path]) => hashFile(path)));
    if (stale.some(([, hash], i) => current[i]?.hash !== hash)) return undefined;
    const stamps = { ...entry.stamps };
    stale.forEach(([path], i) => (stamps[path] = current[i]!.stamp));
    await writeEntry(target, { ...entry, stamps });
  }
  return { tsconfig: entry.tsconfig, files: entry.files, diagnostics: entry.diagnostics };
}

/** Records a successful check of `script` that read `dependencies` (written atomically; failures to write are ignored). */
export async function writeCachedCheck(dir: string, script: string, check: CachedCheck, dependencies: readonly string[]): Promise<void> {
  const paths = [...new Set([script, ...dependencies])];
  const read = await Promise.all(paths.map((p) => hashFile(p)));
  const found = paths.flatMap((p, i) => (read[i] === undefined ? [] : [[p, read[i]] as const]));
  const entry: Entry = {
    tool: tool(),
    ...check,
    hashes: Object.fromEntries(found.map(([p, r]) => [p, r.hash])),
    stamps: Object.fromEntries(found.map(([p, r]) => [p, r.stamp])),
  };
  try {
    await mkdir(dir, { recursive: true });
  } catch {
    return;
  }
  await writeEntry(entryPath(dir, script, check.tsconfig), entry);
}

/** Writes an entry atomically; a cache that cannot be written only costs the next run a check. */
async function writeEntry(target: string, entry: Entry): Promise<void> {
  const temp = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(temp, JSON.stringify(entry));
    await rename(temp, target);
  } catch {
    // ignored, see above
  }
}
