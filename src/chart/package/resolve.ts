import { readFile, stat } from "node:fs/promises";
import { basename, resolve as resolvePath } from "node:path";
import { fetchPackage, fetchProvenance, fetchRepoIndex, pickEntry, type RepoAccess } from "../repo/client.js";
import { readRepos, type ChartPaths } from "../repo/config.js";
import { findCredentials, type CredentialSources } from "../oci/credentials.js";
import { pullChart } from "../oci/charts.js";
import { parseOciReference } from "../oci/reference.js";
import { parseChartYaml } from "../chart-yaml.js";
import { readChartArchive, writeChartArchive, type ChartFiles } from "./archive.js";
import { sha256Digest } from "./digest.js";
import { ChartDigestChanged, ChartProvenanceInvalid, ChartReferenceInvalid, safeUrl } from "./errors.js";
import { verifyProvenance, type ProvenanceSigner } from "./provenance.js";
import type { HttpOptions } from "./http.js";
import { readChartDirectory } from "./package.js";

/** Where a chart came from. */
export interface ChartSource {
  /** `directory`, `archive` (a `.tgz` file), `repository` (index.yaml) or `oci`. */
  readonly kind: "directory" | "archive" | "repository" | "oci";
  /** The reference as given (a path, URL or `oci://` reference; never credentials). */
  readonly ref: string;
  /** The URL the package was downloaded from, for repositories and registries. */
  readonly url?: string;
  /** For OCI: the manifest digest, which `oci://…@sha256:…` pins. */
  readonly manifestDigest?: string;
}

/** A chart reference resolved to its files. */
export interface ResolvedChart {
  /** Files by path relative to the chart root. */
  readonly files: ChartFiles;
  /** `sha256:<hex>` of the package (for a directory: of the package `berth package` would write). */
  readonly digest: string;
  /** The chart's name. */
  readonly name: string;
  /** The chart version (or, for requirements, the range). */
  readonly version: string;
  /** Where the chart came from. */
  readonly source: ChartSource;
  /** The package as served (absent for directories, which are not packages). */
  readonly bytes?: Uint8Array;
  /** Who signed the package, when `verify` was asked. */
  readonly signer?: ProvenanceSigner;
  /** For directories: their path, so `file://` dependencies resolve against it. */
  readonly directory?: string;
}

/** Options for finding a chart by reference. */
export interface ChartSourceOptions extends ChartPaths, CredentialSources, HttpOptions {
  /** The chart's name in a repository given by URL (`loadChart("https://…/charts", { chart: "nginx" })`). */
  readonly chart?: string;
  /** A version or Masterminds range (`1.2.3`, `^1.2`, `~1.2.0`, `>=1 <2`). @defaultValue the newest release */
  readonly version?: string;
  /** Credentials for a repository or registry (else those stored by `berth repo add` / `berth registry login` / Docker). */
  readonly username?: string;
  /** The password (never printed). */
  readonly password?: string;
  /** Path of a PEM CA file to trust. */
  readonly caFile?: string;
  /** Registries: plain HTTP. @defaultValue true for loopback hosts only */
  readonly plainHttp?: boolean;
  /** The digest the package must have (`sha256:<hex>`), e.g. the one a previous release recorded. */
  readonly digest?: string;
  /**
   * Verify the package's Helm provenance (`.prov` next to a `.tgz`, `<url>.prov` in a repository,
   * the provenance layer in a registry) against a keyring file (`gpg --export`; RSA keys).
   */
  readonly verify?: { readonly keyring: string };
}

/**
 * Resolves a chart reference to its files and digest: a chart directory, a `.tgz` package, a
 * repository URL with `chart` (or `<repo>/<chart>` for a repository added with `berth repo add`),
 * or an `oci://host/path/name` reference. Packages are verified against the digest their source
 * promises and cached by digest.
 *
 * @throws {@link ChartSourceError} subclasses naming the chart, version and URL
 */
export async function resolveChartSource(ref: string, options: ChartSourceOptions = {}): Promise<ResolvedChart> {
  const resolved = await withProvenance(await resolveUnchecked(ref, options), options);
  if (options.digest !== undefined && options.digest !== resolved.digest) {
    throw new ChartDigestChanged({ chart: resolved.name, version: resolved.version, url: resolved.source.url ?? ref }, options.digest, resolved.digest, "the caller");
  }
  return resolved;
}

type Unverified = ResolvedChart & { readonly provenance?: () => Promise<string> };

async function withProvenance(resolved: Unverified, options: ChartSourceOptions): Promise<ResolvedChart> {
  const { provenance, ...rest } = resolved;
  if (!options.verify) return rest;
  const ctx = { chart: resolved.name, version: resolved.version, url: resolved.source.url ?? resolved.source.ref };
  if (!resolved.bytes || !provenance) throw new ChartProvenanceInvalid(ctx, "only packages have provenance: verify a .tgz, a repository chart or a registry chart");
  const keyring = await readFile(options.verify.keyring);
  const fileName = resolved.source.kind === "archive" ? basename(resolved.source.ref) : `${resolved.name}-${resolved.version}.tgz`;
  const signer = verifyProvenance(await provenance(), resolved.bytes, fileName, keyring, ctx);
  return { ...rest, signer };
}

