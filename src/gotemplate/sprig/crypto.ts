import { rsaPrivateKey } from "./keypool.js";
import { createCipheriv, createDecipheriv, createHash, createHmac, generateKeyPairSync, randomBytes, randomInt, randomUUID, scryptSync } from "node:crypto";
import type { GoFunc } from "../value.js";
import { int, sig, str, utf8Decode } from "./conv.js";
import { bcryptHash } from "./bcrypt.js";
import { buildCustomCert, genCA, genSelfSignedCert, genSignedCert, keyPem } from "./cert.js";
import { b64decodeBytes } from "./encoding.js";
import { fail } from "./errors.js";

const S = "string" as const;
const A = "any" as const;

function hash(alg: string, s: string): string {
  return createHash(alg).update(s, "utf8").digest("hex");
}

function adler32(s: string): string {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(s, "utf8")) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return String(((b << 16) | a) >>> 0);
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randFrom(chars: string, count: number): string {
  if (count <= 0) return "";
  let out = "";
  for (let i = 0; i < count; i++) out += chars[randomInt(chars.length)];
  return out;
}

const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");

function bcrypt(s: string): string {
  const h = bcryptHash(s);
  return h instanceof Error ? `failed to encrypt string with bcrypt: ${h.message}` : h;
}

const TEMPLATES: Record<string, string[]> = {
  maximum: ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
  long: ["CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv", "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc", "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno", "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc", "CvccCvcvCvccno"],
  medium: ["CvcnoCvc", "CvcCvcno"],
  short: ["Cvcn"],
  basic: ["aaanaaan", "aannaaan", "aaannaaa"],
  pin: ["nnnn"],
};

const CHARS: Record<string, string> = {
  V: "AEIOU",
  C: "BCDFGHJKLMNPQRSTVWXYZ",
  v: "aeiou",
  c: "bcdfghjklmnpqrstvwxyz",
  A: "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
  a: "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
  n: "0123456789",
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
};

/** Sprig's derivePassword (the Master Password algorithm: scrypt + HMAC-SHA256 templates). */
export function derivePassword(counter: number, type: string, password: string, user: string, site: string): string {
  const templates = TEMPLATES[type];
  if (!templates) return `cannot find password template ${type}`;
  const seed = Buffer.from("com.lyndir.masterpassword", "latin1");
  const u32 = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n >>> 0);
    return b;
  };
  const userB = Buffer.from(user, "utf8");
  const key = scryptSync(Buffer.from(password, "utf8"), Buffer.concat([seed, u32(userB.length), userB]), 64, { N: 32768, r: 8, p: 2, maxmem: 256 * 1024 * 1024 });
  const siteB = Buffer.from(site, "utf8");
  const s = createHmac("sha256", key).update(Buffer.concat([seed, u32(siteB.length), siteB, u32(counter)])).digest();
  const temp = templates[s[0]! % templates.length]!;
  let out = "";
  for (let i = 0; i < temp.length; i++) {
    const chars = CHARS[temp[i]!]!;
    out += chars[s[i + 1]! % chars.length];
  }
  return out;
}

function encryptAES(password: string, plaintext: string): string {
  if (plaintext === "") return "";
  const key = Buffer.alloc(32);
  Buffer.from(password, "utf8").copy(key, 0, 0, 32);
  const content = Buffer.from(plaintext, "utf8");
  const padding = 16 - (content.length % 16);
  const padded = Buffer.concat([content, Buffer.alloc(padding, padding)]);
  const iv = randomBytes(16);
  const c = createCipheriv("aes-256-cbc", key, iv).setAutoPadding(false);
  return Buffer.concat([iv, c.update(padded), c.final()]).toString("base64");
}

