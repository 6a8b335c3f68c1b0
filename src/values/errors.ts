import { BerthError } from "../errors.js";
import { formatIssues, type Issue } from "../model/issue.js";

/**
 * Values failed validation or could not be read: schema violations (all of them, each with
 * its value path), a malformed `--set` expression, a values file that is not a mapping.
 */
export class ValuesInvalid extends BerthError {
  /** Every problem found, each with its value path (`image.tag`) and file where known. */
  readonly issues: readonly Issue[];

  /**
   * @param subject - what was being checked, e.g. `values of chart web`
   * @param issues - every problem found
   */
  constructor(subject: string, issues: readonly Issue[], options?: { cause?: unknown }) {
    super("ValuesInvalid", `${subject} are invalid:\n${formatIssues(issues)}`, options);
    this.issues = issues;
  }
}
