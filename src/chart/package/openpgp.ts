// The slice of OpenPGP (RFC 4880) that Helm's provenance files need: clear-signed text, v4
// signature packets, RSA public keys from a keyring (binary or armored). Signatures are checked
// with node:crypto; nothing is signed here.
import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";

/** A public key from a keyring. */
export interface PgpKey {
  /** The 16-hex-digit key ID (last 8 bytes of the fingerprint), upper case. */
  readonly keyId: string;
  /** The 40-hex-digit v4 fingerprint, upper case. */
  readonly fingerprint: string;
  /** The user IDs of the key (primary and subkeys share them). */
  readonly userIds: readonly string[];
  readonly key: KeyObject;
}

interface Packet {
  readonly tag: number;
  readonly body: Uint8Array;
}

/** Splits bytes into OpenPGP packets (old and new formats; no partial lengths). */
export function readPackets(bytes: Uint8Array): Packet[] {
  const out: Packet[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i++]!;
    if (!(b & 0x80)) throw new Error(`not an OpenPGP packet at byte ${i - 1}`);
    let tag: number;
    let len: number;
    if (b & 0x40) {
      tag = b & 0x3f;
      const o1 = bytes[i++]!;
      if (o1 < 192) len = o1;
      else if (o1 < 224) len = ((o1 - 192) << 8) + bytes[i++]! + 192;
      else if (o1 === 255) {
        len = readU32(bytes, i);
        i += 4;
      } else throw new Error("partial-length packets are not supported");
    } else {
      tag = (b >> 2) & 0x0f;
      const type = b & 3;
      if (type === 0) len = bytes[i++]!;
      else if (type === 1) {
        len = (bytes[i]! << 8) | bytes[i + 1]!;
        i += 2;
      } else if (type === 2) {
        len = readU32(bytes, i);
        i += 4;
      } else len = bytes.length - i;
    }
    out.push({ tag, body: bytes.subarray(i, i + len) });
    i += len;
  }
  return out;
}

const readU32 = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;

/** Decodes ASCII armor (`-----BEGIN PGP …-----`); binary input is returned as is. */
export function dearmor(data: Uint8Array | string): Uint8Array {
  const text = typeof data === "string" ? data : new TextDecoder("latin1").decode(data);
  if (!text.includes("-----BEGIN PGP")) return typeof data === "string" ? new TextEncoder().encode(data) : data;
  const body = text.replace(/\r/g, "").split(/-----BEGIN PGP [A-Z ]+-----\n/)[1]!.split("\n-----END")[0]!;
  const lines = body.split("\n");
  const blank = lines.indexOf("");
  const b64 = lines.slice(blank + 1).filter((l) => !l.startsWith("=")).join("");
  return new Uint8Array(Buffer.from(b64, "base64"));
}

function mpi(body: Uint8Array, at: number): { value: Uint8Array; next: number } {
  const bits = (body[at]! << 8) | body[at + 1]!;
  const len = Math.ceil(bits / 8);
  return { value: body.subarray(at + 2, at + 2 + len), next: at + 2 + len };
}

const b64url = (b: Uint8Array) => Buffer.from(b).toString("base64url");

/** Reads the RSA public keys and subkeys of a keyring (`gpg --export`, binary or armored). */
export function readKeyring(data: Uint8Array | string): PgpKey[] {
  const keys: Array<Omit<PgpKey, "userIds"> & { userIds: string[] }> = [];
  let primary: { userIds: string[] } | undefined;
  for (const p of readPackets(dearmor(data))) {
    if (p.tag === 13 && primary) primary.userIds.push(new TextDecoder().decode(p.body));
    if (p.tag !== 6 && p.tag !== 14) continue;
    if (p.tag === 6) primary = { userIds: [] };
    const body = p.body;
    if (body[0] !== 4 || ![1, 2, 3].includes(body[5]!)) continue; // v4 RSA only
    const n = mpi(body, 6);
    const e = mpi(body, n.next);
    const fp = createHash("sha1").update(Uint8Array.of(0x99, body.length >> 8, body.length & 0xff)).update(body).digest("hex").toUpperCase();
    const key = createPublicKey({ key: { kty: "RSA", n: b64url(n.value), e: b64url(e.value) }, format: "jwk" });
    keys.push({ keyId: fp.slice(-16), fingerprint: fp, userIds: primary!.userIds, key });
  }
  return keys;
}

/** A clear-signed message: the text as signed and its signature. */
export interface ClearSigned {
  /** The signed text, dash-unescaped, with `\n` line ends. */
  readonly text: string;
  readonly signature: Uint8Array;
}

