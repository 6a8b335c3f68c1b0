// Loading the compiler of the type check (ts-morph's bundled TypeScript, one 9 MB CommonJS file) with
// a V8 code cache: Node 20 has no module.enableCompileCache, so the file is compiled here with
// vm.Script and `cachedData`, as the v8-compile-cache package does. The cache is written after a
// first check (so that it holds the functions the check compiled, not only the top level) beside
// the type-check results, named after the file, its size and mtime, and Node's version and arch.
// Measured on a cold check: ~10% less CPU, mostly the checker's functions not compiled again.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import Module, { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";
import type { ts as TS } from "ts-morph";

/** What {@link loadTypeScript} loaded. */
export interface LoadedTypeScript {
  readonly ts: typeof TS;
  /** Whether the compiler was compiled with a code cache: none given or found, used, or rejected by V8. */
  readonly codeCache: "none" | "used" | "rejected";
  /** Writes the code cache when there was none (or V8 rejected it), once; call after a check. Never throws. */
  readonly saveCodeCache: () => Promise<void>;
}

/** Node's CommonJS internals used to register a module compiled here (as v8-compile-cache does). */
interface ModuleInternals {
  new (id: string, parent: null): NodeJS.Module & { paths: string[] };
  _cache: Record<string, NodeJS.Module>;
  _nodeModulePaths(dir: string): string[];
  wrap(source: string): string;
}

let loaded: Promise<LoadedTypeScript> | undefined;
const nothingToSave = () => Promise.resolve();

/** ts-morph's `@ts-morph/common` (`require`: a require from ts-morph) and the TypeScript file it requires. */
export function tsMorphCommon(): { require: NodeJS.Require; typescript: string } {
  const fromTsMorph = createRequire(createRequire(import.meta.url).resolve("ts-morph"));
  const common = fromTsMorph.resolve("@ts-morph/common");
  return { require: fromTsMorph, typescript: createRequire(common).resolve("./typescript") };
}

/**
 * TypeScript as ts-morph uses it (the same module instance: it is registered in Node's module cache
 * before ts-morph loads it), compiled with the code cache of `cacheDir` when given.
 */
export function loadTypeScript(cacheDir: string | undefined): Promise<LoadedTypeScript> {
  loaded ??= (async () => {
    const { require, typescript } = tsMorphCommon();
    const internals = Module as unknown as ModuleInternals;
    if (cacheDir === undefined || internals._cache[typescript] || typeof internals.wrap !== "function") {
      return { ts: (require("@ts-morph/common") as { ts: typeof TS }).ts, codeCache: "none", saveCodeCache: nothingToSave };
    }
    const source = readFileSync(typescript, "utf8");
    const { size, mtimeMs } = statSync(typescript);
    const key = createHash("sha256").update([typescript, size, mtimeMs, process.version, process.arch].join("\0")).digest("hex").slice(0, 16);
    const cacheFile = join(cacheDir, `typescript-${key}.v8cache`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // no cache yet: written after the first check
    }
    const script = new Script(internals.wrap(source), { filename: typescript, ...(cachedData ? { cachedData } : {}) });
    const module = new internals(typescript, null);
    module.filename = typescript;
    module.paths = internals._nodeModulePaths(dirname(typescript));
    const run = script.runInThisContext() as (...args: unknown[]) => void;
    run.call(module.exports, module.exports, createRequire(typescript), module, typescript, dirname(typescript));
    module.loaded = true;
    internals._cache[typescript] = module;
    const ts = (require("@ts-morph/common") as { ts: typeof TS }).ts;
    let stale = cachedData === undefined || script.cachedDataRejected === true;
    const saveCodeCache = async () => {
      if (!stale) return;
      stale = false;
      try {
        await mkdir(cacheDir, { recursive: true });
        const temp = `${cacheFile}.${process.pid}.tmp`;
        await writeFile(temp, script.createCachedData());
        await rename(temp, cacheFile);
      } catch {
        // without a cache the next load compiles again
      }
    };
    const codeCache = cachedData === undefined ? "none" : script.cachedDataRejected === true ? "rejected" : "used";
    return { ts, codeCache, saveCodeCache };
  })();
  return loaded;
}
