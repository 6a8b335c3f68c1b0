import { resolve } from "node:path";
import { packageChart } from "../../chart/package/package.js";
import { updateDependencies } from "../../chart/deps/manager.js";
import type { Command } from "../command.js";
import { chartPaths } from "./chart-env.js";

const HELP = `Usage: berth package <chart-dir>... [options]

Writes <name>-<version>.tgz for each chart directory: the files .helmignore keeps, in the layout
helm package writes (helm and chart repositories accept it). Deterministic: the same files give
the same bytes and digest. Prints the path and digest of each package.

Options:
  -d, --destination <dir>   where to write the packages (default: current directory)
  -u, --dependency-update   run \`berth dependency update\` first
  -h, --help                show this help
`;

/** `berth package`: chart directory → `.tgz`. */
export const packageCommand: Command = {
  name: "package",
  summary: "Package a chart directory as <name>-<version>.tgz",
  help: HELP,
  options: { destination: { type: "string", short: "d" }, "dependency-update": { type: "boolean", short: "u" } },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) {
      io.stderr.write(`berth package: expected a chart directory\n\n${HELP}`);
      return 1;
    }
    const destination = resolve(io.cwd, (values.destination as string | undefined) ?? ".");
    for (const dir of positionals) {
      if (values["dependency-update"]) await updateDependencies(resolve(io.cwd, dir), chartPaths(io));
      const out = await packageChart(resolve(io.cwd, dir), { destination });
      io.stdout.write(`${out.path}\t${out.digest}\n`);
    }
    return 0;
  },
};
