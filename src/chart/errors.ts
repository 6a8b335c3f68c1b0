import { BerthError } from "../errors.js";
import { formatIssues, type Issue } from "../model/issue.js";

/**
 * A chart could not be loaded or defined: a missing or malformed `Chart.yaml`, an
 * invalid name or version, a dependency that cannot be found, unreadable files.
 */
export class ChartInvalid extends BerthError {
  /** Every problem found, each naming its file where known. */
  readonly issues: readonly Issue[];

  /**
   * @param chart - the chart's name or directory
   * @param issues - every problem found
   */
  constructor(chart: string, issues: readonly Issue[], options?: { cause?: unknown }) {
    super("ChartInvalid", `chart ${chart} is invalid:\n${formatIssues(issues)}`, options);
    this.issues = issues;
  }
}
