/**
 * The base of every error berth throws.
 *
 * @remarks
 * Each failure has its own subclass with a stable string `code`; match on `code`
 * (or `instanceof`), never on the message text, which may be reworded.
 *
 * @example
 * ```ts
 * try { await cluster.deploy(chart, args); }
 * catch (e) { if (e instanceof BerthError && e.code === "ReleaseLocked") retryLater(); }
 * ```
 */
export class BerthError extends Error {
  /** A stable identifier of the failure, e.g. `"ValuesInvalid"`. */
  readonly code: string;

  /**
   * @param code - the stable failure code
   * @param message - what went wrong and how to fix it
   * @param options - the underlying cause, when there is one
   */
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}
