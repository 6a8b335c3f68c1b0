import { isDns1123Label } from "../util/dns.js";
import { InvalidReleaseName, StorageKeyMismatch } from "./errors.js";
import type { Release } from "./release.js";

/** Helm's limit: the name must leave room in object names derived from it. */
export const MAX_RELEASE_NAME_LENGTH = 53;

/**
 * Checks that a release name is a DNS-1123 label of at most 53 characters.
 * @throws InvalidReleaseName
 */
export function validateReleaseName(name: string): void {
  if (typeof name !== "string") throw new InvalidReleaseName(String(name), `it is ${name === undefined ? "missing" : `a ${typeof name}`}; pass the release name as a string, e.g. { release: "web" }`);
  if (name.length === 0) throw new InvalidReleaseName(name, "it is empty");
  if (name.length > MAX_RELEASE_NAME_LENGTH) throw new InvalidReleaseName(name, `it has ${name.length} characters, more than ${MAX_RELEASE_NAME_LENGTH}`);
  if (!isDns1123Label(name)) throw new InvalidReleaseName(name, "it is not a DNS-1123 label");
}

/** The storage key (object name) of one revision, Helm's: `sh.helm.release.v1.<name>.v<revision>`. */
export function releaseKey(name: string, revision: number): string {
  return `sh.helm.release.v1.${name}.v${revision}`;
}

/** Throws unless `key` is the release's own storage key. */
export function checkKey(key: string, release: Pick<Release, "name" | "revision">): void {
  const expected = releaseKey(release.name, release.revision);
  if (key !== expected) throw new StorageKeyMismatch(key, expected);
}
