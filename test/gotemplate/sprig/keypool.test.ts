import { test } from "node:test";
import assert from "node:assert/strict";
import { createPublicKey, generatePrimeSync, privateDecrypt, publicEncrypt, sign, verify, type KeyObject } from "node:crypto";
import { generateRsaKeySync, rsaKeyFromPrimes } from "../../../src/gotemplate/sprig/rsa-keygen.js";
import { clearKeyPool, requestKeys, rsaPrivateKey, settleKeyPool } from "../../../src/gotemplate/sprig/keypool.js";
import { estimateTemplateKeys } from "../../../src/render/helm/keys.js";

function assertWorkingKey(key: KeyObject, bits: number): void {
  const details = key.asymmetricKeyDetails!;
  assert.equal(key.asymmetricKeyType, "rsa");
  assert.equal(details.modulusLength, bits);
  assert.equal(details.publicExponent, 65537n);
  const pub = createPublicKey(key);
  const data = Buffer.from("berth");
  assert.ok(verify("sha256", data, pub, sign("sha256", data, key)), "signs");
  assert.deepEqual(privateDecrypt(key, publicEncrypt(pub, data)), data, "decrypts");
  // Two primes (PKCS#1 without otherPrimeInfos), as Go marshals its keys.
  const jwk = key.export({ format: "jwk" });
  assert.ok(jwk.p && jwk.q && jwk.dp && jwk.dq && jwk.qi && !("oth" in jwk));
  assert.equal(Buffer.from(jwk.p, "base64url").length, bits / 16);
  assert.equal(Buffer.from(jwk.q, "base64url").length, bits / 16);
}

const modulus = (key: KeyObject): string => key.export({ format: "jwk" }).n!;

test("keys made from two primes are full-size, two-prime RSA keys with e = 65537 that sign and decrypt", () => {
  assertWorkingKey(generateRsaKeySync(2048), 2048);
  assertWorkingKey(generateRsaKeySync(4096), 4096);
});

test("prime pairs that fail FIPS 186-5's checks make no key", () => {
  const p = generatePrimeSync(512, { bigint: true });
  let q = generatePrimeSync(512, { bigint: true });
  while (q === p) q = generatePrimeSync(512, { bigint: true });
  assert.ok(rsaKeyFromPrimes(p, q, 1024), "a good pair");
  assert.equal(rsaKeyFromPrimes(p, p, 1024), undefined, "p = q");
  assert.equal(rsaKeyFromPrimes(p, p + 2n, 1024), undefined, "|p - q| too small");
  assert.equal(rsaKeyFromPrimes(p, q, 2048), undefined, "primes of the wrong size");
  // 65537 divides q - 1: no inverse of e mod λ(n).
  assert.equal(rsaKeyFromPrimes(p, 65537n * 2n * 3n + 1n, 1024), undefined);
});

test("requested keys are handed out once each, and keys nobody requested are made on the spot", async () => {
  requestKeys(2048, 3);
  const keys = [rsaPrivateKey(2048), rsaPrivateKey(2048), rsaPrivateKey(2048), rsaPrivateKey(2048)];
  for (const key of keys) assertWorkingKey(key, 2048);
  assert.equal(new Set(keys.map(modulus)).size, 4);
  requestKeys(2048, 2);
  clearKeyPool();
  await settleKeyPool();
  const after = rsaPrivateKey(2048);
  assertWorkingKey(after, 2048);
  assert.ok(!keys.map(modulus).includes(modulus(after)));
});

test("the key estimate counts calls in executed templates, in the defines they include and in templates they include by path", () => {
  const estimate = (files: Record<string, string>) => Object.fromEntries(estimateTemplateKeys(Object.entries(files).map(([name, text]) => ({ name, text }))));
  // stable/opa: the deployment's checksum annotation renders the webhook template a second time.
  assert.deepEqual(estimate({
    "opa/templates/webhook.yaml": '{{- $ca := genCA "ca" 365 -}}\n{{- $cert := genSignedCert "x" nil nil 365 $ca -}}',
    "opa/templates/deployment.yaml": 'checksum: {{ include (print $.Template.BasePath "/webhook.yaml") . | sha256sum }}',
    "opa/templates/_helpers.tpl": '{{- define "opa.name" -}}opa{{- end -}}',
  }), { 2048: 4 });
  // stable/kiam: defines in a partial, each included once.
  assert.deepEqual(estimate({
    "kiam/templates/_helpers.tpl": '{{- define "agent.certs" -}}{{ genCA "a" 1 }}{{ genSignedCert "b" nil nil 1 . }}{{- end -}}\n{{- define "server.certs" -}}{{ genCA "a" 1 }}{{ genSignedCert "c" nil nil 1 . }}{{- end -}}\n{{- define "unused" -}}{{ genCA "u" 1 }}{{- end -}}',
    "kiam/templates/agent.yaml": '{{ include "agent.certs" . }}',
    "kiam/templates/server.yaml": '{{ template "server.certs" . }}',
  }), { 2048: 4 });
  assert.deepEqual(estimate({
    "c/templates/keys.yaml": '{{ genPrivateKey "rsa" }} {{ genPrivateKey "ecdsa" }} {{ genSelfSignedCert "x" nil nil 1 }} {{ genCAWithKey "y" 1 $k }}',
    "c/templates/none.yaml": "kind: ConfigMap",
  }), { 2048: 1, 4096: 1 });
  assert.deepEqual(estimate({ "c/templates/a.yaml": "kind: Secret" }), {});
});
