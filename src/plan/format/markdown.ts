import type { Plan } from "../types.js";
import { actionHeader, chartLine, driftLines, shownActions, summaryLine, yamlDiff } from "./common.js";

/**
 * The plan as Markdown for a pull-request comment: the summary, blocking problems, a table of the
 * changed objects, hooks, then one collapsible `<details>` per changed object with its diff in a
 * diff code block. Same plan, same bytes.
 */
export function formatPlanMarkdown(plan: Plan): string {
  const r = plan.release;
  const out: string[] = [`### berth plan: \`${r.namespace}/${r.name}\` (${r.isInstall ? "install" : `upgrade from revision ${r.revision}`})`, "", `**${summaryLine(plan)}**`, ""];
  if (r.chart) out.splice(1, 0, "", `\`${chartLine(r.chart)}\``);
  if (plan.problems.length) {
    out.push(`> [!CAUTION]`, `> **${plan.problems.length} blocking problem(s): this plan cannot be applied.**`);
    for (const p of plan.problems) out.push(`> - \`${p.code}\`: ${cell(p.message)}`);
    out.push("");
  }
  const shown = shownActions(plan);
  if (shown.length) {
    out.push("| Action | Object | Source |", "| --- | --- | --- |");
    for (const a of shown) out.push(`| ${a.op} | \`${cell(a.id)}\` | ${a.source ? `\`${cell(a.source)}\`` : ""} |`);
    out.push("");
  }
  if (plan.hooks.length) {
    out.push("Hooks that run, in order:", "");
    for (const h of plan.hooks) out.push(`1. \`${h.event}\` weight ${h.weight}: \`${cell(h.id)}\``);
    out.push("");
  }
  for (const a of [...shown, ...plan.actions.filter((x) => x.op === "noop" && x.drift)]) {
    const body = [...driftLines(a), ...yamlDiff(a)];
    out.push(`<details><summary><code>${html(actionHeader(a))}</code></summary>`, "");
    if (body.length) out.push(...fenced("diff", body), "");
    out.push("</details>", "");
  }
  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}

/** A code block whose fence is longer than any backtick run inside, so content cannot close it. */
function fenced(lang: string, lines: readonly string[]): string[] {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))));
  const fence = "`".repeat(longest + 1);
  return [`${fence}${lang}`, ...lines, fence];
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function html(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
