// One type check of a deploy script with TypeScript (ts-morph's bundled compiler), in this process.
// Parsed files are kept between checks (by compiler options, file and content): a later check in the
// same process — the resident checker (typecheck-server.ts) runs many — parses only what changed,
// and reuses the binding of every unchanged declaration file (@types/node, the lib files).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import type { ts as TS } from "ts-morph";
import type { ScriptDiagnostic } from "./errors.js";
import { findUp } from "./find-up.js";
import { loadTypeScript, tsMorphCommon } from "./typescript-load.js";
import { tsconfigChain } from "./tsconfig-chain.js";

/** What one check found: every diagnostic (errors too) and the files the result depends on. */
export interface ProgramCheck {
  /** The tsconfig.json whose compiler options applied, absolute; `undefined`: berth's defaults. */
  readonly tsconfig: string | undefined;
  /** How many source files the program holds. */
  readonly files: number;
  /** Every diagnostic, errors included. */
  readonly diagnostics: readonly ScriptDiagnostic[];
  /** The files read (absolute; not the compiler's own lib files), tsconfig.json and package.json. */
  readonly dependencies: readonly string[];
}

/** Options of {@link checkProgram}. */
export interface CheckProgramOptions {
  /** Aborts the check between files. */
  readonly signal?: AbortSignal | undefined;
  /** Where the compiler's V8 code cache is kept (see typescript-load.ts); none when absent. */
  readonly cacheDir?: string | undefined;
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

/**
 * The libs of the defaults when @types/node is visible: the language (Node 20 runs ES2023) without
 * the DOM, which a Node script does not have; @types/node declares Node's globals (console,
 * process, fetch, URL, timers…). lib.dom.d.ts alone is 2 MB, 40% of what a check parsed.
 */
const NODE_LIB = ["ES2023"];

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

/** One compiler configuration's state kept between checks: its last program and parsed files. */
interface Session {
  previous: TS.Program | undefined;
  /** Parsed files by `file|languageVersion|impliedNodeFormat`, with the text they were parsed from. */
  readonly parsed: Map<string, TS.SourceFile>;
}

/** Sessions by compiler options (as JSON), the most recently used last; at most {@link MAX_SESSIONS}. */
const sessions = new Map<string, Session>();
const MAX_SESSIONS = 4;

function sessionFor(options: TS.CompilerOptions): Session {
  const key = JSON.stringify(options);
  const session = sessions.get(key) ?? { previous: undefined, parsed: new Map() };
  sessions.delete(key);
  sessions.set(key, session);
  for (const oldest of sessions.keys()) {
    if (sessions.size <= MAX_SESSIONS) break;
    sessions.delete(oldest);
  }
  return session;
}

/** Forgets every parsed file and program (the next check parses everything again). */
export function forgetParsedFiles(): void {
  sessions.clear();
}

/**
 * Type-checks `script` (absolute, existing) and every module it imports with the compiler options of
 * `tsconfig` (else {@link DEFAULT_OPTIONS}), without emitting. berth's own modules are used, not
 * checked. Yields to the event loop between files, so that `signal` is seen.
 */
export async function checkProgram(script: string, tsconfig: string | undefined, options: CheckProgramOptions = {}): Promise<ProgramCheck> {
  const { signal } = options;
  const { ts, saveCodeCache } = await loadTypeScript(options.cacheDir);
  const { options: compilerOptions, errors: configErrors } = compilerOptionsFor(ts, script, tsconfig);
  const session = sessionFor(compilerOptions);
  // TypeScript's own compiler host, not a ts-morph Project: a Project's source files never learn
  // their module format from package.json "type" (ts-morph#1446), so NodeNext would see ESM as CJS.
  const program = ts.createProgram({
    rootNames: [script],
    options: compilerOptions,
    // @types and other relative lookups start at the project (or the script's folder), never at this process's cwd
    host: await compilerHost(ts, compilerOptions, session, dirname(tsconfig ?? script)),
    configFileParsingDiagnostics: configErrors,
    // unchanged files (the host returns the same parsed file) keep their binding
    ...(session.previous ? { oldProgram: session.previous } : {}),
  });
  session.previous = program;
  // a parsed file no longer in the program (a removed import, an edited file's previous parse) is dropped
  const used = new Set(program.getSourceFiles());
  for (const [key, file] of session.parsed) if (!used.has(file)) session.parsed.delete(key);

  const found: TS.Diagnostic[] = [...program.getConfigFileParsingDiagnostics(), ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  const files = program.getSourceFiles();
  for (const file of files) {
    // the check is synchronous: yield between files so that an abort (Ctrl-C) is seen
    await yieldToLoop(undefined, signal ? { signal } : {});
    found.push(...program.getSyntacticDiagnostics(file));
    if (!isBerthSource(file.fileName)) found.push(...program.getSemanticDiagnostics(file));
  }
  await saveCodeCache();
  const read = files.map((f) => resolve(f.fileName)).filter((f) => !f.startsWith(`${LIB_FOLDER}/`));
  const config = [...(tsconfig ? tsconfigChain(tsconfig) : []), findUp(dirname(script), "package.json")].filter((f): f is string => f !== undefined);
  return { tsconfig, files: files.length, diagnostics: found.map((d) => toDiagnostic(ts, d)), dependencies: [...read, ...config] };
}

/**
 * The compiler options of `tsconfig` (its `files`/`include` ignored: only the script is a root),
 * else the defaults; checking only in both cases.
 */
function compilerOptionsFor(ts: typeof TS, script: string, tsconfig: string | undefined): { options: TS.CompilerOptions; errors: TS.Diagnostic[] } {
  const checkOnly = { ...CHECK_ONLY, ...(ts.versionMajorMinor.startsWith("6.") ? { ignoreDeprecations: "6.0" } : {}) };
  if (!tsconfig) {
    const nodeTypes = findUp(dirname(script), join("node_modules", "@types", "node", "package.json")) !== undefined;
    const defaults = { ...DEFAULT_OPTIONS, ...(nodeTypes ? { lib: NODE_LIB } : {}), ...checkOnly };
    const { options, errors } = ts.convertCompilerOptionsFromJson(defaults, dirname(script));
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

/** ts-morph's bundled lib files, by file name (`lib.es2022.d.ts`), from its own `@ts-morph/common`. */
function libFiles(): Promise<Map<string, string>> {
  libs ??= (async () => {
    const common = tsMorphCommon().require("@ts-morph/common") as { getLibFiles(): { fileName: string; text: string }[] };
    return new Map(common.getLibFiles().map((f) => [f.fileName, f.text]));
  })();
  return libs;
}

/**
 * TypeScript's own host over the real file system, with the lib files served from memory, and a
 * file whose text is what it was parsed from before (in this session) not parsed again.
 */
async function compilerHost(ts: typeof TS, options: TS.CompilerOptions, session: Session, currentDirectory: string): Promise<TS.CompilerHost> {
  const lib = await libFiles();
  const host = ts.createCompilerHost(options, true);
  const libText = (file: string) => (file.startsWith(`${LIB_FOLDER}/`) ? lib.get(file.slice(LIB_FOLDER.length + 1)) : undefined);
  const { fileExists, readFile, directoryExists } = host;
  return Object.assign(host, {
    getCurrentDirectory: () => currentDirectory,
    getDefaultLibLocation: () => LIB_FOLDER,
    getDefaultLibFileName: (o: TS.CompilerOptions) => `${LIB_FOLDER}/${ts.getDefaultLibFileName(o)}`,
    fileExists: (file: string) => libText(file) !== undefined || fileExists.call(host, file),
    readFile: (file: string) => libText(file) ?? readFile.call(host, file),
    directoryExists: (dir: string) => dir === LIB_FOLDER || (directoryExists?.call(host, dir) ?? true),
    getSourceFile: (file: string, language: TS.ScriptTarget | TS.CreateSourceFileOptions, onError?: (message: string) => void) => {
      let text: string | undefined;
      try {
        text = libText(file) ?? readFile.call(host, file);
      } catch (e) {
        onError?.((e as Error).message);
      }
      if (text === undefined) return undefined;
      const settings = typeof language === "object" ? language : { languageVersion: language };
      const key = `${file}|${settings.languageVersion}|${settings.impliedNodeFormat ?? ""}`;
      const before = session.parsed.get(key);
      if (before?.text === text) return before;
      const parsed = ts.createSourceFile(file, text, language);
      session.parsed.set(key, parsed);
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
