// A minimal tar reader and writer: regular files and directories only, which is all a chart
// archive holds. Long names use PAX `path` records on write; PAX and GNU long names are read.

/** One regular file in an archive. */
export interface TarFile {
  /** Path inside the archive, forward slashes. */
  readonly name: string;
  readonly data: Uint8Array;
}

const BLOCK = 512;
const enc = new TextEncoder();
const dec = new TextDecoder();

/** Thrown (as a plain Error, wrapped by callers) when bytes are not a tar archive. */
export class TarFormatError extends Error {}

/** Reads every regular file of a tar archive, in archive order. */
export function readTar(bytes: Uint8Array): TarFile[] {
  const files: TarFile[] = [];
  let offset = 0;
  let longName: string | undefined;
  let globalPath: string | undefined;
  while (offset + BLOCK <= bytes.length) {
    const header = bytes.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (!checksumOk(header)) throw new TarFormatError(`bad tar header checksum at byte ${offset}`);
    const size = parseOctal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] || 48);
    const body = bytes.subarray(offset + BLOCK, offset + BLOCK + size);
    if (body.length < size) throw new TarFormatError(`tar entry at byte ${offset} is truncated`);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "x" || type === "g") {
      const path = paxPath(body);
      if (type === "x") longName = path ?? longName;
      else globalPath = path ?? globalPath;
      continue;
    }
    if (type === "L") {
      longName = dec.decode(body).replace(/\0+$/, "");
      continue;
    }
    const name = longName ?? globalPath ?? headerName(header);
    longName = undefined;
    if (type === "0" || type === "\0" || type === "7") files.push({ name, data: body.slice() });
  }
  return files;
}

function headerName(header: Uint8Array): string {
  const name = cstring(header.subarray(0, 100));
  const magic = cstring(header.subarray(257, 263));
  const prefix = magic.startsWith("ustar") ? cstring(header.subarray(345, 500)) : "";
  return prefix ? `${prefix}/${name}` : name;
}

function paxPath(body: Uint8Array): string | undefined {
  const text = dec.decode(body);
  let path: string | undefined;
  let i = 0;
  while (i < text.length) {
    const space = text.indexOf(" ", i);
    if (space < 0) break;
    const len = Number(text.slice(i, space));
    if (!Number.isInteger(len) || len <= 0) break;
    const record = text.slice(space + 1, i + len - 1);
    const eq = record.indexOf("=");
    if (record.slice(0, eq) === "path") path = record.slice(eq + 1);
    i += len;
  }
  return path;
}

function cstring(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return dec.decode(end < 0 ? bytes : bytes.subarray(0, end));
}

function parseOctal(bytes: Uint8Array): number {
  if (bytes[0]! & 0x80) {
    // Base-256 encoding for large values.
    let n = 0;
    for (let i = 1; i < bytes.length; i++) n = n * 256 + bytes[i]!;
    return n;
  }
  const text = cstring(bytes).trim();
  return text ? parseInt(text, 8) : 0;
}

function checksumOk(header: Uint8Array): boolean {
  const stored = parseOctal(header.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  return sum === stored;
}

/** Options of {@link writeTar}. */
export interface TarWriteOptions {
  /** Modification time of every entry, seconds since the epoch. @defaultValue 0 */
  readonly mtime?: number;
}

/**
 * Writes regular files (mode 0644, owner 0) as a ustar archive, in the order given. Same files,
 * same bytes: no clocks, users or hosts go into the archive.
 */
export function writeTar(files: readonly TarFile[], options: TarWriteOptions = {}): Uint8Array {
  const mtime = options.mtime ?? 0;
  const chunks: Uint8Array[] = [];
  for (const file of files) {
    const nameBytes = enc.encode(file.name);
    if (nameBytes.length > 100) {
      const record = paxRecord("path", file.name);
      chunks.push(header("././@PaxHeader", record.length, "x", mtime), pad(record));
    }
    chunks.push(header(file.name, file.data.length, "0", mtime), pad(file.data));
  }
  chunks.push(new Uint8Array(BLOCK * 2));
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function paxRecord(key: string, value: string): Uint8Array {
  const body = ` ${key}=${value}\n`;
  const bodyLen = enc.encode(body).length;
  let len = bodyLen + 1;
  while (String(len).length + bodyLen !== len) len = String(len).length + bodyLen;
  return enc.encode(`${len}${body}`);
}

function header(name: string, size: number, type: string, mtime: number): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const put = (text: string, at: number, len: number) => h.set(enc.encode(text).subarray(0, len), at);
  const octal = (n: number, at: number, len: number) => put(n.toString(8).padStart(len - 1, "0") + "\0", at, len);
  put(name, 0, 100);
  octal(0o644, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(size, 124, 12);
  octal(mtime, 136, 12);
  put(type, 156, 1);
  put("ustar\0", 257, 6);
  put("00", 263, 2);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
  put(sum.toString(8).padStart(6, "0") + "\0 ", 148, 8);
  return h;
}

function pad(data: Uint8Array): Uint8Array {
  const size = Math.ceil(data.length / BLOCK) * BLOCK;
  if (size === data.length) return data;
  const out = new Uint8Array(size);
  out.set(data);
  return out;
}
