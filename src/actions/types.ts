// The arguments, options and result of `deploy` (also the result of `applyPlan` and `rollback`):
// public types, apart from the verbs so that rollback and apply-saved can name them without
// importing deploy.ts, and so that no internal per-phase type leaks into the public API. The
// options shared by every writing operation are in apply/options.ts.
import type { ApplySavedPlanOptions } from "../apply/options.js";
import type { HookRun } from "../hooks/events.js";
import type { ObjectRef } from "../model/ref.js";
import type { Plan } from "../plan/types.js";
import type { ReleaseStatus } from "../storage/release.js";
import type { TemplateArgs } from "./template.js";

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
