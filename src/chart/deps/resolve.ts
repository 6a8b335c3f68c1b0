import { readFile, stat } from "node:fs/promises";
import { isAbsolute, join, resolve as resolvePath } from "node:path";
import { parseChartYaml } from "../chart-yaml.js";
import { findCredentials, type CredentialSources } from "../oci/credentials.js";
import { listChartVersions } from "../oci/charts.js";
import type { RegistryAccess } from "../oci/client.js";
import { parseOciReference } from "../oci/reference.js";
import { ChartNotFound, ChartReferenceInvalid } from "../package/errors.js";
import type { HttpOptions } from "../package/http.js";
import { fetchRepoIndex, pickEntry, type RepoAccess } from "../repo/client.js";
import { readRepos, repoForUrl, type ChartPaths, type RepoEntry } from "../repo/config.js";
import { parseConstraint, parseVersion, pickVersion } from "../semver/index.js";
import { goTimestamp, lockDigest, type ChartLock, type HelmDependency, type LockedDependency } from "./lock.js";

/** Options of dependency resolution and download. */
export interface DependencyOptions extends ChartPaths, CredentialSources, HttpOptions {
  /** Registries: plain HTTP. @defaultValue true for loopback hosts only */
  readonly plainHttp?: boolean;
  /** The clock for `generated`. @defaultValue the current time */
  readonly now?: Date;
}

/** Where a resolved dependency comes from, with what is needed to download it. */
export type DependencySource =
  | { readonly kind: "local" }
  | { readonly kind: "file"; readonly path: string }
  | { readonly kind: "repository"; readonly access: RepoAccess }
  | { readonly kind: "oci"; readonly access: RegistryAccess };

/** The resolution of `Chart.yaml`'s dependencies. */
export interface Resolution {
  /** The requirements as Helm hashes them (`@repo` names replaced by their URLs). */
  readonly requirements: HelmDependency[];
  readonly lock: ChartLock;
  /** How to fetch each locked dependency, in order. */
  readonly sources: DependencySource[];
}

