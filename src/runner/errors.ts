import { BerthError } from "../errors.js";
import type { DeployResult } from "../actions/deploy.js";

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
  constructor(readonly script: string) {
    super("ScriptNotFound", `deploy script not found: ${script}`);
  }
}
