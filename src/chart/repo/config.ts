import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { parse, stringify } from "yaml";

/** A named chart repository (`berth repo add`), stored in Helm's `repositories.yaml` layout. */
export interface RepoEntry {
  /** The chart's name. */
  readonly name: string;
  /** The repository URL (where `index.yaml` is). */
  readonly url: string;
  /** The username. */
  readonly username?: string;
  /** The password (never printed). */
  readonly password?: string;
  /** Path of a PEM file with CA certificates to trust for this repository. */
  readonly caFile?: string;
  /** Skips TLS verification (tests and throwaway setups only). */
  readonly insecureSkipTlsVerify?: boolean;
}

/** Where berth keeps its own configuration and caches (never Helm's). */
export interface ChartPaths {
  /** Configuration folder: `repositories.yaml`, `registry/config.json`. @defaultValue `~/.config/berth` */
  readonly configDir?: string;
  /** Cache folder: `charts/` (packages by digest), `repository/` (indexes). @defaultValue `~/.cache/berth` */
  readonly cacheDir?: string;
}

/** The configuration folder in use. */
export function configDirOf(paths: ChartPaths): string {
  return paths.configDir ?? join(homedir(), ".config", "berth");
}

/** The cache folder in use. */
export function cacheDirOf(paths: ChartPaths): string {
  return paths.cacheDir ?? join(homedir(), ".cache", "berth");
}

const file = (paths: ChartPaths) => join(configDirOf(paths), "repositories.yaml");

/** The named repositories, in the order they were added. */
export async function readRepos(paths: ChartPaths = {}): Promise<RepoEntry[]> {
  const text = await readFile(file(paths), "utf8").catch(() => "");
  const raw = (parse(text) ?? {}) as { repositories?: Array<Record<string, unknown>> };
  return (raw.repositories ?? []).map((r) => ({
    name: String(r["name"]),
    url: String(r["url"]),
    ...(r["username"] ? { username: String(r["username"]) } : {}),
    ...(r["password"] ? { password: String(r["password"]) } : {}),
    ...(r["caFile"] ? { caFile: String(r["caFile"]) } : {}),
    ...(r["insecure_skip_tls_verify"] ? { insecureSkipTlsVerify: true } : {}),
  }));
}

/** Replaces the stored repositories (written atomically, mode 0600: it may hold passwords). */
export async function writeRepos(repos: readonly RepoEntry[], paths: ChartPaths = {}): Promise<void> {
  const path = file(paths);
  await mkdir(dirname(path), { recursive: true });
  const body = {
    apiVersion: "",
    generated: new Date(0).toISOString(),
    repositories: repos.map((r) => ({
      name: r.name,
      url: r.url,
      username: r.username ?? "",
      password: r.password ?? "",
      caFile: r.caFile ?? "",
      certFile: "",
      keyFile: "",
      insecure_skip_tls_verify: r.insecureSkipTlsVerify ?? false,
      pass_credentials_all: false,
    })),
  };
  await writeFile(`${path}.tmp`, stringify(body), { mode: 0o600 });
  await rename(`${path}.tmp`, path);
}

/** Finds the named repository whose URL is this one (trailing slashes ignored). */
export function repoForUrl(repos: readonly RepoEntry[], url: string): RepoEntry | undefined {
  const norm = (u: string) => u.replace(/\/+$/, "");
  return repos.find((r) => norm(r.url) === norm(url));
}