/** Resolves a repository field to its URL and access (named repos: `@name` / `alias:name`, or a URL). */
export function repoAccess(repository: string, repos: readonly RepoEntry[], http: HttpOptions, ctx: { chart: string; version?: string }): RepoAccess {
  const alias = /^(@|alias:)(.+)$/.exec(repository)?.[2];
  const entry = alias !== undefined ? repos.find((r) => r.name === alias) : repoForUrl(repos, repository);
  if (alias !== undefined && !entry) throw new ChartReferenceInvalid({ ...ctx, url: repository }, `no repository named ${alias} was added: berth repo add ${alias} <url>`);
  const url = entry?.url ?? repository;
  if (!/^https?:\/\//.test(url)) throw new ChartReferenceInvalid({ ...ctx, url: repository }, "the repository must be an http(s):// URL, oci://…, file://…, @<name> of an added repository, or empty for charts/");
  return {
    url,
    ...http,
    ...(entry?.username !== undefined && { username: entry.username, password: entry.password ?? "" }),
    ...(entry?.caFile && !http.ca && { caFile: entry.caFile }),
    ...(entry?.insecureSkipTlsVerify && { insecureSkipTlsVerify: true }),
  };
}

/**
 * Resolves each dependency's range to a version exactly as `helm dependency update` does: the
 * newest satisfying version in the repository's index or the registry's tags (an exact OCI
 * version is used as written), `file://` charts by their `Chart.yaml`, empty repositories from
 * `charts/`. The lock's digest is Helm's.
 *
 * @throws {@link ChartNotFound}, {@link ChartReferenceInvalid}, and the fetch errors, naming chart, version and URL
 */
export async function resolveDependencies(chartDir: string, requirementsIn: readonly HelmDependency[], options: DependencyOptions = {}): Promise<Resolution> {
  const repos = await readRepos(options);
  const http: HttpOptions = { ...(options.ca !== undefined && { ca: options.ca }), ...(options.insecureSkipTlsVerify && { insecureSkipTlsVerify: true }), ...(options.signal && { signal: options.signal }) };
  const requirements: HelmDependency[] = [];
  const locked: LockedDependency[] = [];
  const sources: DependencySource[] = [];
  for (const dep of requirementsIn) {
    const ctx = { chart: dep.name, ...(dep.version !== undefined && { version: dep.version }) };
    const range = dep.version ?? "";
    if (!parseConstraint(range)) throw new ChartReferenceInvalid({ ...ctx, url: dep.repository || "charts/" }, `dependency ${dep.name} has an invalid version/constraint ${JSON.stringify(range)} (examples: 1.2.3, ^1.2, ~1.2.0)`);
    if (dep.repository === "") {
      if (!(await stat(join(chartDir, "charts", dep.name)).then((s) => s.isDirectory(), () => false))) throw new ChartNotFound({ ...ctx, url: join(chartDir, "charts") }, `charts/${dep.name} does not exist; vendor it or give a repository`);
      requirements.push(dep);
      locked.push({ name: dep.name, repository: "", version: range });
      sources.push({ kind: "local" });
    } else if (dep.repository.startsWith("file://")) {
      const raw = dep.repository.slice("file://".length);
      const path = isAbsolute(raw) ? raw : resolvePath(chartDir, raw);
      const text = await readFile(join(path, "Chart.yaml"), "utf8").catch(() => undefined);
      const version = text === undefined ? undefined : parseChartYaml(text, "Chart.yaml").chart?.metadata.version;
      if (version === undefined) throw new ChartNotFound({ ...ctx, url: dep.repository }, `no chart at ${path}`);
      if (!parseConstraint(range)!.check(version)) throw new ChartNotFound({ ...ctx, url: dep.repository }, `the local chart has version ${version}, which does not satisfy ${range}`, [version]);
      requirements.push(dep);
      locked.push({ name: dep.name, repository: dep.repository, version });
      sources.push({ kind: "file", path });
    } else if (dep.repository.startsWith("oci://")) {
      const ref = parseOciReference(`${dep.repository.replace(/\/+$/, "")}/${dep.name}`);
      if (!ref) throw new ChartReferenceInvalid({ ...ctx, url: dep.repository }, "not a valid OCI repository: use oci://host[:port]/path");
      const credentials = await findCredentials(ref.registry, options);
      const access: RegistryAccess = { ...http, ...(credentials && { credentials }), ...(options.plainHttp !== undefined && { plainHttp: options.plainHttp }) };
      let version = range;
      if (!parseVersion(range)) {
        const versions = await listChartVersions(ref, access);
        const picked = pickVersion(versions, range);
        if (picked === undefined) throw new ChartNotFound({ ...ctx, url: dep.repository }, `no tag satisfies ${range}; available: ${versions.slice(0, 10).join(", ") || "none"}`, versions);
        version = picked;
      }
      requirements.push(dep);
      locked.push({ name: dep.name, repository: dep.repository, version });
      sources.push({ kind: "oci", access });
    } else {
      const access = repoAccess(dep.repository, repos, http, ctx);
      const { index } = await fetchRepoIndex(access, ctx);
      const entry = pickEntry(index, dep.name, range, access.url);
      // Helm rewrites `@name` to the repository URL before hashing and locking.
      requirements.push({ ...dep, repository: access.url === dep.repository || /^(@|alias:)/.test(dep.repository) ? access.url : dep.repository });
      locked.push({ name: dep.name, repository: requirements.at(-1)!.repository, version: entry.version });
      sources.push({ kind: "repository", access });
    }
  }
  const now = options.now ?? new Date();
  return { requirements, lock: { dependencies: locked, digest: lockDigest(requirements, locked), generated: goTimestamp(now) }, sources };
}
