// Results of successful type checks, kept by content: a script whose files (itself, everything it
// imports, declaration files, tsconfig.json, package.json) hash as before is not checked again.
// A file whose size, mtime, ctime and inode are as recorded when it was hashed is not read again
// (as git's index does), unless it was modified too close to the hashing to trust the timestamps.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ScriptDiagnostic } from "./errors.js";
import { stampOf, stampUnchanged, writeAtomically, type FileStamp } from "./file-stamp.js";
import { berthPackage } from "./package-root.js";

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

/** The stamp taken with each hash this process computed or trusted, by path (for {@link writeCachedCheck}). */
const stampsTaken = new Map<string, FileStamp>();

const FORMAT = 3;
let tools: string | undefined;

/** berth's version and ts-morph's (its TypeScript), and the cache format: a new compiler or berth checks again. */
export function toolVersions(): string {
  tools ??= (() => {
    let tsMorph = "unknown";
    try {
      tsMorph = (JSON.parse(readFileSync(new URL(import.meta.resolve("ts-morph/package.json")), "utf8")) as { version: string }).version;
    } catch {
      // an unusual layout: the berth version alone keys the cache
    }
    return `format ${FORMAT}, berth ${berthPackage()?.version ?? "unknown"}, ts-morph ${tsMorph}`;
  })();
  return tools;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** The cache file of one script (checked with one tsconfig). */
function entryPath(dir: string, script: string, tsconfig: string | undefined): string {
  return join(dir, `${sha256(`${script}\0${tsconfig ?? ""}`).slice(0, 32)}.json`);
}

/** The hash of a file's content, its stamp (taken first) remembered; `undefined` when it cannot be read. */
async function hashFile(path: string): Promise<string | undefined> {
  try {
    const stamp = stampOf(statSync(path));
    const hash = sha256(await readFile(path));
    stampsTaken.set(path, stamp);
    return hash;
  } catch {
    return undefined;
  }
}

/**
 * The cached result when every file it depends on is unchanged; `undefined` otherwise. Files whose
 * stamp is as recorded are not read; the others are hashed, and when all still match, their new
 * stamps are saved so the next lookup need not hash them. The hashes known (computed, or trusted by
 * stamp) are added to `hashed` (for {@link writeCachedCheck} after the check).
 * @param now - the clock, for telling a stamp too recent to trust
 */
export async function readCachedCheck(dir: string, script: string, tsconfig: string | undefined, hashed?: Map<string, string>, now = Date.now()): Promise<CachedCheck | undefined> {
  const target = entryPath(dir, script, tsconfig);
  let entry: Entry;
  try {
    entry = JSON.parse(await readFile(target, "utf8")) as Entry;
  } catch {
    return undefined;
  }
  if (entry.tool !== toolVersions() || !entry.hashes[script] || typeof entry.stamps !== "object" || entry.stamps === null) return undefined;
  const stale: [string, string][] = [];
  for (const [path, hash] of Object.entries(entry.hashes)) {
    if (!stampUnchanged(path, entry.stamps[path], now)) stale.push([path, hash]);
    else {
      stampsTaken.set(path, entry.stamps[path]!);
      hashed?.set(path, hash);
    }
  }
  if (stale.length === 0) return { tsconfig: entry.tsconfig, files: entry.files, diagnostics: entry.diagnostics };
  const current = await Promise.all(stale.map(([path]) => hashFile(path)));
  stale.forEach(([path], i) => current[i] !== undefined && hashed?.set(path, current[i]));
  if (stale.some(([, hash], i) => current[i] !== hash)) return undefined;
  const stamps = { ...entry.stamps };
  for (const [path] of stale) stamps[path] = stampsTaken.get(path)!;
  await writeEntry(target, { ...entry, stamps });
  return { tsconfig: entry.tsconfig, files: entry.files, diagnostics: entry.diagnostics };
}

/**
 * Records a successful check of `script` that read `dependencies` (written atomically; failures to
 * write are ignored). A file in `hashed` (hashed before the check began) keeps that hash: had it
 * changed meanwhile, the next check sees a difference and checks again, rather than trusting a
 * content that was not checked.
 */
export async function writeCachedCheck(dir: string, script: string, check: CachedCheck, dependencies: readonly string[], hashed?: ReadonlyMap<string, string>): Promise<void> {
  const paths = [...new Set([script, ...dependencies])];
  const hashes = await Promise.all(paths.map((p) => (hashed?.has(p) && stampsTaken.has(p) ? hashed.get(p) : hashFile(p))));
  const found = paths.flatMap((p, i) => (hashes[i] === undefined || !stampsTaken.has(p) ? [] : [[p, hashes[i]] as const]));
  const entry: Entry = {
    tool: toolVersions(),
    ...check,
    hashes: Object.fromEntries(found),
    stamps: Object.fromEntries(found.map(([p]) => [p, stampsTaken.get(p)!])),
  };
  await writeEntry(entryPath(dir, script, check.tsconfig), entry);
}

/** Writes an entry atomically; a cache that cannot be written only costs the next run a check. */
async function writeEntry(target: string, entry: Entry): Promise<void> {
  await writeAtomically(target, JSON.stringify(entry));
}
