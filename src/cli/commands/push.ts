import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { findCredentials } from "../../chart/oci/credentials.js";
import { pushChart } from "../../chart/oci/charts.js";
import { ChartReferenceInvalid } from "../../chart/package/errors.js";
import type { Command } from "../command.js";
import { accessOptions, ACCESS_HELP, ACCESS_OPTIONS, chartPaths } from "./chart-env.js";

const HELP = `Usage: berth push <chart.tgz> oci://<host>[:port]/<path> [options]

Pushes a chart package to an OCI registry the way helm push does (Helm's media types), as
oci://<host>/<path>/<name>:<version>. Credentials: --username/--password, else those of
\`berth registry login\`, else Docker's config.json. A <chart.tgz>.prov next to the package is
pushed with it (as helm push does). Prints the reference and manifest digest.

Options:
${ACCESS_HELP}
  -h, --help                 show this help
`;

/** `berth push`. */
export const pushCommand: Command = {
  name: "push",
  summary: "Push a chart package to an OCI registry",
  help: HELP,
  options: { ...ACCESS_OPTIONS },
  async run({ values, positionals }, io) {
    if (positionals.length !== 2) {
      io.stderr.write(HELP);
      return 1;
    }
    const [file, remote] = positionals as [string, string];
    const m = /^oci:\/\/([^/]+)\/?(.*?)\/?$/.exec(remote);
    if (!m) throw new ChartReferenceInvalid({ url: remote }, "the destination must be oci://<host>[:port]/<path>");
    const bytes = await readFile(resolve(io.cwd, file));
    const paths = chartPaths(io);
    const access = accessOptions(values);
    const credentials = access.username !== undefined ? { username: access.username, password: access.password ?? "" } : await findCredentials(m[1]!, paths);
    // As helm push: a `.prov` next to the package is pushed with it.
    const provenance = await readFile(`${resolve(io.cwd, file)}.prov`).catch(() => undefined);
    const pushed = await pushChart(bytes, { registry: m[1]!, repository: m[2]! }, {
      ...(credentials && { credentials }),
      ...(access.caFile && { ca: await readFile(access.caFile) }),
      ...(access.insecureSkipTlsVerify && { insecureSkipTlsVerify: true }),
      ...(access.plainHttp && { plainHttp: true }),
      signal: io.signal,
    }, provenance ? { provenance } : {});
    io.stdout.write(`Pushed: ${pushed.ref.slice("oci://".length)}\nDigest: ${pushed.manifestDigest}\n`);
    return 0;
  },
};
