import { CLUSTER_OPTIONS, CLUSTER_OPTIONS_HELP, connectFromArgs } from "../cluster-options.js";
import type { ReleaseStatusReport } from "../../actions/queries.js";
import type { Command } from "../command.js";
import { formatData, OUTPUT_HELP, OUTPUT_OPTION, outputFormat, requirePositional } from "../format/output.js";
import { OBJECT_COLUMNS, statusData } from "../format/release.js";
import { formatFields, formatTable } from "../format/table.js";

const HELP = `Usage: berth status <release> [options]

Prints the latest revision of a release: status, chart, timestamps, description, the lock of an
operation in progress, the release's objects (kind, namespace, name — never their content) and
its notes. Values are never printed (see \`berth get values\`).

Options:
${OUTPUT_HELP}  -h, --help                show this help

${CLUSTER_OPTIONS_HELP}`;

function formatStatus(s: ReleaseStatusReport): string {
  const header = formatFields([
    ["NAME", s.name],
    ["NAMESPACE", s.namespace],
    ["STATUS", s.status],
    ["REVISION", s.revision],
    ["CHART", s.chart],
    ["APP VERSION", s.appVersion],
    ["FIRST DEPLOYED", s.firstDeployed],
    ["LAST DEPLOYED", s.updated],
    ["DESCRIPTION", s.description],
    ["LOCKED BY", s.lock ? `${s.lock.holder} since ${s.lock.acquiredAt} (expires ${s.lock.expiresAt})` : undefined],
  ]);
  const objects = s.objects.length > 0 ? `\nOBJECTS:\n${formatTable(OBJECT_COLUMNS, s.objects)}` : "";
  const notes = s.notes.trim() ? `\nNOTES:\n${s.notes.replace(/\n*$/, "\n")}` : "";
  return header + objects + notes;
}

/** `berth status <release>`: the latest revision with its objects and notes. */
export const statusCommand: Command = {
  name: "status",
  summary: "Print a release's status, objects and notes",
  help: HELP,
  options: { ...CLUSTER_OPTIONS, ...OUTPUT_OPTION },
  async run({ values, positionals }, io) {
    const name = requirePositional("status", positionals, 0, "release name");
    const format = outputFormat("status", values);
    const cluster = await connectFromArgs(values, io);
    try {
      const report = await cluster.status(name, { signal: io.signal });
      io.stdout.write(format === "table" ? formatStatus(report) : formatData(statusData(report), format));
      return 0;
    } finally {
      cluster.close();
    }
  },
};