/** Splits a clear-signed message (`-----BEGIN PGP SIGNED MESSAGE-----`). */
export function readClearSigned(armored: string): ClearSigned {
  const text = armored.replace(/\r\n/g, "\n");
  const start = text.indexOf("-----BEGIN PGP SIGNED MESSAGE-----\n");
  const sigAt = text.indexOf("\n-----BEGIN PGP SIGNATURE-----");
  if (start < 0 || sigAt < 0) throw new Error("not a clear-signed OpenPGP message");
  const afterHeader = text.indexOf("\n\n", start);
  const body = text.slice(afterHeader + 2, sigAt);
  const unescaped = body.split("\n").map((l) => (l.startsWith("- ") ? l.slice(2) : l)).join("\n");
  return { text: unescaped, signature: dearmor(text.slice(sigAt + 1)) };
}

const HASHES: Record<number, string> = { 2: "sha1", 8: "sha256", 9: "sha384", 10: "sha512", 11: "sha224" };

/**
 * Verifies a clear-signed message against a keyring; returns the signing key.
 * @throws Error saying why (no signature, unknown key, unsupported algorithm, bad signature)
 */
export function verifyClearSigned(message: ClearSigned, keyring: readonly PgpKey[]): PgpKey {
  const sig = readPackets(message.signature).find((p) => p.tag === 2);
  if (!sig || sig.body[0] !== 4) throw new Error("no v4 signature packet");
  const b = sig.body;
  const [sigType, pubAlgo, hashAlgo] = [b[1]!, b[2]!, b[3]!];
  const hashedLen = (b[4]! << 8) | b[5]!;
  const hashedEnd = 6 + hashedLen;
  const unhashedLen = (b[hashedEnd]! << 8) | b[hashedEnd + 1]!;
  const issuers = [...subpackets(b.subarray(6, hashedEnd)), ...subpackets(b.subarray(hashedEnd + 2, hashedEnd + 2 + unhashedLen))];
  const afterUnhashed = hashedEnd + 2 + unhashedLen + 2; // skip the left 16 bits of the hash
  const hash = HASHES[hashAlgo];
  if (![1, 3].includes(pubAlgo) || !hash) throw new Error(`unsupported signature algorithm (public key ${pubAlgo}, hash ${hashAlgo}): only RSA with SHA-1/2`);
  const candidates = keyring.filter((k) => issuers.some((id) => k.fingerprint.endsWith(id)));
  if (candidates.length === 0) throw new Error(`signed by key ${issuers[0] ?? "(unknown)"}, which is not in the keyring`);
  // Text signatures (0x01) hash the text with CRLF line ends and trailing whitespace removed.
  const signed = sigType === 0x01 ? message.text.split("\n").map((l) => l.replace(/[ \t]+$/, "")).join("\r\n") : message.text;
  const trailer = Buffer.concat([Buffer.from(b.subarray(0, hashedEnd)), Buffer.from([0x04, 0xff, hashedEnd >>> 24, (hashedEnd >> 16) & 0xff, (hashedEnd >> 8) & 0xff, hashedEnd & 0xff])]);
  const data = Buffer.concat([Buffer.from(signed, "utf8"), trailer]);
  const signature = mpi(b, afterUnhashed).value;
  const signer = candidates.find((k) => verify(hash, data, k.key, padTo(signature, k)));
  if (!signer) throw new Error("the signature does not match the signed text: the provenance file was altered");
  return signer;
}

function padTo(sig: Uint8Array, key: PgpKey): Uint8Array {
  const size = Math.ceil(((key.key.asymmetricKeyDetails?.modulusLength ?? sig.length * 8)) / 8);
  if (sig.length >= size) return sig;
  const out = new Uint8Array(size);
  out.set(sig, size - sig.length);
  return out;
}

/** Issuer key IDs / fingerprints (upper-case hex) named in signature subpackets. */
function subpackets(data: Uint8Array): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < data.length) {
    const o1 = data[i++]!;
    let len: number;
    if (o1 < 192) len = o1;
    else if (o1 < 255) len = ((o1 - 192) << 8) + data[i++]! + 192;
    else {
      len = readU32(data, i);
      i += 4;
    }
    const type = data[i]! & 0x7f;
    const value = data.subarray(i + 1, i + len);
    if (type === 16) out.push(Buffer.from(value).toString("hex").toUpperCase());
    if (type === 33) out.push(Buffer.from(value.subarray(1)).toString("hex").toUpperCase());
    i += len;
  }
  return out;
}
