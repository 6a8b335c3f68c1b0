// bcrypt ($2a$, as golang.org/x/crypto/bcrypt writes it): EksBlowfish with Blowfish's pi-derived tables.
import { randomBytes } from "node:crypto";

let PI_WORDS: Uint32Array | undefined;

/** The first 1042 32-bit words of pi's fractional hex digits (Blowfish's P-array and S-boxes). */
function piWords(): Uint32Array {
  if (PI_WORDS) return PI_WORDS;
  const words = 18 + 1024;
  const bitsNeeded = BigInt(words * 32 + 64);
  const one = 1n << bitsNeeded;
  // Machin: pi = 16·atan(1/5) − 4·atan(1/239), in fixed point.
  const atanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = one / x;
    const x2 = x * x;
    for (let k = 1n, sign = 1n; term !== 0n; k += 2n, sign = -sign, term /= x2) sum += (sign * term) / k;
    return sum;
  };
  const pi = 16n * atanInv(5n) - 4n * atanInv(239n);
  const frac = (pi - 3n * one) >> 64n; // drop guard bits
  const out = new Uint32Array(words);
  for (let i = 0; i < words; i++) out[i] = Number((frac >> BigInt((words - 1 - i) * 32)) & 0xffffffffn);
  PI_WORDS = out;
  return out;
}

class Blowfish {
  p: Uint32Array;
  s: Uint32Array;
  /** The block being encrypted (left, right), updated in place. */
  lr = new Uint32Array(2);
  constructor() {
    const w = piWords();
    this.p = w.slice(0, 18);
    this.s = w.slice(18);
  }
  encrypt(): void {
    const p = this.p;
    const s = this.s;
    let l = this.lr[0]! ^ p[0]!;
    let r = this.lr[1]!;
    for (let i = 1; i <= 16; i += 2) {
      r ^= (((s[l >>> 24]! + s[256 + ((l >>> 16) & 0xff)]!) ^ s[512 + ((l >>> 8) & 0xff)]!) + s[768 + (l & 0xff)]!) ^ p[i]!;
      l ^= (((s[r >>> 24]! + s[256 + ((r >>> 16) & 0xff)]!) ^ s[512 + ((r >>> 8) & 0xff)]!) + s[768 + (r & 0xff)]!) ^ p[i + 1]!;
    }
    this.lr[0] = r ^ p[17]!;
    this.lr[1] = l;
  }
  expand(key: Uint8Array, salt: Uint8Array | null): void {
    let j = 0;
    const word = (b: Uint8Array): number => {
      let w = 0;
      for (let k = 0; k < 4; k++) {
        w = (w << 8) | b[j]!;
        j = (j + 1) % b.length;
      }
      return w;
    };
    for (let i = 0; i < 18; i++) this.p[i] = this.p[i]! ^ word(key);
    j = 0;
    const lr = this.lr;
    lr[0] = 0;
    lr[1] = 0;
    const fill = (arr: Uint32Array, n: number): void => {
      for (let i = 0; i < n; i += 2) {
        if (salt) {
          lr[0] = lr[0]! ^ word(salt);
          lr[1] = lr[1]! ^ word(salt);
        }
        this.encrypt();
        arr[i] = lr[0]!;
        arr[i + 1] = lr[1]!;
      }
    };
    fill(this.p, 18);
    fill(this.s, 1024);
  }
}

const ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function b64(b: Uint8Array): string {
  const std = Buffer.from(b).toString("base64").replace(/=+$/, "");
  const from = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let out = "";
  for (const c of std) out += ALPHABET[from.indexOf(c)];
  return out;
}

/** bcrypt.GenerateFromPassword(password, cost); a string error message when the password is over 72 bytes. */
export function bcryptHash(password: string, cost = 10, salt: Uint8Array = randomBytes(16)): string | Error {
  const pw = Buffer.from(password, "utf8");
  if (pw.length > 72) return new Error("bcrypt: password length exceeds 72 bytes");
  const key = Buffer.concat([pw, Buffer.from([0])]);
  // Go encodes the salt to 22 chars and decodes it again: the same 16 bytes.
  const bf = new Blowfish();
  bf.expand(key, salt);
  for (let i = 0; i < 1 << cost; i++) {
    bf.expand(key, null);
    bf.expand(salt, null);
  }
  const data = Buffer.from("OrpheanBeholderScryDoubt", "latin1");
  const words = new Uint32Array(6);
  for (let i = 0; i < 6; i++) words[i] = data.readUInt32BE(i * 4);
  for (let i = 0; i < 6; i += 2) {
    bf.lr[0] = words[i]!;
    bf.lr[1] = words[i + 1]!;
    for (let k = 0; k < 64; k++) bf.encrypt();
    words[i] = bf.lr[0]!;
    words[i + 1] = bf.lr[1]!;
  }
  const out = Buffer.alloc(24);
  for (let i = 0; i < 6; i++) out.writeUInt32BE(words[i]!, i * 4);
  return `$2a$${String(cost).padStart(2, "0")}$${b64(salt).slice(0, 22)}${b64(out.subarray(0, 23))}`;
}
