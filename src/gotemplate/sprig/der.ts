// A minimal ASN.1 DER writer/reader for the certificates Sprig builds (X.509 v3).

/** A DER element: its tag byte, the content, and the whole encoding. */
export interface Tlv {
  tag: number;
  content: Uint8Array;
  raw: Uint8Array;
}

function len(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** A TLV from a tag and content. */
export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag, ...len(body.length)]), body]);
}

/** SEQUENCE */
export const seq = (...c: Uint8Array[]): Uint8Array => tlv(0x30, ...c);
/** SET */
export const set = (...c: Uint8Array[]): Uint8Array => tlv(0x31, ...c);

/** INTEGER from a non-negative bigint (minimal two's complement). */
export function integer(n: bigint): Uint8Array {
  let hex = n.toString(16);
  if (hex.length % 2) hex = "0" + hex;
  let b = Buffer.from(hex, "hex");
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}

/** OBJECT IDENTIFIER from dotted text. */
export function oid(dotted: string): Uint8Array {
  const parts = dotted.split(".").map(Number);
  const out: number[] = [parts[0]! * 40 + parts[1]!];
  for (const p of parts.slice(2)) {
    const enc: number[] = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) enc.unshift((v & 0x7f) | 0x80);
    out.push(...enc);
  }
  return tlv(0x06, Buffer.from(out));
}

/** NULL */
export const nul = (): Uint8Array => Buffer.from([0x05, 0x00]);
/** BOOLEAN true */
export const boolTrue = (): Uint8Array => Buffer.from([0x01, 0x01, 0xff]);
/** OCTET STRING */
export const octets = (b: Uint8Array): Uint8Array => tlv(0x04, b);
/** BIT STRING with a number of unused bits */
export const bits = (b: Uint8Array, unused = 0): Uint8Array => tlv(0x03, Buffer.from([unused]), b);

/** Reads one element at offset. */
export function read(buf: Uint8Array, off = 0): Tlv & { end: number } {
  if (off + 2 > buf.length) throw new Error("asn1: syntax error: data truncated");
  const tag = buf[off]!;
  let l = buf[off + 1]!;
  let p = off + 2;
  if (l & 0x80) {
    const n = l & 0x7f;
    if (n === 0 || n > 4) throw new Error("asn1: syntax error: invalid length");
    l = 0;
    for (let i = 0; i < n; i++) l = l * 256 + buf[p++]!;
  }
  if (p + l > buf.length) throw new Error("asn1: syntax error: data truncated");
  return { tag, content: buf.subarray(p, p + l), raw: buf.subarray(off, p + l), end: p + l };
}

/** The child elements of a constructed element. */
export function children(t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let off = 0; off < t.content.length; ) {
    const c = read(t.content, off);
    out.push(c);
    off = c.end;
  }
  return out;
}

/** Decodes an OBJECT IDENTIFIER's content to dotted text. */
export function oidText(content: Uint8Array): string {
  const parts = [Math.floor(content[0]! / 40), content[0]! % 40];
  let v = 0;
  for (const b of content.subarray(1)) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) parts.push(v), (v = 0);
  }
  return parts.join(".");
}

/** PEM encoding as Go's pem.Encode writes it (64-column base64). */
export function pem(type: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString("base64");
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.map((l) => l + "\n").join("")}-----END ${type}-----\n`;
}

/** pem.Decode: the first block's type and bytes, or undefined. */
export function pemDecode(text: string): { type: string; der: Uint8Array } | undefined {
  const m = /-----BEGIN ([^\n-]*)-----\r?\n(?:[^\n:]+:[^\n]*\n)*\r?\n?([\s\S]*?)-----END \1-----/.exec(text);
  if (!m) return undefined;
  const body = m[2]!.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*=*$/.test(body)) return undefined;
  return { type: m[1]!, der: new Uint8Array(Buffer.from(body, "base64")) };
}
