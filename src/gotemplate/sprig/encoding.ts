// base64/base32 StdEncoding as Go's encoding packages do it (strict padding, Go's error texts).
import { utf8Decode, utf8Encode } from "./conv.js";

/** base64.StdEncoding.EncodeToString */
export function b64enc(s: string): string {
  return Buffer.from(s, "utf8").toString("base64");
}

const B64 = /^[A-Za-z0-9+/]$/;

/** base64.StdEncoding.DecodeString; Go's error text when invalid. */
export function b64decodeBytes(s: string): Uint8Array | string {
  const t = s.replace(/[\r\n]/g, "");
  let i = 0;
  for (; i < t.length && B64.test(t[i]!); i++);
  const dataLen = i;
  let pad = 0;
  for (; i < t.length && t[i] === "="; i++) pad++;
  const bad = (off: number): string => `illegal base64 data at input byte ${off}`;
  if (i < t.length) return bad(i);
  const rem = dataLen % 4;
  if (pad === 0) {
    if (rem !== 0) return bad(dataLen - rem);
  } else {
    const need = rem === 2 ? 2 : rem === 3 ? 1 : 0;
    if (need === 0) return bad(rem === 0 ? dataLen : dataLen - rem + Math.min(rem, 1));
    if (pad < need) return bad(t.length);
    if (pad > need) return bad(dataLen + need);
  }
  return new Uint8Array(Buffer.from(t, "base64"));
}

/** Sprig's b64dec: the decoded string, or Go's error text. */
export function b64dec(s: string): string {
  const r = b64decodeBytes(s);
  return typeof r === "string" ? r : utf8Decode(r);
}

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** base32.StdEncoding.EncodeToString */
export function b32enc(s: string): string {
  const b = utf8Encode(s);
  let out = "";
  for (let i = 0; i < b.length; i += 5) {
    const chunk = b.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = (bits << 8n) | BigInt(chunk[k] ?? 0);
    const chars = Math.ceil((chunk.length * 8) / 5);
    for (let k = 0; k < 8; k++) out += k < chars ? B32[Number((bits >> BigInt(35 - 5 * k)) & 31n)] : "=";
  }
  return out;
}

/** Sprig's b32dec: the decoded string, or Go's error text. */
export function b32dec(s: string): string {
  const t = s.replace(/[\r\n]/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < t.length; i += 8) {
    const block = t.slice(i, i + 8);
    if (block.length < 8) return `illegal base32 data at input byte ${t.length - (t.length % 8 === 0 ? 0 : t.length % 8) + (block.length > 0 ? 0 : 0)}`;
    const dataChars = block.replace(/=+$/, "");
    const pad = 8 - dataChars.length;
    if (![0, 1, 3, 4, 6].includes(pad)) return `illegal base32 data at input byte ${i + dataChars.length}`;
    if (pad > 0 && i + 8 < t.length) return `illegal base32 data at input byte ${i + 8}`;
    let bits = 0n;
    for (let k = 0; k < 8; k++) {
      const c = k < dataChars.length ? B32.indexOf(dataChars[k]!) : 0;
      if (c < 0) return `illegal base32 data at input byte ${i + k}`;
      bits = (bits << 5n) | BigInt(c);
    }
    const n = { 0: 5, 1: 4, 3: 3, 4: 2, 6: 1 }[pad as 0 | 1 | 3 | 4 | 6];
    for (let k = 0; k < n; k++) bytes.push(Number((bits >> BigInt(32 - 8 * k)) & 255n));
  }
  return utf8Decode(new Uint8Array(bytes));
}
