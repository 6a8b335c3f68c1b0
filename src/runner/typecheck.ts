import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import type { ts as TS } from "ts-morph";
import { ScriptNotFound, ScriptTypeError, type ScriptDiagnostic } from "./errors.js";
import { readCachedCheck, writeCachedCheck } from "./typecheck-cache.js";

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

/** Compiler options when no tsconfig.json is above the script: strict ESM for Node. */
const DEFAULT_OPTIONS = {
  module: "NodeNext",
  moduleResolution: "NodeNext",
  target: "ES2022",
  strict: true,
  skipLibCheck: true,
  esModuleInterop: true,
  resolveJsonModule: true,
  // every visible @types package, as TypeScript 5 did by default (TypeScript 6 includes none)
  types: ["*"],
} as const;

/** Always applied: checking only, and nothing but the script's own errors. */
const CHECK_ONLY = {
  noEmit: true,
  declaration: false,
  declarationMap: false,
  emitDeclarationOnly: false,
  sourceMap: false,
  composite: false,
  incremental: false,
} as const;

/** The last program checked in this process, for the next check to reuse. */
let previousProgram: TS.Program | undefined;

/** berth's own folder (`src/` in a checkout, `dist/` installed), with a trailing separator. */
const BERTH_SOURCES = fileURLToPath(new URL("..", import.meta.url));

/**
 * A file of berth itself: in a checkout the "development" condition resolves `berth` to its `.ts`
 * sources; like the `.d.ts` files of an installed berth (under skipLibCheck) they are not checked
 * themselves (berth's own build does), only used. Checking them would triple the time.
 */
function isBerthSource(file: string): boolean {
  return resolve(file).startsWith(BERTH_SOURCES);
}

/** The nearest tsconfig.json in `dir` or a folder above it. */
export function findTsconfig(dir: string): string | undefined {
  return findUp(dir, "tsconfig.json");
}

function findUp(dir: string, name: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const candidate = join(current, name);
    if (existsSync(candidate)) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

/**
 * Type-checks a TypeScript deploy script and every module it imports (with ts-morph, which bundles
 * its own TypeScript), without running it. The compiler options are those of the nearest
 * tsconfig.json above the script (only the script is a root file: the rest of that project is not
 * checked), else strict ESM defaults (module and moduleResolution NodeNext, target ES2022, strict,
 * skipLibCheck). Nothing is emitted. berth's own modules are used, not checked (like the
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
  if (options.cacheDir !== undefined) {
    const hit = await readCachedCheck(options.cacheDir, script, tsconfig);
    if (hit) return { script, ...hit, cached: true };
  }
  const { ts } = await import("ts-morph");
  const { options: compilerOptions, errors: configErrors } = compilerOptionsFor(ts, tsconfig);
  // TypeScript's own compiler host, not a ts-morph Project: a Project's source files never learn
  // their module format from package.json "type" (ts-morph#1446), so NodeNext would see ESM as CJS.
  const program = ts.createProgram({
    rootNames: [script],
    options: compilerOptions,
    host: await compilerHost(ts, compilerOptions),
    configFileParsingDiagnostics: configErrors,
    // a later check in this process reuses the unchanged, already parsed files
    ...(previousProgram ? { oldProgram: previousProgram } : {}),
  });
  previousProgram = program;

  const found: TS.Diagnostic[] = [...program.getConfigFileParsingDiagnostics(), ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  const files = program.getSourceFiles();
  for (const file of files) {
    // the check is synchronous: yield between files so that an abort (Ctrl-C) is seen
    await yieldToLoop(undefined, signal ? { signal } : {});
    found.push(...program.getSyntacticDiagnostics(file));
    if (!isBerthSource(file.fileName)) found.push(...program.getSemanticDiagnostics(file));
  }
  const diagnostics = found.map((d) => toDiagnostic(ts, d));
  const errors = diagnostics.filter((d) => d.category === "error");
  if (errors.length > 0) throw new ScriptTypeError(script, errors, cwd);
  const result = { tsconfig, files: files.length, diagnostics };
  if (options.cacheDir !== undefined) {
    const read = files.map((f) => resolve(f.fileName)).filter((f) => !f.startsWith(`${LIB_FOLDER}/`));
    const config = [tsconfig, findUp(dirname(script), "package.json")].filter((f): f is string => f !== undefined);
    await writeCachedCheck(options.cacheDir, script, result, [...read, ...config]);
  }
  return { script, ...result, cached: false };
}

/**
 * The compiler options of `tsconfig` (its `files`/`include` ignored: only the script is a root),
 * else the defaults; checking only in both cases.
 */
function compilerOptionsFor(ts: typeof TS, tsconfig: string | undefined): { options: TS.CompilerOptions; errors: TS.Diagnostic[] } {
  const checkOnly = { ...CHECK_ONLY, ...(ts.versionMajorMinor.startsWith("6.") ? { ignoreDeprecations: "6.0" } : {}) };
  if (!tsconfig) {
    const { options, errors } = ts.convertCompilerOptionsFromJson({ ...DEFAULT_OPTIONS, ...checkOnly }, process.cwd());
    return { options, errors };
  }
  const overrides = ts.convertCompilerOptionsFromJson(checkOnly, dirname(tsconfig)).options;
  const errors: TS.Diagnostic[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, overrides, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => void errors.push(d),
  });
  // "no inputs were found" does not matter: the script is the root
  const NO_INPUTS = 18003;
  return { options: parsed?.options ?? overrides, errors: [...errors, ...(parsed?.errors ?? []).filter((d) => d.code !== NO_INPUTS)] };
}

