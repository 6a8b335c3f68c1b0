import { readFile } from "node:fs/promises";
import { sha256Digest, normalizeDigest } from "../package/digest.js";
import { ChartAuthFailed, ChartDigestMismatch, ChartNotFound, ChartReferenceInvalid, ChartSourceUnreachable, type ChartSourceContext } from "../package/errors.js";
import { basicAuth, httpFetch, type HttpOptions, type HttpResponse } from "../package/http.js";
import { pickVersion, parseConstraint } from "../semver/index.js";
import { checkKnownDigest, readCachedPackage, writeCachedPackage } from "./cache.js";
import type { ChartPaths } from "./config.js";
import { parseRepoIndex, type IndexEntry, type RepoIndex } from "./index-file.js";

/** How to reach one chart repository. */
export interface RepoAccess extends HttpOptions {
  /** The repository URL (where `index.yaml` is). */
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  /** Path of a PEM CA file (read when `ca` is not given). */
  readonly caFile?: string;
}

/** A package fetched from a repository. */
export interface FetchedPackage {
  readonly bytes: Uint8Array;
  /** `sha256:<hex>` of the bytes. */
  readonly digest: string;
  readonly entry: IndexEntry;
  /** Where it was downloaded from (no credentials). */
  readonly url: string;
}

async function withCa(access: RepoAccess): Promise<RepoAccess> {
  if (access.ca !== undefined || !access.caFile) return access;
  return { ...access, ca: await readFile(access.caFile) };
}

async function get(url: string, access: RepoAccess, ctx: ChartSourceContext, sendAuth: boolean): Promise<HttpResponse> {
  let res: HttpResponse;
  try {
    res = await httpFetch(url, {
      ...access,
      headers: sendAuth && access.username !== undefined ? { authorization: basicAuth(access.username, access.password ?? "") } : {},
    });
  } catch (e) {
    if (access.signal?.aborted) throw e;
    throw new ChartSourceUnreachable(ctx, `cannot reach ${new URL(url).origin}: ${(e as Error).message}; check the URL, the network and the CA`, { cause: e });
  }
  if (res.status === 401 || res.status === 403) {
    throw new ChartAuthFailed(ctx, `the repository answered ${res.status}: ${access.username === undefined ? "it needs credentials (--username/--password or `berth repo add` with them)" : "the username or password was refused"}`);
  }
  return res;
}

/** Downloads `<package url>.prov` (Helm's provenance file) with the repository's credentials. */
export async function fetchProvenance(accessIn: RepoAccess, packageUrl: string, ctx: ChartSourceContext): Promise<string> {
  const access = await withCa(accessIn);
  const url = `${packageUrl}.prov`;
  const res = await get(url, access, { ...ctx, url }, new URL(url).host === new URL(access.url).host);
  if (res.status === 404) throw new ChartNotFound({ ...ctx, url }, "there is no provenance file (.prov) for this package: it was not signed, or verify was asked by mistake");
  if (res.status !== 200) throw new ChartSourceUnreachable({ ...ctx, url }, `GET ${url} answered ${res.status}`);
  return res.body.toString("utf8");
}

/** Downloads and parses a repository's `index.yaml`. */
export async function fetchRepoIndex(accessIn: RepoAccess, ctx: Omit<ChartSourceContext, "url"> = {}): Promise<{ index: RepoIndex; text: string }> {
  const access = await withCa(accessIn);
  const url = `${access.url.replace(/\/+$/, "")}/index.yaml`;
  const c = { ...ctx, url: access.url };
  const res = await get(url, access, c, true);
  if (res.status === 404) throw new ChartNotFound(c, `${url} does not exist: is this a chart repository URL?`);
  if (res.status !== 200) throw new ChartSourceUnreachable(c, `GET ${url} answered ${res.status}`);
  const text = res.body.toString("utf8");
  try {
    return { index: parseRepoIndex(text), text };
  } catch (e) {
    throw new ChartSourceUnreachable(c, `${url}: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * The index entry Helm would pick: the newest version of `chart` satisfying `range` (all
 * versions without pre-releases when no range is given) that has a download URL.
 *
 * @throws {@link ChartNotFound} listing the versions there are
 */
export function pickEntry(index: RepoIndex, chart: string, range: string | undefined, url: string): IndexEntry {
  const ctx = { chart, ...(range !== undefined && { version: range }), url };
  if (range !== undefined && range !== "" && !parseConstraint(range)) {
    throw new ChartReferenceInvalid(ctx, `${JSON.stringify(range)} is not a version or range (examples: 1.2.3, ^1.2, ~1.2.0, >=1.0 <2.0)`);
  }
  const versions = (index.entries.get(chart) ?? []).filter((e) => e.urls.length > 0);
  if (versions.length === 0) throw new ChartNotFound(ctx, `the repository has no chart named ${chart}${index.entries.size ? ` (it has: ${[...index.entries.keys()].slice(0, 10).join(", ")})` : ""}`);
  const picked = pickVersion(versions.map((v) => v.version), range);
  if (picked === undefined) {
    const list = versions.map((v) => v.version);
    throw new ChartNotFound(ctx, `no version satisfies ${range ?? "(latest)"}; available: ${list.slice(0, 10).join(", ")}${list.length > 10 ? ", …" : ""}`, list);
  }
  return versions.find((v) => v.version === picked)!;
}

/**
 * Downloads the package of an index entry (or reads it from the cache keyed by the index's
 * digest), verifies the bytes against the index's digest, and remembers the digest (a later
 * different digest for the same version is refused).
 *
 * @throws {@link ChartDigestMismatch}, {@link ChartDigestChanged}, {@link ChartAuthFailed}, {@link ChartSourceUnreachable}
 */
export async function fetchPackage(accessIn: RepoAccess, entry: IndexEntry, paths: ChartPaths): Promise<FetchedPackage> {
  const access = await withCa(accessIn);
  const base = access.url.replace(/\/+$/, "") + "/";
  const url = new URL(entry.urls[0]!, base).toString();
  const ctx = { chart: entry.name, version: entry.version, url };
  const expected = entry.digest ? normalizeDigest(entry.digest) : undefined;
  let bytes = expected ? await readCachedPackage(paths, expected) : undefined;
  if (!bytes) {
    // Credentials go only to the repository's own host, as Helm does without --pass-credentials.
    const res = await get(url, access, ctx, new URL(url).host === new URL(base).host);
    if (res.status === 404) throw new ChartNotFound(ctx, `the index lists ${url} but it does not exist; run \`berth repo update\` or tell the repository owner`);
    if (res.status !== 200) throw new ChartSourceUnreachable(ctx, `GET ${url} answered ${res.status}`);
    bytes = new Uint8Array(res.body);
  }
  const digest = sha256Digest(bytes);
  if (expected && digest !== expected) throw new ChartDigestMismatch(ctx, expected, digest);
  await checkKnownDigest(paths, access.url, ctx, digest);
  if (expected) await writeCachedPackage(paths, digest, bytes);
  return { bytes, digest, entry, url };
}
