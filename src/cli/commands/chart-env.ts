import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadChart } from "../../chart/load.js";
import type { Chart } from "../../chart/types.js";
import { cacheDir } from "../../util/cache-dir.js";
import type { ChartSourceOptions } from "../../chart/package/resolve.js";
import type { CliIO } from "../command.js";

/**
 * Where the chart commands keep configuration and caches, from the environment:
 * `BERTH_CONFIG_HOME` (else `$XDG_CONFIG_HOME/berth`, else `~/.config/berth`), the cache as
 * `berth local` uses it (`BERTH_CACHE_DIR`, …), `DOCKER_CONFIG` for Docker's config.json.
 */
export function chartPaths(io: CliIO): Pick<ChartSourceOptions, "configDir" | "cacheDir" | "dockerConfig" | "signal"> {
  const env = io.env;
  const home = env["HOME"];
  const configDir = env["BERTH_CONFIG_HOME"] ?? (env["XDG_CONFIG_HOME"] ? join(env["XDG_CONFIG_HOME"], "berth") : home ? join(home, ".config", "berth") : undefined);
  const dockerConfig = env["DOCKER_CONFIG"] ? join(env["DOCKER_CONFIG"], "config.json") : home ? join(home, ".docker", "config.json") : undefined;
  return {
    ...(configDir && { configDir }),
    cacheDir: cacheDir(env),
    ...(dockerConfig && { dockerConfig }),
    signal: io.signal,
  };
}

/** The options every command that reaches a repository or registry takes. */
export const ACCESS_OPTIONS = {
  username: { type: "string" },
  password: { type: "string" },
  "ca-file": { type: "string" },
  "insecure-skip-tls-verify": { type: "boolean" },
  "plain-http": { type: "boolean" },
} as const;

/** Provenance options of the commands that load charts. */
export const VERIFY_OPTIONS = { verify: { type: "boolean" }, keyring: { type: "string" } } as const;

export const VERIFY_HELP = `      --verify               verify the package's provenance (.prov) against --keyring
      --keyring <file>       public keyring for --verify (default: ~/.gnupg/pubring.gpg)`;

export const ACCESS_HELP = `      --username <u>         repository/registry username
      --password <p>         repository/registry password
      --ca-file <pem>        trust this CA for HTTPS
      --insecure-skip-tls-verify  do not verify TLS certificates
      --plain-http           use HTTP for the registry (default only for loopback hosts)`;

/** Maps the access options to library options. */
export function accessOptions(values: Record<string, unknown>, env: Readonly<Record<string, string | undefined>> = {}): Pick<ChartSourceOptions, "username" | "password" | "caFile" | "insecureSkipTlsVerify" | "plainHttp" | "verify"> {
  const s = (k: string) => values[k] as string | undefined;
  const keyring = s("keyring") ?? join(env["GNUPGHOME"] ?? join(env["HOME"] ?? "", ".gnupg"), "pubring.gpg");
  return {
    ...(values["verify"] === true && { verify: { keyring } }),
    ...(s("username") !== undefined && { username: s("username")!, password: s("password") ?? "" }),
    ...(s("ca-file") !== undefined && { caFile: s("ca-file")! }),
    ...(values["insecure-skip-tls-verify"] === true && { insecureSkipTlsVerify: true }),
    ...(values["plain-http"] === true && { plainHttp: true }),
  };
}

/**
 * Loads the chart a command names: a directory or `.tgz` (relative to the working directory), an
 * `oci://` reference, `<repo>/<chart>`, or a chart name with `--repo <url>`; `--version` and the
 * access options apply.
 */
export async function loadChartArg(io: CliIO, arg: string, values: Record<string, unknown>): Promise<Chart> {
  const repo = values["repo"] as string | undefined;
  const version = values["version"] as string | undefined;
  const local = resolve(io.cwd, arg);
  const ref = repo ?? (/^(oci|https?):\/\//.test(arg) || !existsSync(local) ? arg : local);
  return loadChart(ref, { ...chartPaths(io), ...accessOptions(values, io.env), ...(repo !== undefined && { chart: arg }), ...(version !== undefined && { version }) });
}
