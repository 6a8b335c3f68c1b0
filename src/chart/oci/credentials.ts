import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { configDirOf, type ChartPaths } from "../repo/config.js";

/** A username and password for a registry. */
export interface RegistryCredentials {
  /** The username. */
  readonly username: string;
  /** The password (never printed). */
  readonly password: string;
}

/** Where registry credentials are looked up, in order. */
export interface CredentialSources extends ChartPaths {
  /** Docker's `config.json`. @defaultValue `~/.docker/config.json` */
  readonly dockerConfig?: string;
}

const berthFile = (paths: ChartPaths) => join(configDirOf(paths), "registry", "config.json");

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string }>;
  [k: string]: unknown;
}

async function readConfig(path: string): Promise<DockerConfig> {
  return JSON.parse(await readFile(path, "utf8").catch(() => "{}")) as DockerConfig;
}

function lookup(config: DockerConfig, registry: string): RegistryCredentials | undefined {
  const auths = config.auths ?? {};
  const key = Object.keys(auths).find((k) => k.replace(/^https?:\/\//, "").replace(/\/.*$/, "") === registry);
  const entry = key === undefined ? undefined : auths[key];
  if (!entry) return undefined;
  if (entry.username !== undefined && entry.password !== undefined) return { username: entry.username, password: entry.password };
  if (!entry.auth) return undefined;
  const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * The stored credentials for a registry: berth's own (`berth registry login`), then Docker's
 * `config.json` `auths` (credential helpers are not run).
 */
export async function findCredentials(registry: string, sources: CredentialSources = {}): Promise<RegistryCredentials | undefined> {
  const docker = sources.dockerConfig ?? join(homedir(), ".docker", "config.json");
  for (const path of [berthFile(sources), docker]) {
    const found = lookup(await readConfig(path), registry);
    if (found) return found;
  }
  return undefined;
}

/** Stores credentials for a registry in berth's `registry/config.json` (Docker's layout, mode 0600). */
export async function storeCredentials(registry: string, credentials: RegistryCredentials | undefined, paths: ChartPaths = {}): Promise<void> {
  const path = berthFile(paths);
  const config = await readConfig(path);
  const auths = { ...config.auths };
  if (credentials) auths[registry] = { auth: Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64") };
  else delete auths[registry];
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, JSON.stringify({ ...config, auths }, null, 2), { mode: 0o600 });
  await rename(`${path}.tmp`, path);
}
