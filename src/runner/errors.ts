import { relative } from "node:path";
import { BerthError } from "../errors.js";
import type { DeployResult } from "../actions/types.js";

/** Where in a script a failure happened. */
export interface ScriptLocation {
  /** The file, absolute: the script itself, or a module it imports when the failure is there. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, when known. */
  readonly column?: number;
}

/**
 * A deploy script failed: it did not compile (a syntax error), or it threw (its own error or one of
 * berth's, e.g. `ValuesInvalid`, `OperationFailed`). `cause` is the original error; `location`
 * points into the script (or the module of the script's folder it imports) where it happened.
 */
export class ScriptFailed extends BerthError {
  /** The script, absolute. */
  readonly script: string;
  /** Where it failed, when the error says. */
  readonly location: ScriptLocation | undefined;
  /** The `code` of the cause when it is a berth error (e.g. `ValuesInvalid`). */
  readonly causeCode: string | undefined;
  /** Deploys the script completed before it failed, in order. */
  readonly results: readonly DeployResult[];

  /**
   * @param script - the script path @param cause - what it threw @param location - where
   * @param results - deploys completed before the failure
   */
  constructor(script: string, cause: unknown, location: ScriptLocation | undefined, results: readonly DeployResult[] = []) {
    const code = cause instanceof BerthError ? cause.code : undefined;
    const where = location ? `${location.file}:${location.line}${location.column !== undefined ? `:${location.column}` : ""}` : script;
    const reason = cause instanceof Error ? cause.message : String(cause);
    super("ScriptFailed", `deploy script failed at ${where}: ${code ? `[${code}] ` : ""}${reason}`, { cause });
    this.script = script;
    this.location = location;
    this.causeCode = code;
    this.results = results;
  }
}

/** The deploy script does not exist. Check the path (it is resolved against the working directory). */
export class ScriptNotFound extends BerthError {
  /** @param script - the absolute path looked for */
  constructor(
    /** The absolute path looked for. */ readonly script: string,
  ) {
    super("ScriptNotFound", `deploy script not found: ${script}`);
  }
}

/** One compiler diagnostic of a deploy script or a module it imports. */
export interface ScriptDiagnostic {
  /** The file, absolute; absent for a diagnostic of the compiler options. */
  readonly file?: string;
  /** 1-based, with `file`. */
  readonly line?: number;
  /** 1-based, with `file`. */
  readonly column?: number;
  /** The TypeScript code, e.g. `2322` (printed `TS2322`). */
  readonly code: number;
  /** Only errors fail a check ({@link ScriptTypeError}); the others are returned. */
  readonly category: "error" | "warning" | "suggestion" | "message";
  /** The message; a chained message has one line per link, indented by depth. */
  readonly message: string;
}

/** How many errors a {@link ScriptTypeError} message lists; the rest are counted. */
export const LISTED_TYPE_ERRORS = 20;

/** `file:line:col: TS2322 message`, the file relative to `cwd`. */
export function formatDiagnostic(diagnostic: ScriptDiagnostic, cwd: string): string {
  const where = diagnostic.file
    ? `${relative(cwd, diagnostic.file) || diagnostic.file}${diagnostic.line !== undefined ? `:${diagnostic.line}:${diagnostic.column ?? 1}` : ""}: `
    : "";
  return `${where}TS${diagnostic.code} ${diagnostic.message.replace(/\n/g, "\n  ")}`;
}

/**
 * A deploy script does not type-check: it (or a module it imports) has TypeScript errors, e.g. a
 * value of the wrong type for a typed chart (`TS2322`). Nothing of the script ran. The message
 * lists the first 20 errors as `file:line:col: TSxxxx message` (paths
 * relative to the working directory) and counts the rest; `diagnostics` holds them all.
 */
export class ScriptTypeError extends BerthError {
  /** The script, absolute. */
  readonly script: string;
  /** Every error, in the compiler's order (files as the program loads them, then position). */
  readonly diagnostics: readonly ScriptDiagnostic[];

  /**
   * @param script - the script, absolute @param diagnostics - its errors (at least one)
   * @param cwd - paths in the message are relative to it
   */
  constructor(script: string, diagnostics: readonly ScriptDiagnostic[], cwd: string = process.cwd()) {
    const listed = diagnostics.slice(0, LISTED_TYPE_ERRORS).map((d) => formatDiagnostic(d, cwd));
    const rest = diagnostics.length - listed.length;
    const count = `${diagnostics.length} type error${diagnostics.length === 1 ? "" : "s"}`;
    const lines = [`deploy script ${relative(cwd, script) || script} has ${count}:`, ...listed, ...(rest > 0 ? [`… and ${rest} more`] : [])];
    super("ScriptTypeError", lines.join("\n"));
    this.script = script;
    this.diagnostics = diagnostics;
  }
}
