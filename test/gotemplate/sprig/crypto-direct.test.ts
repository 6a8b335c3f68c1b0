// Sprig's crypto functions checked against values Go produced (bcrypt hashes, AES ciphertexts,
// a CA) and against node's X.509 parser (certificate structure and signatures).
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { bcryptHash } from "../../../src/gotemplate/sprig/bcrypt.js";
import { Certificate, SprigError, sprigFunctions } from "../../../src/gotemplate/sprig/index.js";

const fns = sprigFunctions();
const B64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const STD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function saltOf(hash: string): Uint8Array {
  const enc = hash.slice(7, 29);
  const std = [...enc].map((c) => STD[B64.indexOf(c)]).join("") + "==";
  return new Uint8Array(Buffer.from(std, "base64").subarray(0, 16));
}

// Hashes from golang.org/x/crypto/bcrypt v0.55.0 GenerateFromPassword.
const GO_HASHES: [string, number, string][] = [
  ["password", 10, "$2a$10$NE6dSpTSFje3gOom7gmvI.c9xW8t96ru.VR7EtyCYwC3jK7GCKoSm"],
  ["ünïcødé", 10, "$2a$10$5nbVeyskdtYF.UdqheS8KuhGa7oaIT6natpynUhGIR3uZm.PiV892"],
  ["", 10, "$2a$10$RywVK9YEtVLgqrIGxYR2m.o0W1/TGrGYL3mUitg1vLTdD/UQoCkD6"],
  ["pw", 4, "$2a$04$CDqB4jZ2j1fAH4Ovx6i4YOGEI/4BthumT1UYQFgQTrLwmDT6nY2Lm"],
];

for (const [pw, cost, hash] of GO_HASHES) {
  test(`GIVEN Go's bcrypt hash of ${JSON.stringify(pw)} WHEN hashed again with its salt THEN berth's bcrypt gives the same string`, () => {
    assert.equal(bcryptHash(pw, cost, saltOf(hash)), hash);
  });
}

test("GIVEN a password over 72 bytes WHEN bcrypt is called THEN it returns Sprig's failure text", () => {
  assert.equal(fns["bcrypt"]!("x".repeat(73)), "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes");
});

test("GIVEN a user and password WHEN htpasswd is called THEN it prints user:bcrypt-hash that verifies", () => {
  const line = String(fns["htpasswd"]!("admin", "s3cret"));
  const [user, hash] = line.split(":") as [string, string];
  assert.equal(user, "admin");
  assert.match(hash, /^\$2a\$10\$[./A-Za-z0-9]{53}$/);
  assert.equal(bcryptHash("s3cret", 10, saltOf(hash)), hash);
});

test("GIVEN ciphertexts Go's encryptAES produced WHEN decryptAES is called THEN it recovers the plaintext", () => {
  assert.equal(fns["decryptAES"]!("secretkey", "viJmxfzrwcXHejrTQRM3Lza7Nyn09MDTqG/neowJbBU="), "plaintext");
  const long = "rCo8QV1L51Z/Ol85nSGPNy47kBPMXXI4C5UPFNmmyqxuloOj4Tk2PEA+DutyfwWOk+58lReGsOwBVDuBrdW1mQ==";
  assert.equal(fns["decryptAES"]!("a-very-long-password-longer-than-32-bytes!!", long), "ünïcødé text that spans blocks");
});

test("GIVEN a ciphertext that is not whole blocks WHEN decryptAES is called THEN it fails with a SprigError", () => {
  assert.throws(() => fns["decryptAES"]!("k", Buffer.from("0123456789abcdef012").toString("base64")), (e: unknown) => e instanceof SprigError && e.code === "SprigFuncFailed");
});

const [goCertB64, goKeyB64] = readFileSync(join(import.meta.dirname, "fixtures", "go-ca.txt"), "utf8").trim().split(" ") as [string, string];

test("GIVEN a CA Go's genCA made WHEN buildCustomCert and genSignedCert use it THEN the leaf is issued and signed by that CA", () => {
  const ca = fns["buildCustomCert"]!(goCertB64, goKeyB64) as Certificate;
  assert.ok(ca instanceof Certificate);
  const leaf = fns["genSignedCert"]!("svc.ns.svc", ["10.1.2.3"], ["svc", "svc.ns.svc"], 7n, ca) as Certificate;
  const x = new X509Certificate(leaf.Cert);
  const caX = new X509Certificate(ca.Cert);
  assert.ok(x.checkIssued(caX));
  assert.ok(x.verify(caX.publicKey));
  assert.equal(x.subject, "CN=svc.ns.svc");
  assert.equal(x.subjectAltName, "DNS:svc, DNS:svc.ns.svc, IP Address:10.1.2.3");
  assert.equal(x.ca, false);
  assert.match(leaf.Key, /^-----BEGIN RSA PRIVATE KEY-----\n([A-Za-z0-9+/=]{64}\n)+[A-Za-z0-9+/=]{1,64}\n-----END RSA PRIVATE KEY-----\n$/);
});

test("GIVEN genCA WHEN rendered THEN it is a self-signed CA valid for the given days", () => {
  const ca = fns["genCA"]!("my-ca", 365n) as Certificate;
  const x = new X509Certificate(ca.Cert);
  assert.equal(x.ca, true);
  assert.ok(x.verify(x.publicKey));
  assert.equal(x.issuer, "CN=my-ca");
  const days = (Date.parse(x.validTo) - Date.parse(x.validFrom)) / 86400000;
  assert.equal(days, 365);
});

test("GIVEN a base64 value that is no certificate WHEN buildCustomCert is called THEN it fails with Sprig's error", () => {
  assert.throws(() => fns["buildCustomCert"]!(Buffer.from("hello").toString("base64"), goKeyB64), (e: unknown) => e instanceof SprigError && /unable to decode certificate/.test(e.message));
});

for (const [typ, header] of [["ecdsa", "EC PRIVATE KEY"], ["ed25519", "PRIVATE KEY"], ["dsa", "DSA PRIVATE KEY"]] as const) {
  test(`GIVEN genPrivateKey ${typ} WHEN called THEN it returns a ${header} PEM block`, () => {
    const pem = String(fns["genPrivateKey"]!(typ));
    assert.ok(pem.startsWith(`-----BEGIN ${header}-----\n`), pem);
    assert.ok(pem.endsWith(`-----END ${header}-----\n`));
  });
}
