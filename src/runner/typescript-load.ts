// Loading the compiler of the type check (ts-morph's bundled TypeScript, one 9 MB CommonJS file) with
// a V8 code cache (util/commonjs-load.ts), written after a first check beside the type-check results.
// Measured on a cold check: ~10% less CPU, mostly the checker's functions not compiled again.
import { createRequire } from "node:module";
import type { ts as TS } from "ts-morph";
import { loadCommonJs, type CodeCacheUse } from "../util/commonjs-load.js";

/** What {@link loadTypeScript} loaded. */
export interface LoadedTypeScript {
  readonly ts: typeof TS;
  /** Whether the compiler was compiled with a code cache: none given or found, used, or not used (damaged, or rejected by V8). */
  readonly codeCache: CodeCacheUse;
  /** Writes the code cache when none was used, once; call after a check. Never throws. */
  readonly saveCodeCache: () => Promise<void>;
}

let loaded: Promise<LoadedTypeScript> | undefined;

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
    const { codeCache, saveCodeCache } = cacheDir === undefined ? { codeCache: "none" as const, saveCodeCache: () => {} } : loadCommonJs(typescript, cacheDir);
    const ts = (require("@ts-morph/common") as { ts: typeof TS }).ts;
    return { ts, codeCache, saveCodeCache: async () => saveCodeCache() };
  })();
  return loaded;
}
