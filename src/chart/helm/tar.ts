/**
 * A small reader of (gzipped) tar archives, enough for Helm chart archives: ustar, GNU long names
 * (`L`), PAX headers (`x`, `g`) with `path`/`size`, regular files and directories.
 */
import { gunzipSync } from "node:zlib";

/** One regular file of an archive. */
export interface TarEntry {
  /** The path inside the archive, as stored. */
  readonly name: string;
  /** The file's bytes. */
  readonly data: Uint8Array;
}

function cstr(b: Uint8Array, off: number, len: number): string {
  let end = off;
  while (end < off + len && b[end] !== 0) end++;
  return Buffer.from(b.subarray(off, end)).toString("utf8");
}

function octal(b: Uint8Array, off: number, len: number): number {
  if ((b[off]! & 0x80) !== 0) {
    // base-256 (GNU) encoding for large sizes
    let n = 0;
    for (let i = off + 1; i < off + len; i++) n = n * 256 + b[i]!;
    return n;
  }
  const s = cstr(b, off, len).trim();
  return s === "" ? 0 : parseInt(s, 8);
}

function parsePax(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const text = Buffer.from(data).toString("utf8");
  let i = 0;
  while (i < text.length) {
    const sp = text.indexOf(" ", i);
    if (sp < 0) break;
    const len = parseInt(text.slice(i, sp), 10);
    if (!(len > 0)) break;
    const rec = Buffer.from(text.slice(i)).subarray(0, len).toString("utf8");
    const body = rec.slice(rec.indexOf(" ") + 1).replace(/\n$/, "");
    const eq = body.indexOf("=");
    if (eq > 0) out[body.slice(0, eq)] = body.slice(eq + 1);
    i += Buffer.byteLength(rec);
  }
  return out;
}

/** Lists the regular files of an uncompressed tar archive. Throws on a truncated archive. */
export function readTar(buf: Uint8Array): TarEntry[] {
  const out: TarEntry[] = [];
  let off = 0;
  let longName: string | undefined;
  let pax: Record<string, string> = {};
  while (off + 512 <= buf.length) {
    const h = buf.subarray(off, off + 512);
    if (h.every((x) => x === 0)) break;
    let name = cstr(h, 0, 100);
    const size = pax["size"] !== undefined ? Number(pax["size"]) : octal(h, 124, 12);
    const type = String.fromCharCode(h[156] || 0x30);
    const magic = cstr(h, 257, 6);
    const prefix = magic.startsWith("ustar") ? cstr(h, 345, 155) : "";
    if (prefix) name = prefix + "/" + name;
    const start = off + 512;
    if (start + size > buf.length) throw new Error("unexpected EOF");
    const data = buf.subarray(start, start + size);
    off = start + Math.ceil(size / 512) * 512;
    if (type === "L") {
      longName = cstr(data, 0, data.length);
      continue;
    }
    if (type === "x") {
      pax = parsePax(data);
      continue;
    }
    if (type === "g") continue;
    const fullName = pax["path"] ?? longName ?? name;
    longName = undefined;
    pax = {};
    if (type === "0" || type === "\0" || type === "7") out.push({ name: fullName, data });
  }
  return out;
}

/** Lists the regular files of a gzipped tar archive (a `.tgz`). */
export function readTgz(buf: Uint8Array): TarEntry[] {
  return readTar(gunzipSync(buf));
}
