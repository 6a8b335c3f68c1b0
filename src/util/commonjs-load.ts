// V8 code caches for the CommonJS files berth loads: its own compiled modules (dist/**/*.cjs, through
// the loader hook scripts/commonjs-hook.ts installs), the bundled `yaml`, TypeScript. Node 20 has no
// module.enableCompileCache, so such a file is compiled here with vm.Script and `cachedData`, as the
// v8-compile-cache package does. A cache is written after the file was used, so that it holds the
// functions that use compiled, not only the top level; it is named after the file's name, folder, size
// and mtime, Node's version and arch, and replaces the one of the file's earlier version and those of
// files gone from the folder (an upgraded berth's chunks have new names).
// V8 rejects a cache made under other flags or another V8, but a release build does not checksum
// what it deserializes: the file starts with a digest of the cache, checked first (a damaged cache
// is not used). A rejected cache is written again.
// The CLI turns the caches on for its process (code-cache.ts): a library user's process writes none.
import type { Hash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { Script } from "node:vm";
import { codeCacheState as state } from "./code-cache.js";

/** How a file was compiled: no cache given or found, with its cache, or not with its cache (damaged, or rejected by V8). */
export type CodeCacheUse = "none" | "used" | "rejected";

/** A CommonJS file loaded by {@link loadCommonJs}. */
export interface LoadedCommonJs {
  readonly exports: unknown;
  readonly codeCache: CodeCacheUse;
  /** Writes the file's code cache when none was used, once. Never throws. */
  readonly saveCodeCache: () => void;
}

/** A module compiled by {@link compileCommonJs}: how its cache served, and how to write one. */
export type CompiledCommonJs = Omit<LoadedCommonJs, "exports">;

/** Node's CommonJS module object, with the internals used here. */
export type CommonJsModule = NodeJS.Module & { paths: string[]; require(id: string): unknown };

/** Node's CommonJS internals used to register and compile a module (as v8-compile-cache does). */
interface ModuleInternals {
  new (id: string, parent: null): CommonJsModule;
  _cache: Record<string, NodeJS.Module>;
  _extensions: Record<string, unknown>;
  _nodeModulePaths(dir: string): string[];
  _resolveFilename(request: string, parent: NodeJS.Module, isMain: boolean, options?: { paths?: string[] }): string;
  wrap(source: string): string;
}
const internals = Module as unknown as ModuleInternals;

// node:crypto and node:zlib are loaded only by a process that compiles with a cache
const load = createRequire(import.meta.url);
const sha256 = (): Hash => (load("node:crypto") as typeof import("node:crypto")).createHash("sha256");
type Crc32 = (data: Uint8Array) => number;
let crc32: Crc32 | null | undefined;
/**
 * zlib's CRC-32 (Node ≥ 20.15; `null` before): 4–10× faster than SHA-256 (warm, cold) over the caches
 * a deploy reads, and it catches any damage a disk or a torn write leaves (nothing adversarial: the
 * cache folder is the user's own). Looked up on first use: this module is part of the loader hook every
 * process that imports berth loads, and most never read a cache.
 */
const crc32Of = (): Crc32 | null => (crc32 === undefined ? (crc32 = (load("node:zlib") as { crc32?: Crc32 }).crc32 ?? null) : crc32);
/** Bytes of the digest a cache file starts with: 4 (CRC-32), or 16 (SHA-256, truncated). */
const digestBytes = () => (crc32Of() ? 4 : 16);
function digestOf(data: Uint8Array): Buffer {
  const crc = crc32Of();
  if (!crc) return sha256().update(data).digest().subarray(0, digestBytes());
  const digest = Buffer.alloc(digestBytes());
  digest.writeUInt32BE(crc(data) >>> 0);
  return digest;
}
/** The first 8 hex digits of the SHA-256 of each folder that holds compiled files (part of their caches' names). */
const folderHashes = new Map<string, string>();
const folderHashOf = (folder: string) => folderHashes.get(folder) ?? folderHashes.set(folder, sha256().update(folder).digest("hex").slice(0, 8)).get(folder)!;

/** The V8 data of a cache file, when its digest matches (else `undefined`: damaged). */
function verified(file: Buffer): Buffer | undefined {
  const bytes = digestBytes();
  const data = file.subarray(bytes);
  return file.length > bytes && digestOf(data).equals(file.subarray(0, bytes)) ? data : undefined;
}

/** The `require` Node gives `module`'s code: resolves from the module, shares Node's module cache. */
function requireOf(module: CommonJsModule): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  require.resolve = Object.assign((request: string, options?: { paths?: string[] }) => internals._resolveFilename(request, module, false, options), {
    paths: (request: string) => createRequire(module.filename).resolve.paths(request),
  });
  require.main = process.mainModule;
  require.cache = internals._cache;
  require.extensions = internals._extensions as NodeJS.Require["extensions"];
  return require;
}

