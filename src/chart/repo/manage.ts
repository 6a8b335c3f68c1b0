import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { parse } from "yaml";
import { readChartArchive } from "../package/archive.js";
import { sha256Digest } from "../package/digest.js";
import { ChartReferenceInvalid } from "../package/errors.js";
import type { HttpOptions } from "../package/http.js";
import { fetchRepoIndex } from "./client.js";
import { cacheDirOf, readRepos, writeRepos, type ChartPaths, type RepoEntry } from "./config.js";
import { formatRepoIndex, parseRepoIndex, type IndexEntry } from "./index-file.js";

const indexCache = (paths: ChartPaths, name: string) => join(cacheDirOf(paths), "repository", `${name}-index.yaml`);

const accessOf = (r: RepoEntry, http: HttpOptions) => ({
  url: r.url,
  ...http,
  ...(r.username !== undefined && { username: r.username, password: r.password ?? "" }),
  ...(r.caFile && { caFile: r.caFile }),
  ...(r.insecureSkipTlsVerify && { insecureSkipTlsVerify: true }),
});

async function cacheIndex(paths: ChartPaths, name: string, text: string): Promise<void> {
  const path = indexCache(paths, name);
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

/**
 * `berth repo add`: checks that the repository serves an index (with the credentials and CA
 * given), then stores it under `name` and caches its index.
 *
 * @throws {@link ChartReferenceInvalid} when the name is taken by another URL; fetch errors otherwise
 */
export async function addRepo(entry: RepoEntry, paths: ChartPaths & HttpOptions = {}, options: { forceUpdate?: boolean } = {}): Promise<void> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(entry.name)) throw new ChartReferenceInvalid({ url: entry.url }, `repository name ${JSON.stringify(entry.name)} is invalid: use letters, digits, '.', '_' and '-'`);
  const repos = await readRepos(paths);
  const existing = repos.find((r) => r.name === entry.name);
  if (existing && existing.url !== entry.url && !options.forceUpdate) {
    throw new ChartReferenceInvalid({ url: entry.url }, `a repository named ${entry.name} already exists for ${existing.url}: remove it first or pass --force-update`);
  }
  const { text } = await fetchRepoIndex(accessOf(entry, paths));
  await cacheIndex(paths, entry.name, text);
  await writeRepos([...repos.filter((r) => r.name !== entry.name), entry], paths);
}

/** `berth repo update`: refreshes the cached index of each named repository (all when none named). */
export async function updateRepos(names: readonly string[] = [], paths: ChartPaths & HttpOptions = {}): Promise<string[]> {
  const repos = await readRepos(paths);
  const unknown = names.filter((n) => !repos.some((r) => r.name === n));
  if (unknown.length) throw new ChartReferenceInvalid({ url: unknown.join(", ") }, `no repository named ${unknown.join(", ")}: berth repo list shows the added ones`);
  const chosen = names.length ? repos.filter((r) => names.includes(r.name)) : repos;
  for (const r of chosen) await cacheIndex(paths, r.name, (await fetchRepoIndex(accessOf(r, paths))).text);
  return chosen.map((r) => r.name);
}

/** `berth repo remove`: forgets a repository and its cached index; false when there was none. */
export async function removeRepo(name: string, paths: ChartPaths = {}): Promise<boolean> {
  const repos = await readRepos(paths);
  if (!repos.some((r) => r.name === name)) return false;
  await writeRepos(repos.filter((r) => r.name !== name), paths);
  await rm(indexCache(paths, name), { force: true });
  return true;
}

/** One `berth search repo` hit. */
export interface SearchHit {
  /** `<repo>/<chart>`. */
  readonly name: string;
  /** The chart version. */
  readonly version: string;
  /** The version of the application the chart deploys. */
  readonly appVersion: string;
  /** The chart's one-line description. */
  readonly description: string;
}

/**
 * `berth search repo`: charts in the cached indexes whose `<repo>/<chart>` name, description or
 * keywords contain `keyword` (case-insensitive; all when empty); the newest version of each, or
 * every version with `allVersions`.
 */
export async function searchRepos(keyword: string, paths: ChartPaths = {}, options: { allVersions?: boolean } = {}): Promise<SearchHit[]> {
  const hits: SearchHit[] = [];
  const needle = keyword.toLowerCase();
  for (const repo of await readRepos(paths)) {
    const text = await readFile(indexCache(paths, repo.name), "utf8").catch(() => undefined);
    if (text === undefined) continue;
    for (const [chart, versions] of parseRepoIndex(text).entries) {
      for (const v of options.allVersions ? versions : versions.slice(0, 1)) {
        const name = `${repo.name}/${chart}`;
        const haystack = [name, v.description ?? "", ...(Array.isArray(v["keywords"]) ? (v["keywords"] as unknown[]).map(String) : [])].join(" ").toLowerCase();
        if (needle && !haystack.includes(needle)) continue;
        hits.push({ name, version: v.version, appVersion: v.appVersion ?? "", description: v.description ?? "" });
      }
    }
  }
  return hits.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * `berth repo index`: writes `index.yaml` for the `.tgz` packages in a folder (recursively), with
 * each package's digest and URL (`<url>/<path>` when `url` is given, else the relative path).
 * Entries of an existing `index.yaml` given as `merge` are kept unless a package replaces them.
 */
export async function indexDirectory(dir: string, options: { url?: string; merge?: string; now?: Date } = {}): Promise<string> {
  const root = resolve(dir);
  const entries = new Map<string, IndexEntry[]>();
  if (options.merge) {
    for (const [name, list] of parseRepoIndex(await readFile(options.merge, "utf8")).entries) entries.set(name, [...list]);
  }
  const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith(".tgz")).sort();
  const created = (options.now ?? new Date()).toISOString();
  for (const file of files) {
    const bytes = await readFile(join(root, file));
    const { files: chartFiles } = readChartArchive(bytes, { url: join(root, file) });
    const meta = parse(new TextDecoder().decode(chartFiles.get("Chart.yaml")), { schema: "failsafe" }) as Record<string, unknown>;
    const rel = relative(root, join(root, file)).split("\\").join("/");
    const entry: IndexEntry = {
      ...meta,
      name: String(meta["name"]),
      version: String(meta["version"]),
      apiVersion: String(meta["apiVersion"] ?? "v2"),
      created,
      digest: sha256Digest(bytes).slice("sha256:".length),
      urls: [options.url ? `${options.url.replace(/\/+$/, "")}/${rel}` : rel],
    };
    const list = (entries.get(entry.name) ?? []).filter((e) => e.version !== entry.version);
    entries.set(entry.name, [...list, entry]);
  }
  const text = formatRepoIndex(entries, created);
  await writeFile(join(root, "index.yaml"), text);
  return join(root, "index.yaml");
}
