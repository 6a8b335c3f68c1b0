/**
 * RSA keys for genCA, genSelfSignedCert, genSignedCert and genPrivateKey. Generating a 2048-bit
 * key synchronously costs 100–200 ms of the render thread; a chart that makes one key usually
 * makes more (a CA, then a signed certificate). So the first request generates its key at once
 * and starts a few more on libuv's thread pool; later requests take a pooled key when one is
 * ready (each pooled key is fresh, used once, never shared) and fall back to generating one.
 */
import { generateKeyPair, generateKeyPairSync, type KeyObject } from "node:crypto";

/** How many keys of each size are kept ready once a size has been asked for. */
const POOL_SIZE = 2;

const ready = new Map<number, KeyObject[]>();
const pending = new Map<number, number>();

function refill(bits: number): void {
  const have = (ready.get(bits)?.length ?? 0) + (pending.get(bits) ?? 0);
  for (let i = have; i < POOL_SIZE; i++) {
    pending.set(bits, (pending.get(bits) ?? 0) + 1);
    generateKeyPair("rsa", { modulusLength: bits }, (err, _pub, key) => {
      pending.set(bits, (pending.get(bits) ?? 1) - 1);
      if (err === null) {
        let keys = ready.get(bits);
        if (keys === undefined) ready.set(bits, (keys = []));
        keys.push(key);
      }
    });
  }
}

/** A new RSA private key of `bits` bits (a pooled one when ready). */
export function rsaPrivateKey(bits: number): KeyObject {
  const key = ready.get(bits)?.shift() ?? generateKeyPairSync("rsa", { modulusLength: bits }).privateKey;
  refill(bits);
  return key;
}
