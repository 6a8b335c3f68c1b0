import { BerthError } from "../errors.js";
import { formatIssues, type Issue } from "../model/issue.js";

/**
 * Rendering failed. Every problem found across all templates is listed (missing values,
 * YAML syntax errors, objects without a name, duplicates…), each with its template and line.
 */
export class RenderFailed extends BerthError {
  /** Every problem found, in template order. */
  readonly issues: readonly Issue[];

  /**
   * @param chart - the chart's name
   * @param issues - every problem found
   * @param options - the underlying error (e.g. the Go template engine's), when there is one
   */
  constructor(chart: string, issues: readonly Issue[], options?: { cause?: unknown }) {
    super("RenderFailed", `rendering chart ${chart} failed (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n${formatIssues(issues)}`, options);
    this.issues = issues;
  }
}
