import { CLUSTER_OPTIONS, CLUSTER_OPTIONS_HELP, connectFromArgs } from "../cluster-options.js";
import type { Command } from "../command.js";
import { formatData, integerOption, OUTPUT_HELP, OUTPUT_OPTION, outputFormat, requirePositional } from "../format/output.js";
import { HISTORY_COLUMNS, revisionData } from "../format/release.js";
import { formatTable } from "../format/table.js";

const HELP = `Usage: berth history <release> [options]

Prints every stored revision of a release, oldest first: revision, when it was written, its
status, chart, app version and description. Values are never printed (see \`berth get values\`).

Options:
      --max <n>             only the latest n revisions
${OUTPUT_HELP}  -h, --help                show this help

${CLUSTER_OPTIONS_HELP}`;

/** `berth history <release>`: the revisions of a release. */
export const historyCommand: Command = {
  name: "history",
  summary: "Print the revisions of a release",
  help: HELP,
  options: { ...CLUSTER_OPTIONS, ...OUTPUT_OPTION, max: { type: "string" } },
  async run({ values, positionals }, io) {
    const name = requirePositional("history", positionals, 0, "release name");
    const format = outputFormat("history", values);
    const max = integerOption("history", values, "max");
    const cluster = await connectFromArgs(values, io);
    try {
      const all = await cluster.history(name, { signal: io.signal });
      const revisions = max === undefined ? all : all.slice(Math.max(0, all.length - max));
      io.stdout.write(format === "table" ? formatTable(HISTORY_COLUMNS, revisions) : formatData(revisions.map(revisionData), format));
      return 0;
    } finally {
      cluster.close();
    }
  },
};
