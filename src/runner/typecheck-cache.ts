// Results of successful type checks, kept by content: a script whose files (itself, everything it
// imports, declaration files, tsconfig.json, package.json) hash as before is not checked again.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ScriptDiagnostic } from "./errors.js";
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
}

const FORMAT = 2;
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

async function hashFile(path: string): Promise<string | undefined> {
  try {
    return sha256(await readFile(path));
  } catch {
    return undefined;
  }
}

/**
 * The cached result when every file it depends on is unchanged; `undefined` otherwise. The hashes
 * computed are added to `hashed` (for {@link writeCachedCheck} after the check).
 */
export async function readCachedCheck(dir: string, script: string, tsconfig: string | undefined, hashed?: Map<string, string>): Promise<CachedCheck | undefined> {
  let entry: Entry;
  try {
    entry = JSON.parse(await readFile(entryPath(dir, script, tsconfig), "utf8")) as Entry;
  } catch {
    return undefined;
  }
  if (entry.tool !== toolVersions() || !entry.hashes[script]) return undefined;
  const files = Object.entries(entry.hashes);
  const current = await Promise.all(files.map(([path]) => hashFile(path)));
  files.forEach(([path], i) => current[i] !== undefined && hashed?.set(path, current[i]));
  if (files.some(([, hash], i) => current[i] !== hash)) return undefined;
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
  const hashes = await Promise.all(paths.map((p) => hashed?.get(p) ?? hashFile(p)));
  const entry: Entry = {
    tool: toolVersions(),
    ...check,
    hashes: Object.fromEntries(paths.flatMap((p, i) => (hashes[i] === undefined ? [] : [[p, hashes[i]]]))),
  };
  try {
    await mkdir(dir, { recursive: true });
    const target = entryPath(dir, script, check.tsconfig);
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(entry));
    await rename(temp, target);
  } catch {
    // a cache that cannot be written only costs the next run a check
  }
}
