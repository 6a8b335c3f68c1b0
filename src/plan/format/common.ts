import { stringify } from "yaml";
import type { Plan, PlanAction, PlanFieldDiff, PlanOp } from "../types.js";
import { diffLines, unifiedHunks } from "./line-diff.js";

/** The header symbol of each op (terraform style). */
export const OP_SYMBOL: Readonly<Record<PlanOp, string>> = {
  create: "+",
  update: "~",
  delete: "-",
  replace: "-/+",
  keep: "=",
  noop: " ",
};

/**
 * `Plan: 2 to create, 1 to update, 1 to replace, 1 to delete.`, then `Recorded hooks change.` when
 * the revision's hooks differ (`Plan.hooksChanged`), or `No changes.`
 */
export function summaryLine(plan: Plan): string {
  if (!plan.changes) return "No changes.";
  const s = plan.summary;
  const kept = s.keep ? ` ${s.keep} kept.` : "";
  const hooks = plan.hooksChanged ? " Recorded hooks change." : "";
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete.${kept}${hooks}`;
}

/** The actions a reviewer must see: everything but `noop`. */
export function shownActions(plan: Plan): PlanAction[] {
  return plan.actions.filter((a) => a.op !== "noop");
}

/** `~ apps/v1 Deployment web/api` plus what is special about it (immutable fields, adoption, notes). */
export function actionHeader(action: PlanAction): string {
  const extras: string[] = [];
  if (action.immutableFields?.length) extras.push(`immutable: ${action.immutableFields.join(", ")}`);
  if (action.adopted) extras.push("adopted");
  if (action.note) extras.push(action.note);
  return `${OP_SYMBOL[action.op]} ${action.id}${extras.length ? ` (${extras.join("; ")})` : ""}`;
}

/** The unified YAML diff of an action's printable before/after, 3 lines of context; `[]` when there is none. */
export function yamlDiff(action: PlanAction, context = 3): string[] {
  if (action.op === "keep" || action.op === "noop") return [];
  return unifiedHunks(diffLines(yamlLines(action.before), yamlLines(action.after)), context);
}

function yamlLines(doc: unknown): string[] {
  if (doc === undefined) return [];
  return stringify(doc, { lineWidth: 0, version: "1.1" }).replace(/\n$/, "").split("\n");
}

/** Drift lines: `~ path: recorded → live`, sensitive entries as `(sensitive, changed)`. */
export function driftLines(action: PlanAction): string[] {
  if (!action.drift) return [];
  return [`! ${action.drift.message}:`, ...action.drift.fields.map((f) => `    ${f.path}: ${fieldText(f)}`)];
}

/** A field diff entry as `before → after`, redacted entries as their changed keys only. */
export function fieldText(f: PlanFieldDiff): string {
  if ("redacted" in f) return `(sensitive, ${f.changed ? "changed" : "unchanged"}${f.keys.length ? `: ${f.keys.join(", ")}` : ""})`;
  return `${valueText(f.before)} → ${valueText(f.after)}`;
}

function valueText(value: unknown): string {
  return value === undefined ? "(absent)" : JSON.stringify(value);
}

/** `Chart web 1.4.2 sha256:… from oci://…`: which package, exactly, is deployed. */
export function chartLine(chart: NonNullable<Plan["release"]["chart"]>): string {
  return `Chart ${chart.name} ${chart.version}${chart.digest ? ` ${chart.digest}` : ""}${chart.source ? ` from ${chart.source}` : ""}`;
}
