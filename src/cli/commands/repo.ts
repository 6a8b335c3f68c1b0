import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { addRepo, indexDirectory, removeRepo, updateRepos } from "../../chart/repo/manage.js";
import { readRepos } from "../../chart/repo/config.js";
import type { Command } from "../command.js";
import { formatTable } from "../format/table.js";
import { chartPaths } from "./chart-env.js";

const HELP = `Usage: berth repo <add|update|list|remove|index> [args] [options]

Chart repositories (HTTP(S) servers with an index.yaml), kept in berth's own
repositories.yaml (~/.config/berth, or $BERTH_CONFIG_HOME); indexes are cached in ~/.cache/berth.

  add <name> <url>     check the repository and remember it (--username/--password, --ca-file)
  update [name...]     refresh the cached indexes
  list                 the added repositories
  remove <name...>     forget repositories
  index <dir>          write <dir>/index.yaml for the .tgz packages in it (--url, --merge)

Options:
      --username <u>        repository username (add)
      --password <p>        repository password (add)
      --ca-file <pem>       trust this CA for the repository (add)
      --insecure-skip-tls-verify  do not verify its TLS certificate (add)
      --force-update        replace a repository of the same name (add)
      --url <url>           the URL the packages will be served from (index)
      --merge <index.yaml>  keep the entries of an existing index (index)
  -h, --help                show this help
`;

/** `berth repo add|update|list|remove|index`. */
export const repoCommand: Command = {
  name: "repo",
  summary: "Add, update, list, remove and index chart repositories",
  help: HELP,
  options: {
    username: { type: "string" },
    password: { type: "string" },
    "ca-file": { type: "string" },
    "insecure-skip-tls-verify": { type: "boolean" },
    "force-update": { type: "boolean" },
    url: { type: "string" },
    merge: { type: "string" },
  },
  async run({ values, positionals }, io) {
    const paths = chartPaths(io);
    const [sub, ...args] = positionals;
    const s = (k: string) => values[k] as string | undefined;
    switch (sub) {
      case "add": {
        if (args.length !== 2) break;
        const caFile = s("ca-file") && resolve(io.cwd, s("ca-file")!);
        await addRepo(
          {
            name: args[0]!,
            url: args[1]!,
            ...(s("username") !== undefined && { username: s("username")!, password: s("password") ?? "" }),
            ...(caFile && { caFile }),
            ...(values["insecure-skip-tls-verify"] === true && { insecureSkipTlsVerify: true }),
          },
          { ...paths, ...(caFile && { ca: await readFile(caFile) }), ...(values["insecure-skip-tls-verify"] === true && { insecureSkipTlsVerify: true }) },
          { forceUpdate: values["force-update"] === true },
        );
        io.stdout.write(`"${args[0]}" has been added to your repositories\n`);
        return 0;
      }
      case "update": {
        for (const name of await updateRepos(args, paths)) io.stdout.write(`...Successfully got an update from the "${name}" chart repository\n`);
        return 0;
      }
      case "list": {
        const repos = await readRepos(paths);
        if (repos.length === 0) {
          io.stderr.write("no repositories to show: berth repo add <name> <url>\n");
          return 1;
        }
        io.stdout.write(formatTable([{ header: "NAME", value: (r: { name: string }) => r.name }, { header: "URL", value: (r: { url: string }) => r.url }], repos));
        return 0;
      }
      case "remove": {
        if (args.length === 0) break;
        for (const name of args) {
          if (!(await removeRepo(name, paths))) {
            io.stderr.write(`berth repo remove: no repository named ${name}\n`);
            return 1;
          }
          io.stdout.write(`"${name}" has been removed from your repositories\n`);
        }
        return 0;
      }
      case "index": {
        if (args.length !== 1) break;
        const merge = s("merge");
        const path = await indexDirectory(resolve(io.cwd, args[0]!), { ...(s("url") && { url: s("url")! }), ...(merge && { merge: resolve(io.cwd, merge) }) });
        io.stdout.write(`${path}\n`);
        return 0;
      }
    }
    io.stderr.write(HELP);
    return 1;
  },
};
