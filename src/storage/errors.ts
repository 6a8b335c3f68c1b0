import { quoteInput } from "../util/quote.js";
import { BerthError } from "../errors.js";

/** No record of this release (or of this revision of it) exists. */
export class ReleaseNotFound extends BerthError {
  /** @param release - the release @param revision - the revision, when one was asked for */
  constructor(
    /** The release's name. */ readonly release: string,
    /** The revision that was asked for; absent when the release as a whole was not found. */ readonly revision?: number,
  ) {
    super(
      "ReleaseNotFound",
      revision === undefined
        ? `release "${release}" not found. Check the name and the namespace (\`berth list\`).`
        : `revision ${revision} of release "${release}" not found. See \`berth history ${release}\` for the revisions that exist.`,
    );
  }
}

/** A record for this revision already exists (create-if-absent lost a race, or the revision was reused). */
export class ReleaseExists extends BerthError {
  /** @param release - the release @param revision - the revision that exists */
  constructor(
    /** The release's name. */ readonly release: string,
    /** The revision whose record already exists. */ readonly revision: number,
  ) {
    super("ReleaseExists", `revision ${revision} of release "${release}" already exists; another operation created it first. Read the release again and retry.`);
  }
}

/** The record changed since it was read (optimistic concurrency: its version moved). */
export class StorageConflict extends BerthError {
  /** @param release - the release @param revision - the revision that moved */
  constructor(
    /** The release's name. */ readonly release: string,
    /** The revision whose record changed since it was read. */ readonly revision: number,
    options?: { cause?: unknown },
  ) {
    super(
      "StorageConflict",
      `revision ${revision} of release "${release}" was changed by someone else since it was read. Read it again and retry.`,
      options,
    );
  }
}

/** Another operation holds the release's lock (its latest revision is `pending-*`). */
export class ReleaseLocked extends BerthError {
  /**
   * @param release - the release
   * @param revision - the pending revision
   * @param holder - who holds the lock
   * @param since - ISO 8601, when it was taken
   * @param expiresAt - ISO 8601, when it goes stale; absent for a pending revision written without a lock (by Helm)
   */
  constructor(
    /** The release's name. */ readonly release: string,
    /** The pending revision that holds the lock. */ readonly revision: number,
    /** Who holds the lock, e.g. `alice@laptop pid 4242`. */ readonly holder: string,
    /** ISO 8601: when the lock was taken. */ readonly since: string,
    /** ISO 8601: when the lock goes stale; absent for a pending revision written without a lock (by Helm). */ readonly expiresAt?: string,
  ) {
    super(
      "ReleaseLocked",
      `release "${release}" is locked: revision ${revision} is in progress, held by ${holder} since ${since}. ` +
        (expiresAt
          ? `Wait for it to finish or for the lock to expire at ${expiresAt}; if that operation is known dead, run \`berth unlock ${release}\` (or deploy with force) to take over.`
          : `The record has no lock expiry (it was written by Helm); if no operation is running, run \`berth unlock ${release}\` (or deploy with force) to mark it failed.`),
    );
  }
}

/**
 * An operation lost its release lock while it ran: another holder took the lock over (force, or
 * `berth unlock`), the record was deleted, or renewals failed until the lock expired. The operation
 * stopped before its next write; whoever holds the lock now owns the release.
 */
export class LeaseLost extends BerthError {
  /** @param release - the release @param revision - the revision whose lock was lost @param why - what happened */
  constructor(
    /** The release's name. */ readonly release: string,
    /** The pending revision whose lock was lost. */ readonly revision: number,
    /** What happened: `taken-over` (the record changed under us), `deleted`, or `expired` (renewals failed). */ readonly why: "taken-over" | "deleted" | "expired",
    options?: { cause?: unknown },
  ) {
    const what = why === "taken-over" ? "another operation took the lock over" : why === "deleted" ? "its record was deleted" : "renewing the lock failed until it expired";
    super(
      "LeaseLost",
      `the lock of release "${release}" (revision ${revision}) was lost: ${what}. The operation stopped before its next write. ` +
        `Run \`berth history ${release}\` to see who holds the release now, then deploy again.`,
      options,
    );
  }
}

/** A stored record cannot be read back (bad encoding, missing parts, wrong checksum). */
export class StorageCorrupt extends BerthError {
  /** @param object - the storage object, e.g. `Secret ns/sh.helm.release.v1.web.v3` @param problem - what is wrong (never the content) */
  constructor(
    /** The storage object that cannot be read, e.g. `Secret ns/sh.helm.release.v1.web.v3`. */ readonly object: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super("StorageCorrupt", `release record ${object} cannot be read: ${problem}. Delete or repair that object; other revisions are unaffected.`, options);
  }
}

/** A release name that Kubernetes objects and Helm cannot carry. */
export class InvalidReleaseName extends BerthError {
  /** @param releaseName - the rejected name @param problem - why */
  constructor(
    /** The rejected release name. */ readonly releaseName: string,
    problem: string,
  ) {
    super(
      "InvalidReleaseName",
      `invalid release name ${quoteInput(releaseName)}: ${problem}. Use at most 53 lowercase letters, digits and '-', starting and ending with a letter or digit.`,
    );
  }
}

/** A driver was given a storage key that is not the revision's own key. */
export class StorageKeyMismatch extends BerthError {
  /** @param key - the key given @param expected - the revision's key */
  constructor(key: string, expected: string) {
    super("StorageKeyMismatch", `storage key "${key}" does not name this revision; use releaseKey(name, revision), which gives "${expected}".`);
  }
}

/** A namespace that is not a DNS-1123 label (empty, too long, or with invalid characters). */
export class InvalidNamespace extends BerthError {
  /** @param namespace - the namespace given */
  constructor(namespace: string) {
    super("InvalidNamespace", `namespace ${quoteInput(namespace)} is invalid: use lowercase letters, digits and '-', 1 to 63 characters`);
  }
}
