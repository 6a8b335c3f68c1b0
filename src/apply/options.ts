// The options of an operation that writes, as a user passes them to `deploy`, `applyPlan` and
// `rollback` (public types). They live in the apply layer, which carries operations out; the verbs
// in actions/ extend them.
import type { CodeHooks } from "../hooks/code-hooks.js";
import type { Plan } from "../plan/types.js";
import type { DeployEvent } from "./events.js";

/** How long to wait for readiness. */
export interface WaitSettings {
  /** A number of milliseconds or a duration such as `"5m"`, `"90s"`. @defaultValue "5m" */
  readonly timeout?: number | string;
  /** Also wait for Jobs to complete. @defaultValue false */
  readonly waitForJobs?: boolean;
}

/** How an operation that writes (`deploy`, `applyPlan`, `rollback`) is carried out. */
export interface OperationOptions {
  /** Wait until every applied object is ready before post-hooks run and the revision is `deployed`. @defaultValue false */
  readonly wait?: boolean | WaitSettings;
  /** Hooks written in TypeScript, run after the chart's hooks of the same event. */
  readonly hooks?: CodeHooks<Plan>;
  /** How long each chart hook may run. @defaultValue "5m" */
  readonly hookTimeout?: number | string;
  /** Applies in flight at once. @defaultValue 32 */
  readonly concurrency?: number;
  /** Receives every step of the operation as it happens. */
  readonly onEvent?: (event: DeployEvent) => void;
  /** Cancels the operation; a pending revision already recorded is marked failed. */
  readonly signal?: AbortSignal;
}

/** How a saved plan is applied (`Cluster.applyPlan`); also the install/upgrade part of {@link DeployOptions}. */
export interface ApplySavedPlanOptions extends OperationOptions {
  /** On any failure, return to the last deployed revision (or uninstall a failed first install). @defaultValue false */
  readonly atomic?: boolean;
  /** The description of the new revision once deployed. @defaultValue "Install complete" / "Upgrade complete" */
  readonly description?: string;
}
