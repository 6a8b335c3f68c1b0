import { formatPlanJson, PLAN_JSON_VERSION } from "../plan/format/json.js";
import { formatPlanMarkdown } from "../plan/format/markdown.js";
import { formatPlanText } from "../plan/format/text.js";
import type { Plan, PlanSummary } from "../plan/types.js";

/** The output formats of a script's plans. */
export type PlansFormat = "text" | "json" | "markdown";

/** Options of {@link formatPlans}. */
export interface FormatPlansOptions {
  /** ANSI colours (text only). @defaultValue false */
  readonly color?: boolean;
}

/** The summed summary of several plans, and how many of them change something. */
export interface PlansTotal {
  /** How many plans were summed. */
  readonly releases: number;
  /** How many of them change something. */
  readonly changed: number;
  /** How many of them have blocking problems. */
  readonly blocked: number;
  /** The plans' summaries summed by op. */
  readonly summary: PlanSummary;
}

/** Sums the summaries of several plans. */
export function totalOf(plans: readonly Plan[]): PlansTotal {
  const summary = { create: 0, update: 0, replace: 0, delete: 0, keep: 0, noop: 0 };
  for (const plan of plans) for (const op of Object.keys(summary) as (keyof PlanSummary)[]) summary[op] += plan.summary[op];
  return {
    releases: plans.length,
    changed: plans.filter((p) => p.changes).length,
    blocked: plans.filter((p) => p.problems.length > 0).length,
    summary,
  };
}

/** `Total: 2 releases, 1 with changes: 2 to create, 1 to update, 0 to replace, 0 to delete.` */
export function totalLine(plans: readonly Plan[]): string {
  const t = totalOf(plans);
  const s = t.summary;
  const blocked = t.blocked ? ` ${t.blocked} blocked by problems.` : "";
  const counts = t.changed ? `: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete.` : ": no changes.";
  return `Total: ${t.releases} release${t.releases === 1 ? "" : "s"}, ${t.changed} with changes${counts}${blocked}`;
}

/**
 * Several plans (a script's deploys, in order) as one document with one total: text (each plan,
 * then the total), JSON (`{ planVersion, changes, total, plans: [...] }`, each plan as
 * `formatPlanJson` gives it), or Markdown (a total heading, then each plan). Secrets stay redacted;
 * the payload is never printed. Same plans, same bytes.
 */
export function formatPlans(plans: readonly Plan[], format: PlansFormat, options: FormatPlansOptions = {}): string {
  switch (format) {
    case "json": {
      const document = {
        planVersion: PLAN_JSON_VERSION,
        changes: plans.some((p) => p.changes),
        total: totalOf(plans),
        plans: plans.map((p) => JSON.parse(formatPlanJson(p)) as unknown),
      };
      return `${JSON.stringify(document, null, 2)}\n`;
    }
    case "markdown":
      return [`## berth plan\n\n**${totalLine(plans)}**\n`, ...plans.map((p) => formatPlanMarkdown(p))].join("\n");
    case "text": {
      const bold = (text: string) => (options.color ? `\x1b[1m${text}\x1b[0m` : text);
      return [...plans.map((p) => formatPlanText(p, { color: options.color ?? false })), `${bold(totalLine(plans))}\n`].join("\n");
    }
  }
}