/** `<file name>-<folder hash>-<size>-<mtime>` of a cache's name without its suffix. */
const CACHE_NAME = /^(.+)-([0-9a-f]{8})-\d+-\d+$/;

/**
 * Removes, for this Node (`suffix`), the caches of the file `name`'s earlier versions and those of
 * files gone from its folder: an upgraded berth's modules are named after their content.
 */
function removeStaleCaches(cacheDir: string, kept: string, suffix: string, folder: string, folderHash: string, name: string): void {
  for (const cache of readdirSync(cacheDir)) {
    if (cache === kept || !cache.endsWith(suffix)) continue;
    const [, file, hash] = CACHE_NAME.exec(cache.slice(0, -suffix.length)) ?? [];
    if (file === undefined || hash !== folderHash) continue;
    if (file === name || !existsSync(join(folder, file))) rmSync(join(cacheDir, cache), { force: true });
  }
}

/**
 * Compiles and runs the CommonJS `file` as `module` (a module Node's loader, or {@link loadCommonJs},
 * created for it), with its code cache in `cacheDir`. Code compiled with a cache cannot `import()` on
 * Node 20 (V8 drops the callback Node registers): berth's modules import through importDynamic
 * (src/util/import-dynamic.ts).
 */
export function compileCommonJs(module: CommonJsModule, file: string, cacheDir: string): CompiledCommonJs {
  const source = readFileSync(file, "utf8");
  const { size, mtimeMs } = statSync(file);
  const [name, folder] = [basename(file), dirname(file)];
  const folderHash = folderHashOf(folder);
  const suffix = `-${process.version}-${process.arch}.v8cache`;
  const cacheName = `${name}-${folderHash}-${size}-${Math.trunc(mtimeMs)}${suffix}`;
  const cacheFile = join(cacheDir, cacheName);
  let cachedData: Buffer | undefined;
  let damaged = false;
  try {
    cachedData = verified(readFileSync(cacheFile));
    damaged = cachedData === undefined;
  } catch {
    // none yet: written once the file was used
  }
  const script = new Script(internals.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, requireOf(module), module, file, folder);
  const codeCache: CodeCacheUse = damaged || script.cachedDataRejected === true ? "rejected" : cachedData === undefined ? "none" : "used";
  let stale = codeCache !== "used";
  const saveCodeCache = () => {
    if (!stale) return;
    stale = false;
    state.pending.delete(saveCodeCache);
    try {
      mkdirSync(cacheDir, { recursive: true });
      const temp = `${cacheFile}.${process.pid}.tmp`;
      const data = script.createCachedData();
      writeFileSync(temp, Buffer.concat([digestOf(data), data]));
      renameSync(temp, cacheFile);
      removeStaleCaches(cacheDir, cacheName, suffix, folder, folderHash, name);
    } catch {
      // without a cache the next load compiles again
    }
  };
  if (stale && cacheDir === state.dir) state.pending.add(saveCodeCache);
  return { codeCache, saveCodeCache };
}

/**
 * Loads the CommonJS `file` (an absolute path), compiled with its code cache in `cacheDir` (the
 * enabled directory when omitted; none, a plain compile, when neither is set), and registers it in
 * Node's module cache (a later `require` of it gets this instance). A file already there is returned
 * as it is.
 */
export function loadCommonJs(file: string, cacheDir: string | undefined = state.dir): LoadedCommonJs {
  const known = internals._cache[file];
  if (known || cacheDir === undefined || typeof internals.wrap !== "function") {
    return { exports: known ? known.exports : createRequire(file)(file), codeCache: "none", saveCodeCache: () => {} };
  }
  const module = new internals(file, null);
  module.filename = file;
  module.paths = internals._nodeModulePaths(dirname(file));
  internals._cache[file] = module;
  try {
    const compiled = compileCommonJs(module, file, cacheDir);
    module.loaded = true;
    return { exports: module.exports, ...compiled };
  } catch (e) {
    delete internals._cache[file];
    throw e;
  }
}
