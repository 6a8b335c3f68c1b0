import { BerthError } from "../errors.js";

/** `approve(plan)` declined the plan; nothing was written. */
export class PlanNotApproved extends BerthError {
  /** @param release - the release */
  constructor(release: string) {
    super("PlanNotApproved", `the plan for ${release} was not approved; nothing was changed`);
  }
}
