/**
 * RSA key generation from two random primes, as Go's crypto/rsa makes the keys of genCA and
 * friends: p and q of half the modulus size each with their top two bits set (so n has exactly
 * `bits` bits), e = 65537, d = e⁻¹ mod λ(n). The primes come from OpenSSL (`generatePrime`:
 * CSPRNG candidates, trial division, 64 Miller-Rabin rounds); the checks are FIPS 186-5's
 * (|p − q| > 2^(bits/2 − 100), gcd(e, p − 1) = gcd(e, q − 1) = 1, d > 2^(bits/2)). OpenSSL 3's
 * own RSA key generation (SP 800-56B, with auxiliary primes) produces keys of the same shape
 * about three times slower.
 */
import { createPrivateKey, generatePrimeSync, type KeyObject } from "node:crypto";

const E = 65537n;

function modInverse(a: bigint, m: bigint): bigint | undefined {
  let [r0, r1] = [m, ((a % m) + m) % m];
  let [t0, t1] = [0n, 1n];
  while (r1 !== 0n) {
    const k = r0 / r1;
    [r0, r1] = [r1, r0 - k * r1];
    [t0, t1] = [t1, t0 - k * t1];
  }
  if (r0 !== 1n) return undefined;
  return ((t0 % m) + m) % m;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const bitLength = (x: bigint): number => x.toString(2).length;

function b64url(x: bigint): string {
  let hex = x.toString(16);
  if (hex.length % 2 === 1) hex = "0" + hex;
  return Buffer.from(hex, "hex").toString("base64url");
}

/** A big-endian unsigned integer. */
export function bigintFromBytes(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt("0x" + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex"));
}

/**
 * The RSA private key with primes `p` and `q` and modulus size `bits`, or undefined when the pair
 * fails a check (the caller draws new primes). The primes must come from a CSPRNG.
 */
export function rsaKeyFromPrimes(p: bigint, q: bigint, bits: number): KeyObject | undefined {
  if (p < q) [p, q] = [q, p];
  if (p - q <= 1n << BigInt(bits / 2 - 100)) return undefined;
  if ((p - 1n) % E === 0n || (q - 1n) % E === 0n) return undefined;
  const n = p * q;
  if (bitLength(n) !== bits) return undefined;
  const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
  const d = modInverse(E, lambda);
  const qi = modInverse(q, p);
  if (d === undefined || qi === undefined || d <= 1n << BigInt(bits / 2)) return undefined;
  const jwk = { kty: "RSA", n: b64url(n), e: b64url(E), d: b64url(d), p: b64url(p), q: b64url(q), dp: b64url(d % (p - 1n)), dq: b64url(d % (q - 1n)), qi: b64url(qi) };
  return createPrivateKey({ key: jwk, format: "jwk" });
}

/** A new RSA private key of `bits` bits (2048, 4096), generated on this thread. */
export function generateRsaKeySync(bits: number): KeyObject {
  for (;;) {
    const p = generatePrimeSync(bits / 2, { bigint: true });
    const q = generatePrimeSync(bits / 2, { bigint: true });
    const key = rsaKeyFromPrimes(p, q, bits);
    if (key !== undefined) return key;
  }
}
