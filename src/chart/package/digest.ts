import { createHash } from "node:crypto";

/** `sha256:<hex>` of some bytes: how packages, blobs and manifests are named. */
export function sha256Digest(bytes: Uint8Array | string): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

/** Accepts `sha256:<hex>` or a bare hex digest (as `index.yaml` writes it); returns `sha256:<hex>`. */
export function normalizeDigest(digest: string): string {
  return digest.includes(":") ? digest.toLowerCase() : `sha256:${digest.toLowerCase()}`;
}
