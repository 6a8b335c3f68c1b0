import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { writeChartArchive } from "../../chart/package/archive.js";
import { resolveChartSource } from "../../chart/package/resolve.js";
import type { Command } from "../command.js";
import { accessOptions, ACCESS_HELP, ACCESS_OPTIONS, VERIFY_HELP, VERIFY_OPTIONS, chartPaths } from "./chart-env.js";

const HELP = `Usage: berth pull <ref> [options]

Downloads a chart package into the current directory (or --destination) as <name>-<version>.tgz,
verified against its source's digest. <ref> is oci://host/path/name, <repo>/<chart> of an added
repository, or a chart name with --repo <url>. Prints the file and its digest.

Options:
      --version <range>      a version or range (default: the newest release)
      --repo <url>           the chart repository URL (then <ref> is the chart's name)
  -d, --destination <dir>    where to write the package
${ACCESS_HELP}
${VERIFY_HELP}
  -h, --help                 show this help
`;

/** `berth pull`. */
export const pullCommand: Command = {
  name: "pull",
  summary: "Download a chart package from a repository or OCI registry",
  help: HELP,
  options: { version: { type: "string" }, repo: { type: "string" }, destination: { type: "string", short: "d" }, ...ACCESS_OPTIONS, ...VERIFY_OPTIONS },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) {
      io.stderr.write(HELP);
      return 1;
    }
    const repo = values.repo as string | undefined;
    const version = values.version as string | undefined;
    const ref = repo ?? positionals[0]!;
    const resolved = await resolveChartSource(ref, {
      ...chartPaths(io),
      ...accessOptions(values, io.env),
      ...(repo !== undefined && { chart: positionals[0]! }),
      ...(version !== undefined && { version }),
    });
    const destination = resolve(io.cwd, (values.destination as string | undefined) ?? ".");
    await mkdir(destination, { recursive: true });
    const path = join(destination, `${resolved.name}-${resolved.version}.tgz`);
    // Packages from repositories and registries are written as they were served (same digest).
    await writeFile(path, resolved.bytes ?? writeChartArchive(resolved.name, resolved.files));
    io.stdout.write(`${path}\t${resolved.digest}\n`);
    if (resolved.signer) io.stdout.write(`Signed by: ${resolved.signer.userIds.join(", ")} (key ${resolved.signer.keyId})\n`);
    return 0;
  },
};

