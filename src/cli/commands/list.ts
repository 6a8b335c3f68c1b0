import { RELEASE_STATUSES, type ReleaseStatus } from "../../storage/release.js";
import { CLUSTER_OPTIONS, CLUSTER_OPTIONS_HELP, connectFromArgs } from "../cluster-options.js";
import type { Command } from "../command.js";
import { formatData, OUTPUT_HELP, OUTPUT_OPTION, outputFormat, UsageError } from "../format/output.js";
import { LIST_COLUMNS, releaseData } from "../format/release.js";
import { formatTable } from "../format/table.js";

const HELP = `Usage: berth list [options]

Prints the releases of a namespace (or of every namespace), each by its latest revision, sorted
by namespace then name. Uninstalled releases (kept with --keep-history) are hidden unless asked for.

Options:
  -A, --all-namespaces      list releases of every namespace
      --status <status>     only releases whose latest revision has this status:
                            ${RELEASE_STATUSES.join(", ")}
${OUTPUT_HELP}  -h, --help                show this help

${CLUSTER_OPTIONS_HELP}`;

/** `berth list`: the releases of a namespace or of all. */
export const listCommand: Command = {
  name: "list",
  summary: "List releases",
  help: HELP,
  options: { ...CLUSTER_OPTIONS, ...OUTPUT_OPTION, "all-namespaces": { type: "boolean", short: "A" }, status: { type: "string" } },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new UsageError("list", `unexpected argument "${positionals[0]}"`);
    const format = outputFormat("list", values);
    const status = values["status"] as string | undefined;
    if (status !== undefined && !RELEASE_STATUSES.includes(status as ReleaseStatus)) {
      throw new UsageError("list", `unknown status "${status}"; use one of ${RELEASE_STATUSES.join(", ")}`);
    }
    const cluster = await connectFromArgs(values, io);
    try {
      const releases = await cluster.list({
        allNamespaces: values["all-namespaces"] === true,
        ...(status ? { status: status as ReleaseStatus } : {}),
        signal: io.signal,
      });
      io.stdout.write(format === "table" ? formatTable(LIST_COLUMNS, releases) : formatData(releases.map(releaseData), format));
      return 0;
    } finally {
      cluster.close();
    }
  },
};
