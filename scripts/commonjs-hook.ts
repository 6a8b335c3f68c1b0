// What dist/commonjs-hook.cjs is built from (scripts/build.ts): the published package's modules are
// CommonJS files (dist/**/*.cjs) under two ES module entries (dist/index.js, dist/cli/bin.js), and
// both entries require this file first. It makes Node's CommonJS loader compile berth's own files
// with V8 code caches once the CLI turned them on (src/cli/bin.ts, before it loads a command;
// src/util/commonjs-load.ts; Node 20 has no code cache for ES modules, whose compile was ~10% of a
// small deploy's CPU), and gives those files an
// `import()` that works from cached code (importDynamic, used by src/util/import-dynamic.ts). A library user's process
// turns no caches on: its files compile as Node would.
import Module from "node:module";
import { sep } from "node:path";
import { codeCacheState } from "../src/util/code-cache.js";
import { compileCommonJs, type CommonJsModule } from "../src/util/commonjs-load.js";

type Loader = (module: CommonJsModule, filename: string) => void;
const extensions = (Module as unknown as { _extensions: Record<string, Loader | undefined> })._extensions;

/** This package's dist/ folder (this file's), with a trailing separator. */
const DIST = __dirname + sep;
/** Set once this package's hook is in place (another copy of berth in the process has its own). */
const HOOKED = Symbol.for(`berth.commonjs-hook:${DIST}`);

const globals = globalThis as Record<symbol, unknown>;
if (!globals[HOOKED]) {
  globals[HOOKED] = true;
  const next = extensions[".cjs"] ?? extensions[".js"]!;
  extensions[".cjs"] = (module, filename) => {
    const dir = codeCacheState.dir;
    if (dir === undefined || !filename.startsWith(DIST)) return next(module, filename);
    compileCommonJs(module, filename, dir);
  };
}

/** `import(specifier)` (a package name, resolved from this package, or a URL), for code compiled with a cache. */
export function importDynamic(specifier: string): Promise<unknown> {
  return import(specifier);
}
