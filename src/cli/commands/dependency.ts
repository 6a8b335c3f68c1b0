import { resolve } from "node:path";
import { buildDependencies, listDependencies, updateDependencies } from "../../chart/deps/manager.js";
import type { Command } from "../command.js";
import { formatTable } from "../format/table.js";
import { chartPaths } from "./chart-env.js";

const HELP = `Usage: berth dependency <update|build|list> [chart-dir] [options]

Chart.yaml dependencies with version ranges, from chart repositories (URL or @name of an added
repository), OCI registries (oci://…), file:// paths or charts/.

  update   resolve the ranges as helm does, download the packages into charts/, write Chart.lock
           (the same Chart.lock helm writes)
  build    download exactly the versions Chart.lock names (fails if Chart.yaml changed since)
  list     each dependency and whether charts/ holds it

Options:
      --plain-http   use HTTP for OCI registries (default only for loopback hosts)
  -h, --help         show this help
`;

type Row = Awaited<ReturnType<typeof listDependencies>>[number];

/** `berth dependency update|build|list`. */
export const dependencyCommand: Command = {
  name: "dependency",
  summary: "Resolve, lock and download a chart's dependencies",
  help: HELP,
  options: { "plain-http": { type: "boolean" } },
  async run({ values, positionals }, io) {
    const [sub, dirArg = "."] = positionals;
    const dir = resolve(io.cwd, dirArg);
    const options = { ...chartPaths(io), ...(values["plain-http"] === true && { plainHttp: true }) };
    if (sub === "update" || sub === "build") {
      const result = sub === "update" ? await updateDependencies(dir, options) : await buildDependencies(dir, options);
      for (const file of result.downloaded) io.stdout.write(`Saved ${file}\n`);
      io.stdout.write(result.lockWritten ? "Wrote Chart.lock\n" : "Chart.lock is up to date\n");
      return 0;
    }
    if (sub === "list") {
      const rows = await listDependencies(dir);
      io.stdout.write(formatTable<Row>([
        { header: "NAME", value: (r) => r.name },
        { header: "VERSION", value: (r) => r.version },
        { header: "REPOSITORY", value: (r) => r.repository },
        { header: "STATUS", value: (r) => r.status },
      ], rows));
      return 0;
    }
    io.stderr.write(HELP);
    return 1;
  },
};
