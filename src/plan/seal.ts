import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";

/** A key: 32 raw bytes, or a passphrase (stretched with scrypt and a per-file salt). */
export type PlanKey = Uint8Array | string;

/** An AES-256-GCM sealed text, every part base64. */
export interface SealedText {
  readonly algorithm: "aes-256-gcm";
  /** Set when the key was a passphrase. */
  readonly salt?: string;
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

function keyBytes(key: PlanKey, salt: Buffer | undefined): Buffer {
  if (typeof key === "string") return scryptSync(key, salt ?? Buffer.alloc(0), 32);
  if (key.length !== 32) throw new RangeError("a plan key must be 32 bytes (or a passphrase string)");
  return Buffer.from(key);
}

/** Encrypts `text` with AES-256-GCM; `aad` is authenticated too (the plan's printable part). */
export function seal(text: string, key: PlanKey, aad: string): SealedText {
  const salt = typeof key === "string" ? randomBytes(16) : undefined;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyBytes(key, salt), iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const data = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return {
    algorithm: "aes-256-gcm",
    ...(salt ? { salt: salt.toString("base64") } : {}),
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    data: data.toString("base64"),
  };
}

/** Decrypts a {@link seal}ed text; throws when the key, the `aad` or the data do not match. */
export function unseal(sealed: SealedText, key: PlanKey, aad: string): string {
  const salt = sealed.salt === undefined ? undefined : Buffer.from(sealed.salt, "base64");
  const decipher = createDecipheriv("aes-256-gcm", keyBytes(key, salt), Buffer.from(sealed.iv, "base64"));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, "base64")), decipher.final()]).toString("utf8");
}
