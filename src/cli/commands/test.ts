import type { TestResult } from "../../actions/test.js";
import { parseDuration } from "../../wait/duration.js";
import { CLUSTER_OPTIONS, CLUSTER_OPTIONS_HELP, connectFromArgs } from "../cluster-options.js";
import type { Command } from "../command.js";
import { formatData, OUTPUT_HELP, OUTPUT_OPTION, outputFormat, requirePositional } from "../format/output.js";
import { formatFields, formatTable } from "../format/table.js";
import { createProgressReporter } from "../progress.js";

const HELP = `Usage: berth test <release> [options]

Runs the release's test hooks (helm.sh/hook: test) against its deployed revision, in weight
order; the first failure ends the run. Exits 1 when a test fails, 0 when all pass or there are none.

Options:
      --timeout <duration>  how long each test may run (default: 5m)
${OUTPUT_HELP}  -h, --help                show this help

${CLUSTER_OPTIONS_HELP}`;

function testData(r: TestResult) {
  return {
    release: r.release,
    revision: r.revision,
    passed: r.passed,
    tests: r.runs.map((t) => ({ name: t.name, kind: t.kind, phase: t.phase, startedAt: t.startedAt, completedAt: t.completedAt })),
    ...(r.failure ? { failure: r.failure } : {}),
  };
}

function formatResult(r: TestResult): string {
  const header = formatFields([
    ["RELEASE", r.release],
    ["REVISION", r.revision],
    ["RESULT", r.runs.length === 0 ? "no tests" : r.passed ? "passed" : "failed"],
    ["FAILURE", r.failure],
  ]);
  if (r.runs.length === 0) return header;
  const table = formatTable(
    [
      { header: "TEST", value: (t: TestResult["runs"][number]) => t.name },
      { header: "KIND", value: (t) => t.kind },
      { header: "PHASE", value: (t) => t.phase },
      { header: "STARTED", value: (t) => t.startedAt },
      { header: "COMPLETED", value: (t) => t.completedAt },
    ],
    r.runs,
  );
  return `${header}\n${table}`;
}

/** `berth test <release>`: run a release's test hooks. */
export const testCommand: Command = {
  name: "test",
  summary: "Run a release's test hooks",
  help: HELP,
  options: { ...CLUSTER_OPTIONS, ...OUTPUT_OPTION, timeout: { type: "string" } },
  async run({ values, positionals }, io) {
    const name = requirePositional("test", positionals, 0, "release name");
    const format = outputFormat("test", values);
    const timeout = values["timeout"] as string | undefined;
    if (timeout !== undefined) parseDuration(timeout, "--timeout");
    const cluster = await connectFromArgs(values, io);
    const progress = createProgressReporter(io);
    try {
      const result = await cluster.test(name, { ...(timeout ? { timeout } : {}), onEvent: progress.onEvent, signal: io.signal });
      progress.stop();
      io.stdout.write(format === "table" ? formatResult(result) : formatData(testData(result), format));
      return result.passed ? 0 : 1;
    } finally {
      progress.stop();
      cluster.close();
    }
  },
};