/** Where the compiler looks for its lib files; they are served from memory (ts-morph bundles them, no files). */
const LIB_FOLDER = "/berth-typescript-lib";
let libs: Promise<Map<string, string>> | undefined;
const libSourceFiles = new Map<string, TS.SourceFile>();

/** ts-morph's bundled lib files, by file name (`lib.es2022.d.ts`), from its own `@ts-morph/common`. */
function libFiles(): Promise<Map<string, string>> {
  libs ??= (async () => {
    const fromTsMorph = createRequire(createRequire(import.meta.url).resolve("ts-morph"));
    const common = fromTsMorph("@ts-morph/common") as { getLibFiles(): { fileName: string; text: string }[] };
    return new Map(common.getLibFiles().map((f) => [f.fileName, f.text]));
  })();
  return libs;
}

/** TypeScript's own host over the real file system, with the lib files served from memory (their parse cached). */
async function compilerHost(ts: typeof TS, options: TS.CompilerOptions): Promise<TS.CompilerHost> {
  const lib = await libFiles();
  const host = ts.createCompilerHost(options, true);
  const libText = (file: string) => (file.startsWith(`${LIB_FOLDER}/`) ? lib.get(file.slice(LIB_FOLDER.length + 1)) : undefined);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  return Object.assign(host, {
    getDefaultLibLocation: () => LIB_FOLDER,
    getDefaultLibFileName: (o: TS.CompilerOptions) => `${LIB_FOLDER}/${ts.getDefaultLibFileName(o)}`,
    fileExists: (file: string) => libText(file) !== undefined || fileExists.call(host, file),
    readFile: (file: string) => libText(file) ?? readFile.call(host, file),
    directoryExists: (dir: string) => dir === LIB_FOLDER || (directoryExists?.call(host, dir) ?? true),
    getSourceFile: (file: string, language: TS.ScriptTarget | TS.CreateSourceFileOptions, ...rest: [((message: string) => void)?, boolean?]) => {
      const text = libText(file);
      if (text === undefined) return getSourceFile.call(host, file, language, ...rest);
      const key = `${file}|${typeof language === "object" ? language.languageVersion : language}`;
      let parsed = libSourceFiles.get(key);
      if (!parsed) libSourceFiles.set(key, (parsed = ts.createSourceFile(file, text, language)));
      return parsed;
    },
  });
}

const CATEGORIES = ["warning", "error", "suggestion", "message"] as const;

function toDiagnostic(ts: typeof TS, d: TS.Diagnostic): ScriptDiagnostic {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  const category = CATEGORIES[d.category] ?? "error";
  if (!d.file || d.start === undefined) return { ...(d.file ? { file: resolve(d.file.fileName) } : {}), code: d.code, category, message };
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return { file: resolve(d.file.fileName), line: line + 1, column: character + 1, code: d.code, category, message };
}
