import { gunzipSync, gzipSync, constants } from "node:zlib";

const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

/**
 * Helm's record body: base64(gzip(JSON)), gzip at best compression as Helm writes it.
 * This string is what Helm puts in `data.release` (a Secret base64-encodes it once more on the wire).
 */
export function encodePayload(value: unknown): string {
  return gzipSync(Buffer.from(JSON.stringify(value), "utf8"), { level: constants.Z_BEST_COMPRESSION }).toString("base64");
}

/**
 * Reads a record body written by Helm or berth. Like Helm, accepts an uncompressed body
 * (records from before Helm compressed them) when the gzip magic is absent.
 * @throws Error when the body is not base64, gzip or JSON (the caller names the object)
 */
export function decodePayload(payload: string): unknown {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload)) throw new Error("the body is not base64");
  const bytes = Buffer.from(payload, "base64");
  const gzipped = GZIP_MAGIC.every((b, i) => bytes[i] === b);
  const json = gzipped ? gunzipSync(bytes) : bytes;
  return JSON.parse(json.toString("utf8")) as unknown;
}