function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === "") return "";
  const key = Buffer.alloc(32);
  Buffer.from(password, "utf8").copy(key, 0, 0, 32);
  const crypt = b64decodeBytes(crypt64);
  if (typeof crypt === "string") fail(crypt);
  if (crypt.length < 16) fail(`runtime error: slice bounds out of range [:16] with capacity ${crypt.length}`);
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) fail("crypto/cipher: input not full blocks");
  const d = createDecipheriv("aes-256-cbc", key, crypt.subarray(0, 16)).setAutoPadding(false);
  const out = Buffer.concat([d.update(body), d.final()]);
  if (out.length === 0) fail("runtime error: index out of range [-1]");
  const cut = out.length - out[out.length - 1]!;
  if (cut < 0) fail(`runtime error: slice bounds out of range [:${cut}]`);
  return utf8Decode(out.subarray(0, cut));
}

function genPrivateKey(typ: string): string {
  switch (typ) {
    case "":
    case "rsa":
      return keyPem(rsaPrivateKey(4096));
    case "dsa":
      return keyPem(generateKeyPairSync("dsa", { modulusLength: 2048, divisorLength: 256 }).privateKey);
    case "ecdsa":
      return keyPem(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey);
    case "ed25519":
      return keyPem(generateKeyPairSync("ed25519").privateKey);
  }
  return "Unknown type " + typ;
}

/** Sprig's crypto, random and certificate functions. */
export function cryptoFunctions(): Record<string, GoFunc> {
  const I = "int" as const;
  const L = "[]interface {}" as const;
  return {
    sha1sum: sig([S], (s) => hash("sha1", str(s))),
    sha256sum: sig([S], (s) => hash("sha256", str(s))),
    sha512sum: sig([S], (s) => hash("sha512", str(s))),
    adler32sum: sig([S], (s) => adler32(str(s))),
    bcrypt: sig([S], (s) => bcrypt(str(s))),
    htpasswd: sig([S, S], (u, p) => (str(u).includes(":") ? `invalid username: ${str(u)}` : `${str(u)}:${bcrypt(str(p))}`)),
    randAlphaNum: sig([I], (n) => randFrom(ALNUM, int(n))),
    randAlpha: sig([I], (n) => randFrom(ALNUM.slice(0, 52), int(n))),
    randNumeric: sig([I], (n) => randFrom(ALNUM.slice(52), int(n))),
    randAscii: sig([I], (n) => randFrom(ASCII, int(n))),
    randBytes: sig([I], (n) => {
      if (int(n) < 0) fail("runtime error: makeslice: len out of range");
      return randomBytes(int(n)).toString("base64");
    }),
    uuidv4: sig([], () => randomUUID()),
    derivePassword: sig([A, S, S, S, S], (c, t, p, u, s) => derivePassword(Number(BigInt.asUintN(32, BigInt(int(c)))), str(t), str(p), str(u), str(s))),
    genPrivateKey: sig([S], (t) => genPrivateKey(str(t))),
    encryptAES: sig([S, S], (p, t) => encryptAES(str(p), str(t))),
    decryptAES: sig([S, S], (p, c) => decryptAES(str(p), str(c))),
    buildCustomCert: sig([S, S], (c, k) => buildCustomCert(str(c), str(k))),
    genCA: sig([S, I], (cn, d) => genCA(str(cn), int(d))),
    genCAWithKey: sig([S, I, S], (cn, d, k) => genCA(str(cn), int(d), k)),
    genSelfSignedCert: sig([S, L, L, I], (cn, ips, dns, d) => genSelfSignedCert(str(cn), ips, dns, int(d))),
    genSelfSignedCertWithKey: sig([S, L, L, I, S], (cn, ips, dns, d, k) => genSelfSignedCert(str(cn), ips, dns, int(d), k)),
    genSignedCert: sig([S, L, L, I, A], (cn, ips, dns, d, ca) => genSignedCert(str(cn), ips, dns, int(d), ca)),
    genSignedCertWithKey: sig([S, L, L, I, A, S], (cn, ips, dns, d, ca, k) => genSignedCert(str(cn), ips, dns, int(d), ca, k)),
  };
}
