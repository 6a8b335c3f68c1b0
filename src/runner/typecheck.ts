import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ScriptNotFound, ScriptTypeError, type ScriptDiagnostic } from "./errors.js";
import { readCachedCheck, writeCachedCheck } from "./typecheck-cache.js";
import { findUp } from "./find-up.js";

/** Options of {@link typecheckScript}. */
export interface TypecheckScriptOptions {
  /** Aborts the check between files (it rejects with the signal's reason). */
  readonly signal?: AbortSignal;
  /** Resolves a relative `path`; paths in a {@link ScriptTypeError} message are relative to it. @defaultValue process.cwd() */
  readonly cwd?: string;
  /**
   * Folder of cached results: a script that passed before is not checked again while its content,
   * every file it imports, the declaration files used, its tsconfig.json and package.json are
   * unchanged (compared by SHA-256), nor berth's and the compiler's versions. The CLI uses
   * `~/.cache/berth/typecheck`. @defaultValue no cache: every call checks
   */
  readonly cacheDir?: string;
  /**
   * With {@link TypecheckScriptOptions.cacheDir}: check in a resident checker process, started on
   * first use (detached; its socket in `cacheDir`), which keeps the compiler and the parsed
   * declaration files between checks, so that a changed script is checked in a fraction of the
   * time. It exits after 10 minutes without a check, or when `cacheDir` is removed; stop it with
   * `stopTypecheckServer(cacheDir)`. When it cannot be used, the check runs in this process. The
   * CLI sets it unless `BERTH_TYPECHECK_SERVER=0`. @defaultValue false
   */
  readonly server?: boolean;
}

/** What {@link typecheckScript} checked. */
export interface TypecheckScriptResult {
  /** The script, absolute. */
  readonly script: string;
  /** The tsconfig.json whose compiler options applied, absolute; `undefined`: berth's defaults. */
  readonly tsconfig: string | undefined;
  /** How many source files the program holds (the script, what it imports, declaration files). */
  readonly files: number;
  /** The diagnostics that are not errors (warnings, messages); errors are thrown. */
  readonly diagnostics: readonly ScriptDiagnostic[];
  /** True when the result came from {@link TypecheckScriptOptions.cacheDir}: nothing was checked. */
  readonly cached: boolean;
}

/** The nearest tsconfig.json in `dir` or a folder above it. */
export function findTsconfig(dir: string): string | undefined {
  return findUp(dir, "tsconfig.json");
}

/**
 * Type-checks a TypeScript deploy script and every module it imports (with ts-morph, which bundles
 * its own TypeScript), without running it. The compiler options are those of the nearest
 * tsconfig.json above the script (only the script is a root file: the rest of that project is not
 * checked), else strict ESM defaults (module and moduleResolution NodeNext, target ES2022, strict,
 * skipLibCheck, every visible `@types` package; lib ES2023 without the DOM when `@types/node` is
 * visible, which declares Node's globals). Nothing is emitted. berth's own modules are used, not checked (like the
 * declarations of an installed berth under skipLibCheck). A JavaScript script is not checked.
 *
 * @returns what was checked and the diagnostics that are not errors
 * @throws ScriptNotFound, ScriptTypeError (listing every error), the signal's reason when aborted
 */
export async function typecheckScript(path: string, options: TypecheckScriptOptions = {}): Promise<TypecheckScriptResult> {
  const cwd = options.cwd ?? process.cwd();
  const script = resolve(cwd, path);
  if (!existsSync(script)) throw new ScriptNotFound(script);
  const signal = options.signal;
  signal?.throwIfAborted();
  if (!/\.[cm]?tsx?$/.test(script)) return { script, tsconfig: undefined, files: 0, diagnostics: [], cached: false };

  const tsconfig = findTsconfig(dirname(script));
  const hashed = new Map<string, string>();
  if (options.cacheDir !== undefined) {
    const hit = await readCachedCheck(options.cacheDir, script, tsconfig, hashed);
    if (hit) return { script, ...hit, cached: true };
  }
  // loaded on a miss only: a cache hit (most runs) loads neither the client nor the compiler
  const inServer = options.server === true && options.cacheDir !== undefined
    ? await (await import("./typecheck-client.js")).checkInServer(options.cacheDir, script, tsconfig, signal)
    : undefined;
  const check = inServer ?? (await (await import("./typecheck-program.js")).checkProgram(script, tsconfig, { signal, cacheDir: options.cacheDir }));
  const errors = check.diagnostics.filter((d) => d.category === "error");
  if (errors.length > 0) throw new ScriptTypeError(script, errors, cwd);
  const result = { tsconfig, files: check.files, diagnostics: check.diagnostics };
  if (options.cacheDir !== undefined) await writeCachedCheck(options.cacheDir, script, result, check.dependencies, hashed);
  return { script, ...result, cached: false };
}
