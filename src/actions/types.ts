// The options and results of the verbs that write (`deploy`, `applyPlan`, `rollback`): the public
// types a user passes and gets back. They live apart from the verbs so that the stages a verb is
// built from (perform, perform-deploy, rollback, apply-saved) can name them without importing the
// verb, and so that no internal per-phase type leaks into the public API.
import type { CodeHooks } from "../hooks/code-hooks.js";
import type { HookRun } from "../hooks/events.js";
import type { ObjectRef } from "../model/ref.js";
import type { Plan } from "../plan/types.js";
import type { ReleaseStatus } from "../storage/release.js";
import type { DeployEvent } from "./events.js";
import type { TemplateArgs } from "./template.js";

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
  /** Applies in flight at once. @defaultValue 8 */
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

/** What is deployed: the release, its namespace and the user's values (same as `template`). */
export type DeployArgs<V> = TemplateArgs<V>;

/** How a deploy is managed. */
export interface DeployOptions extends ApplySavedPlanOptions {
  /** Adopt live objects that belong to no or another release instead of reporting a conflict. @defaultValue false */
  readonly adopt?: boolean;
  /** Plan immutable-field changes as `replace` (delete, then create) instead of a blocking problem. @defaultValue false */
  readonly replaceImmutable?: boolean;
  /** Missing values are errors. @defaultValue true */
  readonly strict?: boolean;
  /** Compute and return the plan; write nothing. @defaultValue false */
  readonly dryRun?: boolean;
  /** Asked with the plan before anything is written; `false` stops the deploy with `PlanNotApproved`. */
  readonly approve?: (plan: Plan) => boolean | Promise<boolean>;
}

/** What a deploy (or `applyPlan`, or `rollback`) did. */
export interface DeployResult {
  /** The release name. */
  readonly release: string;
  /** The release's namespace. */
  readonly namespace: string;
  /** The revision written; `null` for a dry run or when the plan had no changes. */
  readonly revision: number | null;
  /** `unchanged` when the plan was empty (nothing written, no revision); `planned` for a dry run. */
  readonly status: ReleaseStatus | "unchanged" | "planned";
  /** The plan computed and applied. */
  readonly plan: Plan;
  /** The rendered NOTES.txt. */
  readonly notes: string;
  /** The objects written (created, updated or replaced), in install order; empty for a dry run. */
  readonly applied: readonly ObjectRef[];
  /** The objects pruned because the new revision no longer has them. */
  readonly deleted: readonly ObjectRef[];
  /** The hooks that ran (chart hooks and code hooks), in run order. */
  readonly hooks: readonly HookRun[];
  /** Wall-clock time of the whole operation, in milliseconds. */
  readonly durationMs: number;
}
