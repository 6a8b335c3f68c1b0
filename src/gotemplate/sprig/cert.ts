// Sprig's certificate functions: X.509 v3 certificates built as Go's x509.CreateCertificate builds them.
import { rsaPrivateKey } from "./keypool.js";
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, X509Certificate, type KeyObject } from "node:crypto";
import { isIP } from "node:net";
import { GoStruct, typeName } from "../value.js";
import { bits, boolTrue, children, integer, octets, oid, oidText, pem, pemDecode, read, seq, set, tlv } from "./der.js";
import { fail } from "./errors.js";

/** Sprig's `certificate` struct: PEM `Cert` and `Key`. */
export class Certificate extends GoStruct {
  /** @param Cert - the certificate PEM @param Key - the private key PEM */
  constructor(
    readonly Cert: string,
    readonly Key: string,
  ) {
    super();
  }
  override goTypeName(): string {
    return "sprig.certificate";
  }
}

/** The PEM block Sprig writes for a private key (pemBlockForKey). */
export function keyPem(key: KeyObject): string {
  switch (key.asymmetricKeyType) {
    case "rsa":
      return pem("RSA PRIVATE KEY", key.export({ type: "pkcs1", format: "der" }));
    case "ec":
      return pem("EC PRIVATE KEY", key.export({ type: "sec1", format: "der" }));
    case "dsa":
      return pem("DSA PRIVATE KEY", dsaTraditional(key));
    default:
      return pem("PRIVATE KEY", key.export({ type: "pkcs8", format: "der" }));
  }
}

function bigOf(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt("0x" + Buffer.from(b).toString("hex"));
}

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  for (; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
}

/** DSA key as OpenSSL's traditional (and Sprig's DSAKeyFormat) SEQUENCE {0, P, Q, G, Y, X}. */
function dsaTraditional(key: KeyObject): Uint8Array {
  const p8 = read(key.export({ type: "pkcs8", format: "der" }));
  const [, alg, priv] = children(p8);
  const [, params] = children(alg!);
  const [P, Q, G] = children(params!).map((t) => bigOf(t.content));
  const x = bigOf(read(priv!.content).content);
  const y = modPow(G!, x, P!);
  return seq(integer(0n), integer(P!), integer(Q!), integer(G!), integer(y), integer(x));
}

/** Sprig's parsePrivateKeyPEM with Go's error texts. */
export function parsePrivateKeyPem(text: string): KeyObject {
  const block = pemDecode(text);
  if (!block) fail("no PEM data in input");
  const t = block.type;
  if (t !== "PRIVATE KEY" && !t.endsWith(" PRIVATE KEY")) fail(`no private key data in PEM block of type ${t}`);
  const kind = t.slice(0, -" PRIVATE KEY".length);
  if (t !== "PRIVATE KEY" && !["RSA", "EC", "DSA"].includes(kind)) fail(`invalid private key type ${t}`);
  if (kind === "DSA") fail("x509: certificate private key does not implement crypto.Signer");
  try {
    const type = t === "PRIVATE KEY" ? "pkcs8" : kind === "RSA" ? "pkcs1" : "sec1";
    return createPrivateKey({ key: Buffer.from(block.der), format: "der", type });
  } catch (e) {
    const what = t === "PRIVATE KEY" ? "decoding PEM as PKCS#8" : kind === "RSA" ? "parsing RSA private key from PEM" : "parsing EC private key from PEM";
    fail(`${what}: ${(e as Error).message}`);
  }
}

function rsaKey(): KeyObject {
  return rsaPrivateKey(2048);
}

