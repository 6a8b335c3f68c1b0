/** A chart in an OCI registry: `oci://host[:port]/path/name[:tag][@sha256:…]`. */
export interface OciReference {
  /** `host[:port]`. */
  readonly registry: string;
  /** Repository path inside the registry, e.g. `charts/nginx`. */
  readonly repository: string;
  /** The last path segment: the chart's name. */
  readonly name: string;
  /** The tag, when the reference has one (a chart version, `+` written as `_`). */
  readonly tag?: string;
  /** The manifest digest, when pinned. */
  readonly digest?: string;
}

const REF = /^oci:\/\/([^/]+)\/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(?::([A-Za-z0-9_][A-Za-z0-9._-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;

/** Parses an `oci://` reference; `undefined` when it is not a valid one. */
export function parseOciReference(ref: string): OciReference | undefined {
  const m = REF.exec(ref);
  if (!m) return undefined;
  const repository = m[2]!;
  return {
    registry: m[1]!,
    repository,
    name: repository.slice(repository.lastIndexOf("/") + 1),
    ...(m[3] !== undefined && { tag: m[3] }),
    ...(m[4] !== undefined && { digest: m[4] }),
  };
}

/** OCI tags cannot hold `+`; Helm writes chart versions' build metadata with `_`. */
export const versionToTag = (version: string) => version.replace(/\+/g, "_");
/** The chart version a tag stands for. */
export const tagToVersion = (tag: string) => tag.replace(/_/g, "+");

/** True for hosts reached over plain HTTP by default (loopback), as Docker treats them. */
export function isLoopbackRegistry(registry: string): boolean {
  const host = registry.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}
