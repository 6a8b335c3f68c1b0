/**
 * Errors of the Go-template engine. Messages are Go's own text (Helm prints them verbatim),
 * e.g. `template: chart/templates/x.yaml:3:15: executing "chart/templates/x.yaml" at <.Values.a.b>: …`.
 */
import { BerthError } from "../errors.js";

/** The stable codes of template failures. */
export type TemplateErrorCode = "TemplateParseError" | "TemplateExecError" | "TemplateNotDefined";

/**
 * A template failed to parse or execute. `message` is exactly Go's error text; `cause` is the
 * error a template function threw, when one did.
 */
export abstract class TemplateError extends BerthError {
  /** The stable failure code. */
  declare readonly code: TemplateErrorCode;

  /**
   * @param code - the failure code
   * @param message - Go's error text
   * @param options - the underlying cause, when there is one
   */
  constructor(code: TemplateErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** A template did not parse. */
export class TemplateParseError extends TemplateError {
  /** @param message - Go's error text @param options - the underlying cause, when there is one */
  constructor(message: string, options?: { cause?: unknown }) {
    super("TemplateParseError", message, options);
  }
}

/** A template failed while executing. */
export class TemplateExecError extends TemplateError {
  /** @param message - Go's error text @param options - the underlying cause, when there is one */
  constructor(message: string, options?: { cause?: unknown }) {
    super("TemplateExecError", message, options);
  }
}

/** A template named in `template`/`include` is not defined. */
export class TemplateNotDefined extends TemplateError {
  /** @param message - Go's error text @param options - the underlying cause, when there is one */
  constructor(message: string, options?: { cause?: unknown }) {
    super("TemplateNotDefined", message, options);
  }
}

/** Control-flow signal for `{{break}}` / `{{continue}}` (never escapes the engine). */
export class LoopSignal {
  /** @param kind - which loop control was executed */
  constructor(readonly kind: "break" | "continue") {}
}
