import { describeRef } from "../../wait/events.js";
import { parseDuration } from "../../wait/duration.js";
import { CLUSTER_OPTIONS, CLUSTER_OPTIONS_HELP, connectFromArgs } from "../cluster-options.js";
import type { Command } from "../command.js";
import { requirePositional, UsageError } from "../format/output.js";
import { createProgressReporter } from "../progress.js";

const HELP = `Usage: berth uninstall <release> [options]

Deletes a release's objects in reverse install order (running pre/post-delete hooks), waits
until they are gone, then deletes its records. Objects annotated helm.sh/resource-policy: keep
are left in place.

Options:
      --keep-history        keep the records, the latest marked uninstalled (it can be rolled back)
      --timeout <duration>  how long to wait for objects to be gone, and for each hook (default: 5m)
  -h, --help                show this help

${CLUSTER_OPTIONS_HELP}`;

/** `berth uninstall <release>`: delete a release. */
export const uninstallCommand: Command = {
  name: "uninstall",
  summary: "Delete a release's objects and records",
  help: HELP,
  options: { ...CLUSTER_OPTIONS, "keep-history": { type: "boolean" }, timeout: { type: "string" } },
  async run({ values, positionals }, io) {
    const name = requirePositional("uninstall", positionals, 0, "release name");
    if (positionals.length > 1) throw new UsageError("uninstall", `unexpected argument "${positionals[1]}"`);
    const timeout = values["timeout"] as string | undefined;
    if (timeout !== undefined) parseDuration(timeout, "--timeout");
    const cluster = await connectFromArgs(values, io);
    const progress = createProgressReporter(io);
    try {
      const result = await cluster.uninstall(name, {
        keepHistory: values["keep-history"] === true,
        ...(timeout ? { timeout } : {}),
        onEvent: progress.onEvent,
        signal: io.signal,
      });
      progress.stop();
      for (const ref of result.kept) io.stderr.write(`kept ${describeRef(ref)} (helm.sh/resource-policy: keep)\n`);
      io.stdout.write(`release "${result.release}" uninstalled from ${result.namespace}: ${result.deleted.length} object(s) deleted${result.keptHistory ? ", history kept" : ""}\n`);
      return 0;
    } finally {
      progress.stop();
      cluster.close();
    }
  },
};
