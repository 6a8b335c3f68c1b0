import { formatPlanText } from "../../plan/format/text.js";
import { parseDuration } from "../../wait/duration.js";
import { CLUSTER_OPTIONS, CLUSTER_OPTIONS_HELP, connectFromArgs } from "../cluster-options.js";
import type { Command } from "../command.js";
import { requirePositional, UsageError } from "../format/output.js";
import { createProgressReporter } from "../progress.js";

const HELP = `Usage: berth rollback <release> [revision] [options]

Writes a new revision with the objects, hooks and values of an earlier one (default: the
revision before the latest), planned against the live cluster: objects the target did not have
are deleted, pre/post-rollback hooks run. Progress goes to stderr (redrawn in place on a terminal).

Options:
      --wait                wait until every applied object is ready
      --wait-for-jobs       with --wait, also wait for Jobs to complete
      --timeout <duration>  how long to wait, and how long each hook may run (default: 5m)
      --dry-run             print the plan; change nothing
  -h, --help                show this help

${CLUSTER_OPTIONS_HELP}`;

function revisionArg(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError("rollback", `revision must be a positive whole number, got "${text}"`);
  return Number(text);
}

/** `berth rollback <release> [revision]`: return a release to an earlier revision. */
export const rollbackCommand: Command = {
  name: "rollback",
  summary: "Roll a release back to an earlier revision",
  help: HELP,
  options: {
    ...CLUSTER_OPTIONS,
    wait: { type: "boolean" },
    "wait-for-jobs": { type: "boolean" },
    timeout: { type: "string" },
    "dry-run": { type: "boolean" },
  },
  async run({ values, positionals }, io) {
    const name = requirePositional("rollback", positionals, 0, "release name");
    if (positionals.length > 2) throw new UsageError("rollback", `unexpected argument "${positionals[2]}"`);
    const revision = revisionArg(positionals[1]);
    const timeout = values["timeout"] as string | undefined;
    if (timeout !== undefined) parseDuration(timeout, "--timeout");
    const wait = values["wait"] === true ? { ...(timeout ? { timeout } : {}), waitForJobs: values["wait-for-jobs"] === true } : false;
    const cluster = await connectFromArgs(values, io);
    const progress = createProgressReporter(io);
    try {
      const result = await cluster.rollback(name, {
        ...(revision !== undefined ? { revision } : {}),
        wait,
        ...(timeout ? { hookTimeout: timeout } : {}),
        dryRun: values["dry-run"] === true,
        onEvent: progress.onEvent,
        signal: io.signal,
      });
      progress.stop();
      if (result.status === "planned") io.stdout.write(formatPlanText(result.plan, { color: io.stdout.isTTY === true }));
      else io.stdout.write(`Rollback was a success: release "${result.release}" in ${result.namespace} is at revision ${result.revision} (${result.status}).\n`);
      return 0;
    } finally {
      progress.stop();
      cluster.close();
    }
  },
};
