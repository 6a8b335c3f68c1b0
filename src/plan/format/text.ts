import type { Plan, PlanAction } from "../types.js";
import { actionHeader, chartLine, driftLines, shownActions, summaryLine, yamlDiff } from "./common.js";

/** Options of {@link formatPlanText}. */
export interface TextFormatOptions {
  /** ANSI colours (green added, red removed, yellow changed, bold problems). @defaultValue false */
  readonly color?: boolean;
  /** Lines of context around each change in the YAML diffs. @defaultValue 3 */
  readonly context?: number;
}

const ANSI = { red: "\x1b[31m", green: "\x1b[32m", yellow: "\x1b[33m", cyan: "\x1b[36m", bold: "\x1b[1m", reset: "\x1b[0m" };
type Colour = keyof typeof ANSI;

/**
 * The plan as text, terraform/helm-diff style: blocking problems first, the hooks that run, a header
 * and unified YAML diff per changed object, then the summary line. Reads only the printable plan data
 * (never the payload); the same plan always gives the same bytes.
 */
export function formatPlanText(plan: Plan, options: TextFormatOptions = {}): string {
  const paint = (colour: Colour, text: string) => (options.color ? `${ANSI[colour]}${text}${ANSI.reset}` : text);
  const out: string[] = [releaseLine(plan), ""];
  if (plan.problems.length) {
    out.push(paint("red", paint("bold", `Blocking problems (${plan.problems.length}): this plan cannot be applied`)));
    for (const p of plan.problems) out.push(paint("red", `  ✗ ${p.code}: ${p.message}`));
    out.push("");
  }
  if (plan.hooks.length) {
    out.push("Hooks that run, in order:");
    for (const h of plan.hooks) out.push(`  ${h.event} weight ${h.weight}: ${h.id}`);
    out.push("");
  }
  for (const action of shownActions(plan)) out.push(...actionBlock(action, paint), "");
  for (const action of plan.actions) {
    if (action.op === "noop" && action.drift) out.push(...actionBlock(action, paint), "");
  }
  out.push(paint("bold", summaryLine(plan)));
  return `${out.join("\n")}\n`;
}

function releaseLine(plan: Plan): string {
  const r = plan.release;
  const what = r.isInstall ? "install" : `upgrade from revision ${r.revision}`;
  return `Release ${r.namespace}/${r.name}: ${what}${r.chart ? `\n${chartLine(r.chart)}` : ""}`;
}


function actionBlock(action: PlanAction, paint: (c: Colour, t: string) => string): string[] {
  const colour: Colour = action.op === "create" ? "green" : action.op === "delete" || action.op === "replace" ? "red" : "yellow";
  const lines = [paint(colour, actionHeader(action))];
  for (const line of driftLines(action)) lines.push(paint("yellow", `  ${line}`));
  for (const line of yamlDiff(action)) {
    const c: Colour | undefined = line.startsWith("@@") ? "cyan" : line.startsWith("+") ? "green" : line.startsWith("-") ? "red" : undefined;
    lines.push(c ? paint(c, `  ${line}`) : `  ${line}`);
  }
  return lines;
}
