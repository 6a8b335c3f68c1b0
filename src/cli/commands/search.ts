import { searchRepos } from "../../chart/repo/manage.js";
import { parseConstraint } from "../../chart/semver/index.js";
import type { Command } from "../command.js";
import { formatTable } from "../format/table.js";
import { chartPaths } from "./chart-env.js";

const HELP = `Usage: berth search repo [keyword] [options]

Searches the cached indexes of the added repositories (berth repo update refreshes them) for
charts whose name, description or keywords contain the keyword.

Options:
  -l, --versions          every version, not only the newest
      --version <range>   only versions satisfying a range (e.g. ^1.2)
  -h, --help              show this help
`;

type Hit = Awaited<ReturnType<typeof searchRepos>>[number];

/** `berth search repo`. */
export const searchCommand: Command = {
  name: "search",
  summary: "Search the added chart repositories",
  help: HELP,
  options: { versions: { type: "boolean", short: "l" }, version: { type: "string" } },
  async run({ values, positionals }, io) {
    if (positionals[0] !== "repo" || positionals.length > 2) {
      io.stderr.write(HELP);
      return 1;
    }
    const range = values.version as string | undefined;
    const constraint = range === undefined ? undefined : parseConstraint(range);
    if (range !== undefined && !constraint) {
      io.stderr.write(`berth search repo: ${JSON.stringify(range)} is not a version range\n`);
      return 1;
    }
    let hits = await searchRepos(positionals[1] ?? "", chartPaths(io), { allVersions: values.versions === true || constraint !== undefined });
    if (constraint) {
      hits = hits.filter((h) => constraint.check(h.version));
      if (values.versions !== true) hits = hits.filter((h, i) => hits.findIndex((x) => x.name === h.name) === i);
    }
    if (hits.length === 0) {
      io.stdout.write("No results found\n");
      return 0;
    }
    io.stdout.write(formatTable<Hit>([
      { header: "NAME", value: (h) => h.name },
      { header: "CHART VERSION", value: (h) => h.version },
      { header: "APP VERSION", value: (h) => h.appVersion },
      { header: "DESCRIPTION", value: (h) => h.description },
    ], hits));
    return 0;
  },
};
