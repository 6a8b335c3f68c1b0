import { resolve } from "node:path";
import { checkSavedPlan } from "../../actions/apply-saved.js";
import type { DeployResult } from "../../actions/types.js";
import { loadPlans } from "../../plan/saved.js";
import type { Plan } from "../../plan/types.js";
import { formatPlans } from "../../runner/format-plans.js";
import { runScript } from "../../runner/run-script.js";
import { approveConfirmed } from "../../runner/same-plan.js";
import { CLUSTER_OPTIONS, CLUSTER_OPTIONS_HELP, connectFromArgs } from "../cluster-options.js";
import { readLine, type CliIO, type Command } from "../command.js";
import { requirePositional, UsageError } from "../format/output.js";
import { createProgressReporter } from "../progress.js";
import { checkAndPrepareScript, PLAN_KEY_OPTION, readPlanKey, reportBlocked, TYPECHECK_OPTION, useColor } from "./plan.js";

const HELP = `Usage: berth deploy <script.ts> [options]
       berth deploy --plan <file> [options]

Runs a deploy script: on a terminal it first runs the script in plan mode, prints every plan and
asks for confirmation, then runs it again for real, applying only the plans you confirmed (a plan
that changed meanwhile stops the deploy). The script connects itself (connect() in the script).
It is type-checked first (with the nearest tsconfig.json): a type error fails with ScriptTypeError
and nothing runs or is written.

With --plan, applies exactly the plans saved by \`berth plan --save-plan\`: no script, no render.
Every plan is first checked to be fresh (the release revision and every object it touches are as
planned); if anything moved, nothing is written (PlanStale): plan again.

Without a terminal (CI), --yes is required: berth deploy never applies unreviewed changes silently.

Options:
  -y, --yes                   do not ask; apply (after review: berth plan, or a saved --plan)
      --plan <file>           apply exactly the saved plans of this file
      --plan-key-file <file>  the key the plans were saved with (berth plan --plan-key-file)
      --no-color              no ANSI colours in the printed plans
      --no-typecheck          do not type-check the script first (run it as tsx does, types stripped)
  -h, --help                  show this help

Exit codes: 0 deployed (or nothing to change), 1 failure, refused or declined.

${CLUSTER_OPTIONS_HELP}(cluster options apply to --plan only; a script connects itself)
`;

/** Asks on stderr; true only for the answer "yes". */
async function confirm(io: CliIO, plans: readonly Plan[]): Promise<boolean> {
  const changed = plans.filter((p) => p.changes).length;
  io.stderr.write(`\nDeploy the changes of ${changed} release(s) above? Only 'yes' is accepted: `);
  return (await readLine(io))?.trim() === "yes";
}

function report(results: readonly DeployResult[], io: CliIO): void {
  for (const r of results) {
    const revision = r.revision !== null ? ` revision ${r.revision}` : "";
    io.stdout.write(`${r.namespace}/${r.release}: ${r.status}${revision}\n`);
  }
}

/**
 * Prints the plans and asks, unless `--yes`. Returns an exit code when the deploy must not go on
 * (refused, declined, blocked, nothing to change), else `undefined`.
 */
async function review(plans: readonly Plan[], values: Record<string, unknown>, io: CliIO): Promise<number | undefined> {
  io.stdout.write(formatPlans(plans, "text", { color: useColor(values, io) }));
  if (reportBlocked(plans, io) > 0) return 1;
  if (!plans.some((p) => p.changes)) {
    io.stderr.write("berth deploy: no changes; nothing to deploy\n");
    return 0;
  }
  if (values["yes"] === true) return undefined;
  if (await confirm(io, plans)) return undefined;
  io.stderr.write("berth deploy: not confirmed; nothing was written\n");
  return 1;
}

async function deploySaved(file: string, values: Record<string, unknown>, io: CliIO): Promise<number> {
  const key = await readPlanKey(values, io);
  const plans = await loadPlans(resolve(io.cwd, file), key === undefined ? {} : { key });
  const cluster = await connectFromArgs(values, io);
  try {
    for (const plan of plans) await checkSavedPlan(cluster.config, plan, io.signal);
    const stop = await review(plans, values, io);
    if (stop !== undefined) return stop;
    const progress = createProgressReporter(io);
    const results: DeployResult[] = [];
    try {
      for (const plan of plans) results.push(await cluster.applyPlan(plan, { onEvent: progress.onEvent, signal: io.signal }));
    } finally {
      progress.stop();
      report(results, io);
    }
    return 0;
  } finally {
    cluster.close();
  }
}

/** `berth deploy <script.ts>` / `berth deploy --plan <file>`: deploy after review, or apply saved plans exactly. */
export const deployCommand: Command = {
  name: "deploy",
  summary: "Run a deploy script (after confirming its plans), or apply saved plans exactly",
  help: HELP,
  options: {
    yes: { type: "boolean", short: "y" },
    plan: { type: "string" },
    ...PLAN_KEY_OPTION,
    "no-color": { type: "boolean" },
    ...TYPECHECK_OPTION,
    ...CLUSTER_OPTIONS,
  },
  async run({ values, positionals }, io) {
    const interactive = io.stdin?.isTTY === true;
    if (values["yes"] !== true && !interactive) {
      io.stderr.write("berth deploy: refusing to deploy without confirmation: stdin is not a terminal. Review with `berth plan`, then pass --yes (or apply a saved plan with --plan <file> --yes)\n");
      return 1;
    }
    const planFile = values["plan"];
    if (typeof planFile === "string") {
      if (positionals.length > 0) throw new UsageError("deploy", "give a deploy script or --plan <file>, not both");
      return await deploySaved(planFile, values, io);
    }
    const script = requirePositional("deploy", positionals, 0, "deploy script");
    const run = await checkAndPrepareScript("deploy", script, values, io);
    let approve: ((plan: Plan) => boolean) | undefined;
    if (values["yes"] !== true) {
      const { results } = await runScript(script, { mode: "plan", ...run });
      const plans = results.map((r) => r.plan);
      const stop = await review(plans, values, io);
      if (stop !== undefined) return stop;
      approve = approveConfirmed(plans);
    }
    const progress = createProgressReporter(io);
    let results: readonly DeployResult[];
    try {
      ({ results } = await runScript(script, { mode: "deploy", onEvent: progress.onEvent, ...run, ...(approve ? { approve } : {}) }));
    } finally {
      progress.stop();
    }
    report(results, io);
    return 0;
  },
};
