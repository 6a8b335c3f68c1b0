import { readFile } from "node:fs/promises";
import { registryLogin, registryLogout } from "../../chart/oci/login.js";
import { readLine, type Command } from "../command.js";
import { accessOptions, ACCESS_HELP, ACCESS_OPTIONS, chartPaths } from "./chart-env.js";

const HELP = `Usage: berth registry <login|logout> <host[:port]> [options]

  login   check the credentials against the registry and store them in berth's
          registry/config.json (Docker's layout; mode 0600)
  logout  forget them

Options:
      --password-stdin       read the password from stdin
${ACCESS_HELP}
  -h, --help                 show this help
`;

/** `berth registry login|logout`. */
export const registryCommand: Command = {
  name: "registry",
  summary: "Log in to or out of an OCI registry",
  help: HELP,
  options: { ...ACCESS_OPTIONS, "password-stdin": { type: "boolean" } },
  async run({ values, positionals }, io) {
    const [sub, host] = positionals;
    const paths = chartPaths(io);
    if (sub === "logout" && host) {
      await registryLogout(host, paths);
      io.stdout.write(`Removing login credentials for ${host}\n`);
      return 0;
    }
    if (sub !== "login" || !host) {
      io.stderr.write(HELP);
      return 1;
    }
    const access = accessOptions(values);
    const password = values["password-stdin"] === true ? ((await readLine(io)) ?? "") : access.password;
    if (access.username === undefined || password === undefined) {
      io.stderr.write("berth registry login: --username and --password (or --password-stdin) are required\n");
      return 1;
    }
    await registryLogin(
      host,
      { username: access.username, password },
      {
        ...(access.caFile && { ca: await readFile(access.caFile) }),
        ...(access.insecureSkipTlsVerify && { insecureSkipTlsVerify: true }),
        ...(access.plainHttp && { plainHttp: true }),
        signal: io.signal,
      },
      paths,
    );
    io.stdout.write("Login Succeeded\n");
    return 0;
  },
};
