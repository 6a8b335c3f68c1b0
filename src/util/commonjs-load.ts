// V8 code caches for the large CommonJS files berth loads (the bundled `yaml`, TypeScript). Node 20
// has no module.enableCompileCache, so such a file is compiled here with vm.Script and `cachedData`,
// as the v8-compile-cache package does, and registered in Node's module cache under its path (a
// later `require` of it gets this instance). A cache is written after the file was used, so that it
// holds the functions that use compiled, not only the top level; it is named after the file's path,
// size and mtime, Node's version and arch, and replaces the one of the file's earlier version.
// V8 rejects a cache made under other flags or another V8, but a release build does not checksum
// what it deserializes: the file starts with a digest of the cache, checked first (a damaged cache
// is not used). A rejected cache is written again.
// The CLI turns the caches on for its process (code-cache.ts): a library user's process writes none.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
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

/** Node's CommonJS internals used to register a module compiled here (as v8-compile-cache does). */
interface ModuleInternals {
  new (id: string, parent: null): NodeJS.Module & { paths: string[] };
  _cache: Record<string, NodeJS.Module>;
  _nodeModulePaths(dir: string): string[];
  wrap(source: string): string;
}

const DIGEST_BYTES = 16;
const digestOf = (data: Uint8Array) => createHash("sha256").update(data).digest().subarray(0, DIGEST_BYTES);

/** The V8 data of a cache file, when its digest matches (else `undefined`: damaged). */
function verified(file: Buffer): Buffer | undefined {
  const data = file.subarray(DIGEST_BYTES);
  return file.length > DIGEST_BYTES && digestOf(data).equals(file.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

/**
 * Loads the CommonJS `file` (an absolute path), compiled with its code cache in `cacheDir` (the
 * enabled directory when omitted; none, a plain compile, when neither is set). A file already in
 * Node's module cache is returned as it is.
 */
export function loadCommonJs(file: string, cacheDir: string | undefined = state.dir): LoadedCommonJs {
  const internals = Module as unknown as ModuleInternals;
  const known = internals._cache[file];
  if (known || cacheDir === undefined || typeof internals.wrap !== "function") {
    return { exports: known ? known.exports : createRequire(file)(file), codeCache: "none", saveCodeCache: () => {} };
  }
  const source = readFileSync(file, "utf8");
  const { size, mtimeMs } = statSync(file);
  const [prefix, suffix] = [`${basename(file)}-${createHash("sha256").update(file).digest("hex").slice(0, 8)}-`, `-${process.version}-${process.arch}.v8cache`];
  const cacheName = `${prefix}${size}-${Math.trunc(mtimeMs)}${suffix}`;
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
  const module = new internals(file, null);
  module.filename = file;
  module.paths = internals._nodeModulePaths(dirname(file));
  internals._cache[file] = module;
  try {
    const run = script.runInThisContext() as (...args: unknown[]) => void;
    run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  } catch (e) {
    delete internals._cache[file];
    throw e;
  }
  module.loaded = true;
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
      // the caches of this path's earlier versions (an upgraded berth), for this Node
      for (const name of readdirSync(cacheDir)) {
        if (name !== cacheName && name.startsWith(prefix) && name.endsWith(suffix)) rmSync(join(cacheDir, name), { force: true });
      }
    } catch {
      // without a cache the next load compiles again
    }
  };
  if (stale && cacheDir === state.dir) state.pending.add(saveCodeCache);
  return { exports: module.exports, codeCache, saveCodeCache };
}