/** An X.509 Name with only a CommonName, as pkix.Name marshals it. */
function subjectName(cn: string): Uint8Array {
  if (cn === "") return seq();
  const printable = /^[A-Za-z0-9 '()+,\-./:=?*]*$/.test(cn);
  const value = tlv(printable ? 0x13 : 0x0c, Buffer.from(cn, "utf8"));
  return seq(set(seq(oid("2.5.4.3"), value)));
}

function asn1Time(ms: number): Uint8Array {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const y = d.getUTCFullYear();
  const p = (n: number): string => String(n).padStart(2, "0");
  const rest = p(d.getUTCMonth() + 1) + p(d.getUTCDate()) + p(d.getUTCHours()) + p(d.getUTCMinutes()) + p(d.getUTCSeconds()) + "Z";
  if (y >= 1950 && y < 2050) return tlv(0x17, Buffer.from(p(y % 100) + rest));
  return tlv(0x18, Buffer.from(String(y).padStart(4, "0") + rest));
}

function ext(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? seq(oid(id), boolTrue(), octets(value)) : seq(oid(id), octets(value));
}

function ipBytes(ip: string): Uint8Array {
  if (isIP(ip) === 4 && !/(^|\.)0[0-9]/.test(ip)) return Uint8Array.from(ip.split(".").map(Number));
  if (isIP(ip) === 6) {
    let text = ip;
    const v4 = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
    if (v4) {
      const b = v4.slice(2).map(Number) as [number, number, number, number];
      text = v4[1]! + ((b[0] << 8) | b[1]).toString(16) + ":" + ((b[2] << 8) | b[3]).toString(16);
    }
    const words = (part: string | undefined): number[] => (part ? part.split(":").map((h) => parseInt(h, 16)) : []);
    const [l, r] = text.split("::") as [string, string | undefined];
    const left = words(l);
    const right = words(r);
    const all = r === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
    const out = new Uint8Array(16);
    all.forEach((w, i) => ((out[2 * i] = w >> 8), (out[2 * i + 1] = w & 0xff)));
    const mapped = out.subarray(0, 10).every((x) => x === 0) && out[10] === 0xff && out[11] === 0xff;
    return mapped ? out.slice(12) : out; // net.IP.To4: IPv4-mapped addresses are written as 4 bytes
  }
  fail(`error parsing ip: ${ip}`);
}

function strings(list: unknown, what: "ip" | "dns"): string[] {
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list)) fail(`wrong type for value; expected []interface {}; got ${typeName(list)}`);
  return list.map((v) => {
    if (typeof v === "string") return v;
    const shown = v === null || v === undefined ? "<nil>" : String(v);
    return fail(what === "ip" ? `error parsing ip: ${shown} is not a string` : `error processing alternate dns name: ${shown} is not a string`);
  });
}

interface Signer {
  key: KeyObject;
  subject: Uint8Array;
  skid?: Uint8Array;
  cert?: X509Certificate;
}

function sigAlg(key: KeyObject): { alg: Uint8Array; hash: string | null } {
  switch (key.asymmetricKeyType) {
    case "rsa":
      return { alg: seq(oid("1.2.840.113549.1.1.11"), Buffer.from([5, 0])), hash: "sha256" };
    case "ec":
      return { alg: seq(oid("1.2.840.10045.4.3.2")), hash: "sha256" };
    case "ed25519":
      return { alg: seq(oid("1.3.101.112")), hash: null };
  }
  return fail("x509: certificate private key does not implement crypto.Signer");
}

function createCert(cn: string, ips: string[], dns: string[], days: number, isCA: boolean, subjectKey: KeyObject, signer: Signer | undefined): string {
  const subject = subjectName(cn);
  const issuerKey = signer?.key ?? subjectKey;
  const issuer = signer?.subject ?? subject;
  const { alg, hash } = sigAlg(issuerKey);
  if (signer?.cert && !signer.cert.publicKey.equals(createPublicKey(signer.key))) fail("error creating certificate: x509: provided PrivateKey doesn't match parent's PublicKey");
  const spki = createPublicKey(subjectKey).export({ type: "spki", format: "der" });
  const spkiBits = children(read(spki))[1]!.content.subarray(1);
  const serial = bigOf(randomBytes(16));
  const now = Date.now();
  const exts: Uint8Array[] = [];
  exts.push(ext("2.5.29.15", true, isCA ? bits(Buffer.from([0xa4]), 2) : bits(Buffer.from([0xa0]), 5)));
  exts.push(ext("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2"))));
  exts.push(ext("2.5.29.19", true, isCA ? seq(boolTrue()) : seq()));
  if (isCA) exts.push(ext("2.5.29.14", false, octets(createHash("sha256").update(spkiBits).digest().subarray(0, 20))));
  const sameName = Buffer.from(issuer).equals(Buffer.from(subject));
  if (!sameName && signer?.skid && signer.skid.length > 0) exts.push(ext("2.5.29.35", false, seq(tlv(0x80, signer.skid))));
  if (dns.length > 0 || ips.length > 0) {
    const names = [...dns.map((d) => tlv(0x82, Buffer.from(d, "utf8"))), ...ips.map((ip) => tlv(0x87, ipBytes(ip)))];
    exts.push(ext("2.5.29.17", cn === "", seq(...names)));
  }
  const tbs = seq(
    tlv(0xa0, integer(2n)),
    integer(serial),
    alg,
    issuer,
    seq(asn1Time(now), asn1Time(now + days * 86400000)),
    subject,
    spki,
    tlv(0xa3, seq(...exts)),
  );
  const signature = sign(hash, tbs, issuerKey);
  return pem("CERTIFICATE", seq(tbs, alg, bits(signature)));
}

