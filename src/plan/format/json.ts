import type { Plan } from "../types.js";

/** The version of the JSON plan schema; bumped on any incompatible change. */
export const PLAN_JSON_VERSION = 1;

/**
 * The plan as JSON (schema: `src/plan/format/json-schema.md`, `planVersion` 1): release, changes,
 * hooksChanged, summary, problems, hooks and actions with their field-level diffs (sensitive entries redacted).
 * The payload and the printable before/after documents are left out. Same plan, same bytes.
 */
export function formatPlanJson(plan: Plan): string {
  const document = {
    planVersion: PLAN_JSON_VERSION,
    release: plan.release,
    changes: plan.changes,
    hooksChanged: plan.hooksChanged,
    summary: plan.summary,
    problems: plan.problems,
    hooks: plan.hooks,
    actions: plan.actions.map((a) => ({
      op: a.op,
      id: a.id,
      ref: a.ref,
      category: a.category,
      source: a.source,
      diff: a.diff,
      immutableFields: a.immutableFields,
      drift: a.drift,
      adopted: a.adopted,
      note: a.note,
      liveResourceVersion: a.liveResourceVersion,
      liveDigest: a.liveDigest,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