async function resolveUnchecked(ref: string, options: ChartSourceOptions): Promise<Unverified> {
  const http: HttpOptions = {
    ...(options.ca !== undefined && { ca: options.ca }),
    ...(options.caFile !== undefined && options.ca === undefined && { ca: await readFile(options.caFile) }),
    ...(options.insecureSkipTlsVerify !== undefined && { insecureSkipTlsVerify: options.insecureSkipTlsVerify }),
    ...(options.signal && { signal: options.signal }),
  };
  if (ref.startsWith("oci://")) return fromOci(ref, options, http);
  if (/^https?:\/\//.test(ref)) {
    if (!options.chart) throw new ChartReferenceInvalid({ url: ref, ...(options.version !== undefined && { version: options.version }) }, "a repository URL needs the chart's name: pass { chart: \"<name>\" } (or --chart)");
    return fromRepo({ url: ref, ...creds(options), ...http }, options.chart, options, ref);
  }
  const path = resolvePath(ref);
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) {
    const { files, name, version } = await readChartDirectory(path);
    return { files, name, version, digest: sha256Digest(writeChartArchive(name, files)), source: { kind: "directory", ref }, directory: path };
  }
  if (info?.isFile()) {
    const bytes = await readFile(path);
    const { files } = readChartArchive(bytes, { url: path });
    const { name, version } = chartIdentity(files);
    const provenance = async () => {
      const text = await readFile(`${path}.prov`, "utf8").catch(() => undefined);
      if (text === undefined) throw new ChartProvenanceInvalid({ chart: name, version, url: path }, `${path}.prov not found: the package was not signed (helm package --sign)`);
      return text;
    };
    return { files, name, version, digest: sha256Digest(bytes), bytes, source: { kind: "archive", ref }, provenance };
  }
  const slash = ref.indexOf("/");
  const repos = await readRepos(options);
  const named = slash > 0 ? repos.find((r) => r.name === ref.slice(0, slash)) : undefined;
  if (!named) {
    throw new ChartReferenceInvalid(
      { url: ref, ...(options.version !== undefined && { version: options.version }) },
      `not a chart directory, a .tgz file, an oci:// reference, an http(s):// repository URL or <repo>/<chart> of an added repository${repos.length ? ` (added: ${repos.map((r) => r.name).join(", ")})` : " (none added: berth repo add <name> <url>)"}`,
    );
  }
  const access: RepoAccess = { url: named.url, ...http, ...(named.username !== undefined && { username: named.username, password: named.password ?? "" }), ...(named.caFile && !http.ca && { caFile: named.caFile }), ...(named.insecureSkipTlsVerify && { insecureSkipTlsVerify: true }), ...creds(options) };
  return fromRepo(access, ref.slice(slash + 1), options, ref);
}

function creds(options: ChartSourceOptions): { username?: string; password?: string } {
  return options.username !== undefined ? { username: options.username, password: options.password ?? "" } : {};
}

async function fromRepo(access: RepoAccess, chart: string, options: ChartSourceOptions, ref: string): Promise<Unverified> {
  const ctx = { chart, ...(options.version !== undefined && { version: options.version }) };
  const { index } = await fetchRepoIndex(access, ctx);
  const entry = pickEntry(index, chart, options.version, access.url);
  const fetched = await fetchPackage(access, entry, options);
  const { files } = readChartArchive(fetched.bytes, { chart, version: entry.version, url: fetched.url });
  const { name, version } = chartIdentity(files);
  const provenance = () => fetchProvenance(access, fetched.url, { chart: name, version, url: fetched.url });
  return { files, name, version, digest: fetched.digest, bytes: fetched.bytes, source: { kind: "repository", ref: safeUrl(ref), url: safeUrl(fetched.url) }, provenance };
}

async function fromOci(ref: string, options: ChartSourceOptions, http: HttpOptions): Promise<Unverified> {
  const parsed = parseOciReference(ref);
  if (!parsed) throw new ChartReferenceInvalid({ url: ref, ...(options.version !== undefined && { version: options.version }) }, "not a valid OCI reference: use oci://host[:port]/path/name (lowercase), with :tag or @sha256:… optional");
  const credentials = options.username !== undefined ? { username: options.username, password: options.password ?? "" } : await findCredentials(parsed.registry, options);
  const pulled = await pullChart(parsed, options.version, { ...http, ...(credentials && { credentials }), ...(options.plainHttp !== undefined && { plainHttp: options.plainHttp }) }, options, { provenance: options.verify !== undefined });
  const { files } = readChartArchive(pulled.bytes, { chart: parsed.name, version: pulled.version, url: pulled.url });
  const { name, version } = chartIdentity(files);
  const provenance = async () => {
    if (pulled.provenance === undefined) throw new ChartProvenanceInvalid({ chart: name, version, url: pulled.url }, "the registry holds no provenance layer for this chart: it was pushed without a .prov");
    return pulled.provenance;
  };
  return { files, name, version, digest: pulled.digest, bytes: pulled.bytes, source: { kind: "oci", ref, url: pulled.url, manifestDigest: pulled.manifestDigest }, provenance };
}

function chartIdentity(files: ChartFiles): { name: string; version: string } {
  const { chart } = parseChartYaml(new TextDecoder().decode(files.get("Chart.yaml")), "Chart.yaml");
  return { name: chart?.metadata.name ?? "", version: chart?.metadata.version ?? "" };
}
