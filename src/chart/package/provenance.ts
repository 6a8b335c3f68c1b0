import { parse } from "yaml";
import { sha256Digest } from "./digest.js";
import { ChartProvenanceInvalid, type ChartSourceContext } from "./errors.js";
import { readClearSigned, readKeyring, verifyClearSigned } from "./openpgp.js";

/** Who signed a verified chart package. */
export interface ProvenanceSigner {
  /** The signing key's ID (16 hex digits). */
  readonly keyId: string;
  /** The key's user IDs, e.g. `Jane Doe <jane@example.com>`. */
  readonly userIds: readonly string[];
}

/**
 * Verifies a package against its Helm provenance file (`<name>-<version>.tgz.prov`): the
 * clear-signed text must be signed by a key of the keyring (`gpg --export`, binary or armored;
 * RSA keys), and list the package's file name with its sha256, as `helm verify` checks.
 *
 * @throws {@link ChartProvenanceInvalid} saying what failed
 */
export function verifyProvenance(prov: string, pkg: Uint8Array, fileName: string, keyring: Uint8Array | string, ctx: ChartSourceContext): ProvenanceSigner {
  let signer;
  let text;
  try {
    const message = readClearSigned(prov);
    text = message.text;
    signer = verifyClearSigned(message, readKeyring(keyring));
  } catch (e) {
    throw new ChartProvenanceInvalid(ctx, `provenance check failed: ${(e as Error).message}`);
  }
  const parts = text.split(/^\.\.\.$/m);
  const sums = parts.length > 1 ? (parse(parts[parts.length - 1]!) as { files?: Record<string, string> } | null) : null;
  const listed = sums?.files?.[fileName];
  if (!listed) throw new ChartProvenanceInvalid(ctx, `the provenance file does not list ${fileName}`);
  const actual = sha256Digest(pkg);
  if (listed !== actual) throw new ChartProvenanceInvalid(ctx, `the provenance file vouches for ${listed} but the package is ${actual}`);
  return { keyId: signer.keyId, userIds: signer.userIds };
}
