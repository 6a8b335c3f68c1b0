import { BerthError } from "../../errors.js";

/**
 * An error a Sprig function reports, as Go's function would: a returned `error` or a recovered
 * panic. The message is Go's text; the template engine adds `error calling <name>:` and the
 * template position.
 *
 * @remarks
 * Codes: `SprigFuncFailed` (the function returned an error or panicked), `SprigRegexInvalid`
 * (a Go regular expression that does not compile).
 */
export abstract class SprigError extends BerthError {
  /** The stable failure code. */
  declare readonly code: "SprigFuncFailed" | "SprigRegexInvalid";
  /**
   * @param code - `SprigFuncFailed` or `SprigRegexInvalid`
   * @param message - Go's error text
   */
  constructor(code: "SprigFuncFailed" | "SprigRegexInvalid", message: string) {
    super(code, message);
  }
}

/** A Sprig function returned an error or panicked. */
export class SprigFuncFailed extends SprigError {
  /** @param message - Go's error text */
  constructor(message: string) {
    super("SprigFuncFailed", message);
  }
}

/** A Go regular expression does not compile. */
export class SprigRegexInvalid extends SprigError {
  /** @param message - Go's error text */
  constructor(message: string) {
    super("SprigRegexInvalid", message);
  }
}

/** Throws a {@link SprigFuncFailed} (Go: a returned error or a panic). */
export function fail(message: string): never {
  throw new SprigFuncFailed(message);
}
