import { parse } from "yaml";
import { readChartArchive } from "../package/archive.js";
import { sha256Digest } from "../package/digest.js";
import { ChartDigestMismatch, ChartNotFound, ChartReferenceInvalid, ChartSourceUnreachable } from "../package/errors.js";
import { checkKnownDigest, readCachedPackage, writeCachedPackage } from "../repo/cache.js";
import type { ChartPaths } from "../repo/config.js";
import { parseConstraint, parseVersion, pickVersion, sortVersionsDescending } from "../semver/index.js";
import { RegistryClient, type RegistryAccess } from "./client.js";
import { tagToVersion, versionToTag, type OciReference } from "./reference.js";

/** Helm's media types for charts in OCI registries. */
export const HELM_MEDIA_TYPES = {
  manifest: "application/vnd.oci.image.manifest.v1+json",
  config: "application/vnd.cncf.helm.config.v1+json",
  chart: "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
  legacyChart: "application/tar+gzip",
  provenance: "application/vnd.cncf.helm.chart.provenance.v1.prov",
} as const;

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
}

interface Manifest {
  schemaVersion: number;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

/** A chart pulled from a registry. */
export interface PulledChart {
  readonly bytes: Uint8Array;
  /** `sha256:<hex>` of the chart package (the chart layer's digest). */
  readonly digest: string;
  /** The manifest's digest: what `oci://…@sha256:…` pins. */
  readonly manifestDigest: string;
  readonly version: string;
  /** `oci://host/repo:tag` it came from. */
  readonly url: string;
  /** The provenance layer's text, when asked for and present. */
  readonly provenance?: string;
}

const refUrl = (ref: OciReference, tag?: string) => `oci://${ref.registry}/${ref.repository}${tag ? `:${tag}` : ""}`;
const scope = (ref: OciReference, push = false) => `repository:${ref.repository}:${push ? "pull,push" : "pull"}`;

/** The chart versions a repository holds (tags that are SemVer, `_` read as `+`), newest first. */
export async function listChartVersions(ref: OciReference, access: RegistryAccess): Promise<string[]> {
  const client = new RegistryClient(ref.registry, access, { chart: ref.name });
  const tags: string[] = [];
  let next: string | undefined = `/v2/${ref.repository}/tags/list`;
  while (next) {
    const res = await client.request(next, { scope: scope(ref) });
    if (res.status === 404) throw new ChartNotFound({ chart: ref.name, url: refUrl(ref) }, "the registry has no such repository: check the reference");
    if (res.status !== 200) throw new ChartSourceUnreachable({ chart: ref.name, url: refUrl(ref) }, `listing tags answered ${res.status}`);
    tags.push(...((JSON.parse(res.body.toString("utf8")) as { tags?: string[] | null }).tags ?? []));
    const link = /<([^>]+)>;\s*rel="next"/.exec(String(res.headers.link ?? ""));
    next = link?.[1];
  }
  return sortVersionsDescending(tags.map(tagToVersion)).map((v) => v.original);
}

/**
 * Pulls a chart: the tag of the reference, else the version (exact, or the newest tag satisfying
 * a range). Verifies the chart layer (and the manifest when pinned by digest), caches by digest.
 */
export async function pullChart(ref: OciReference, version: string | undefined, access: RegistryAccess, paths: ChartPaths, options: { provenance?: boolean } = {}): Promise<PulledChart> {
  const ctx = { chart: ref.name, ...(version !== undefined && { version }), url: refUrl(ref) };
  const tag = await chooseTag(ref, version, access);
  const client = new RegistryClient(ref.registry, access, { chart: ref.name, ...(version !== undefined && { version }) });
  const reference = ref.digest ?? tag;
  const res = await client.request(`/v2/${ref.repository}/manifests/${reference}`, { headers: { accept: `${HELM_MEDIA_TYPES.manifest}, application/vnd.docker.distribution.manifest.v2+json` }, scope: scope(ref) });
  if (res.status === 404) throw new ChartNotFound({ ...ctx, version: version ?? tag }, `the registry has no ${reference}: check the version (tags are versions, + written as _)`);
  if (res.status !== 200) throw new ChartSourceUnreachable(ctx, `GET manifest ${reference} answered ${res.status}`);
  const manifestDigest = sha256Digest(res.body);
  if (ref.digest && manifestDigest !== ref.digest) throw new ChartDigestMismatch(ctx, ref.digest, manifestDigest);
  const manifest = JSON.parse(res.body.toString("utf8")) as Manifest;
  const layer = manifest.layers?.find((l) => l.mediaType === HELM_MEDIA_TYPES.chart || l.mediaType === HELM_MEDIA_TYPES.legacyChart);
  if (!layer) throw new ChartReferenceInvalid(ctx, `the manifest has no Helm chart layer (${HELM_MEDIA_TYPES.chart}): is this a chart?`);
  let bytes = await readCachedPackage(paths, layer.digest);
  if (!bytes) {
    const blob = await client.request(`/v2/${ref.repository}/blobs/${layer.digest}`, { scope: scope(ref) });
    if (blob.status !== 200) throw new ChartSourceUnreachable(ctx, `GET blob ${layer.digest} answered ${blob.status}`);
    bytes = new Uint8Array(blob.body);
  }
  const digest = sha256Digest(bytes);
  if (digest !== layer.digest) throw new ChartDigestMismatch(ctx, layer.digest, digest);
  const resolvedVersion = manifest.annotations?.["org.opencontainers.image.version"] ?? (tag ? tagToVersion(tag) : "");
  await checkKnownDigest(paths, refUrl(ref), { ...ctx, version: resolvedVersion }, digest);
  await writeCachedPackage(paths, digest, bytes);
  const provLayer = options.provenance ? manifest.layers.find((l) => l.mediaType === HELM_MEDIA_TYPES.provenance) : undefined;
  let provenance: string | undefined;
  if (provLayer) {
    const blob = await client.request(`/v2/${ref.repository}/blobs/${provLayer.digest}`, { scope: scope(ref) });
    if (blob.status !== 200 || sha256Digest(blob.body) !== provLayer.digest) throw new ChartSourceUnreachable(ctx, `GET provenance blob ${provLayer.digest} answered ${blob.status}`);
    provenance = blob.body.toString("utf8");
  }
  return { bytes, digest, manifestDigest, version: resolvedVersion, url: refUrl(ref, tag), ...(provenance !== undefined && { provenance }) };
}

async function chooseTag(ref: OciReference, version: string | undefined, access: RegistryAccess): Promise<string> {
  if (ref.tag !== undefined) {
    if (version !== undefined && tagToVersion(ref.tag) !== version) {
      throw new ChartReferenceInvalid({ chart: ref.name, version, url: refUrl(ref, ref.tag) }, `the reference's tag ${ref.tag} and the version ${version} disagree: give one of them`);
    }
    return ref.tag;
  }
  if (version !== undefined && parseVersion(version) && !/[\^~<>=*xX|, ]/.test(version)) return versionToTag(version);
  const ctx = { chart: ref.name, ...(version !== undefined && { version }), url: refUrl(ref) };
  if (version !== undefined && !parseConstraint(version)) throw new ChartReferenceInvalid(ctx, `${JSON.stringify(version)} is not a version or range`);
  const versions = await listChartVersions(ref, access);
  const picked = pickVersion(versions, version);
  if (picked === undefined) throw new ChartNotFound(ctx, `no tag satisfies ${version ?? "(latest)"}; available: ${versions.slice(0, 10).join(", ") || "none"}`, versions);
  return versionToTag(picked);
}

/** What {@link pushChart} stored. */
export interface PushedChart {
  /** `oci://host/repo/name:version`. */
  readonly ref: string;
  /** The manifest's digest: what `oci://…@sha256:…` pins. */
  readonly manifestDigest: string;
  /** The chart layer's digest (sha256 of the package). */
  readonly digest: string;
}

/**
 * Pushes a chart package as Helm does: the package as a layer of Helm's chart media type, the
 * `Chart.yaml` metadata as JSON config, OCI annotations, tagged with the version. `ref` names the
 * repository *above* the chart (`oci://host/charts`); the chart's name is appended.
 */
export async function pushChart(bytes: Uint8Array, ref: { registry: string; repository: string }, access: RegistryAccess, options: { created?: string; provenance?: Uint8Array } = {}): Promise<PushedChart> {
  const { files } = readChartArchive(bytes, { url: `oci://${ref.registry}/${ref.repository}` });
  const meta = parse(new TextDecoder().decode(files.get("Chart.yaml")!), { schema: "failsafe" }) as Record<string, unknown>;
  if (meta["deprecated"] !== undefined) meta["deprecated"] = meta["deprecated"] === "true";
  const name = String(meta["name"]);
  const version = String(meta["version"]);
  const repository = ref.repository ? `${ref.repository}/${name}` : name;
  const target: OciReference = { registry: ref.registry, repository, name };
  const client = new RegistryClient(ref.registry, access, { chart: name, version });
  const config = new TextEncoder().encode(JSON.stringify(helmConfig(meta)));
  const chartDesc = await uploadBlob(client, target, bytes, HELM_MEDIA_TYPES.chart);
  const configDesc = await uploadBlob(client, target, config, HELM_MEDIA_TYPES.config);
  const layers = [chartDesc];
  if (options.provenance) layers.push(await uploadBlob(client, target, options.provenance, HELM_MEDIA_TYPES.provenance));
  layers.sort((a, b) => (a.digest < b.digest ? -1 : 1)); // Helm sorts layers by digest
  const manifest: Manifest = { schemaVersion: 2, config: configDesc, layers, annotations: annotations(meta, options.created ?? new Date().toISOString().replace(/\.\d+Z$/, "Z")) };
  const body = new TextEncoder().encode(JSON.stringify(manifest));
  const tag = versionToTag(version);
  const res = await client.request(`/v2/${repository}/manifests/${tag}`, { method: "PUT", headers: { "content-type": HELM_MEDIA_TYPES.manifest }, body, scope: scope(target, true) });
  if (res.status !== 201 && res.status !== 200) throw new ChartSourceUnreachable({ chart: name, version, url: refUrl(target) }, `PUT manifest answered ${res.status}: ${res.body.toString("utf8").slice(0, 200)}`);
  return { ref: refUrl(target, tag), manifestDigest: sha256Digest(body), digest: chartDesc.digest };
}

async function uploadBlob(client: RegistryClient, ref: OciReference, data: Uint8Array, mediaType: string): Promise<Descriptor> {
  const digest = sha256Digest(data);
  const desc = { mediaType, digest, size: data.length };
  const sc = scope(ref, true);
  const head = await client.request(`/v2/${ref.repository}/blobs/${digest}`, { method: "HEAD", scope: sc });
  if (head.status === 200) return desc;
  const start = await client.request(`/v2/${ref.repository}/blobs/uploads/`, { method: "POST", scope: sc });
  const location = start.headers.location;
  if (start.status !== 202 || !location) throw new ChartSourceUnreachable({ chart: ref.name, url: refUrl(ref) }, `starting a blob upload answered ${start.status}`);
  const url = new URL(location, client.base);
  url.searchParams.set("digest", digest);
  const put = await client.request(url.toString(), { method: "PUT", headers: { "content-type": "application/octet-stream" }, body: data, scope: sc });
  if (put.status !== 201) throw new ChartSourceUnreachable({ chart: ref.name, url: refUrl(ref) }, `uploading blob ${digest} answered ${put.status}`);
  return desc;
}

// Helm's config is its chart.Metadata marshalled to JSON: Go field order, empty fields left out.
const METADATA_FIELDS = ["name", "home", "sources", "version", "description", "keywords", "maintainers", "icon", "apiVersion", "condition", "tags", "appVersion", "deprecated", "annotations", "kubeVersion", "dependencies", "type"];

function helmConfig(meta: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of METADATA_FIELDS) {
    const v = meta[key];
    if (v === undefined || v === null || v === "" || v === false || (Array.isArray(v) && v.length === 0)) continue;
    out[key] = typeof v === "number" ? String(v) : v;
  }
  return out;
}

function annotations(meta: Record<string, unknown>, created: string): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (k: string, v: unknown) => {
    if (typeof v === "string" && v.trim() !== "") out[k] = v;
  };
  add("org.opencontainers.image.description", meta["description"]);
  add("org.opencontainers.image.title", meta["name"]);
  add("org.opencontainers.image.version", String(meta["version"]));
  add("org.opencontainers.image.url", meta["home"]);
  add("org.opencontainers.image.created", created);
  if (Array.isArray(meta["sources"])) add("org.opencontainers.image.source", meta["sources"][0]);
  for (const [k, v] of Object.entries((meta["annotations"] as Record<string, unknown>) ?? {})) if (!(k in out)) add(k, v);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}