function parseSigner(ca: unknown): Signer {
  if (!(ca instanceof Certificate)) fail(`wrong type for value; expected sprig.certificate; got ${ca === null || ca === undefined ? "<nil>" : typeName(ca)}`);
  const block = pemDecode(ca.Cert);
  if (!block) fail("unable to decode certificate");
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(Buffer.from(block.der));
  } catch (e) {
    fail(`error parsing certificate: decodedSignerCert.Bytes: ${(e as Error).message}`);
  }
  let key: KeyObject;
  try {
    key = parsePrivateKeyPem(ca.Key);
  } catch (e) {
    fail(`error parsing private key: ${(e as Error).message}`);
  }
  const tbs = children(read(block.der))[0]!;
  const fields = children(tbs);
  const off = fields[0]!.tag === 0xa0 ? 1 : 0;
  const subject = fields[off + 4]!.raw;
  let skid: Uint8Array | undefined;
  const extsWrap = fields.find((f) => f.tag === 0xa3);
  if (extsWrap) {
    for (const e of children(children(extsWrap)[0]!)) {
      const parts = children(e);
      if (oidText(parts[0]!.content) === "2.5.29.14") skid = read(parts[parts.length - 1]!.content).content;
    }
  }
  return { key, subject, cert, ...(skid ? { skid } : {}) };
}

function withKey(pemText: unknown): KeyObject {
  try {
    return parsePrivateKeyPem(String(pemText));
  } catch (e) {
    fail(`parsing private key: ${(e as Error).message}`);
  }
}

function make(cn: string, ips: string[], dns: string[], days: number, isCA: boolean, key: KeyObject, signer?: Signer): Certificate {
  return new Certificate(createCert(cn, ips, dns, days, isCA, key, signer), keyPem(key));
}

/** genCA / genCAWithKey */
export function genCA(cn: string, days: number, keyPemText?: unknown): Certificate {
  return make(cn, [], [], days, true, keyPemText === undefined ? rsaKey() : withKey(keyPemText));
}

/** genSelfSignedCert / genSelfSignedCertWithKey */
export function genSelfSignedCert(cn: string, ips: unknown, dns: unknown, days: number, keyPemText?: unknown): Certificate {
  const ipList = strings(ips, "ip");
  const dnsList = strings(dns, "dns");
  ipList.forEach(ipBytes);
  return make(cn, ipList, dnsList, days, false, keyPemText === undefined ? rsaKey() : withKey(keyPemText));
}

/** genSignedCert / genSignedCertWithKey */
export function genSignedCert(cn: string, ips: unknown, dns: unknown, days: number, ca: unknown, keyPemText?: unknown): Certificate {
  const key = keyPemText === undefined ? rsaKey() : withKey(keyPemText);
  const signer = parseSigner(ca);
  const ipList = strings(ips, "ip");
  const dnsList = strings(dns, "dns");
  ipList.forEach(ipBytes);
  return make(cn, ipList, dnsList, days, false, key, signer);
}

/** buildCustomCert: validates base64 PEM certificate and key, returns them as a certificate. */
export function buildCustomCert(b64cert: string, b64key: string): Certificate {
  const dec = (s: string): string | undefined => (/^[A-Za-z0-9+/]*={0,2}$/.test(s.replace(/[\r\n]/g, "")) && s.replace(/[\r\n]/g, "").length % 4 === 0 ? Buffer.from(s, "base64").toString("utf8") : undefined);
  const cert = dec(b64cert);
  if (cert === undefined) fail("unable to decode base64 certificate");
  const key = dec(b64key);
  if (key === undefined) fail("unable to decode base64 private key");
  const block = pemDecode(cert);
  if (!block) fail("unable to decode certificate");
  try {
    new X509Certificate(Buffer.from(block.der));
  } catch (e) {
    fail(`error parsing certificate: decodedCert.Bytes: ${(e as Error).message}`);
  }
  try {
    parsePrivateKeyPem(key);
  } catch (e) {
    fail(`error parsing private key: ${(e as Error).message}`);
  }
  return new Certificate(cert, key);
}
