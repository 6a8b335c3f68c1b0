import { BerthError } from "../errors.js";

/** What an atomic operation's automatic rollback did after a failure. */
export interface RecoveryOutcome {
  /** `rolled-back` to the last deployed revision, `uninstalled` after a failed first install, or `failed`. */
  readonly status: "rolled-back" | "uninstalled" | "failed";
  /** The revision written by the rollback, when one was. */
  readonly revision?: number;
  /** Why the rollback itself failed. */
  readonly error?: unknown;
}

/**
 * A deploy, rollback or uninstall failed after it began writing. The release's revision is marked
 * `failed` with the reason; `cause` is the original error (HookFailed, ReadinessTimeout, KubeApiError…).
 */
export class OperationFailed extends BerthError {
  /** The revision marked failed. */
  readonly revision: number;
  /** Present for atomic operations: what the automatic recovery did. */
  readonly recovery: RecoveryOutcome | undefined;

  /** @param what - e.g. `upgrade of web` @param revision - the failed revision @param cause - the original error */
  constructor(what: string, revision: number, cause: unknown, recovery?: RecoveryOutcome) {
    const reason = (cause as Error)?.message ?? String(cause);
    const after =
      recovery === undefined
        ? ""
        : recovery.status === "rolled-back"
          ? `; rolled back to the last deployed revision as revision ${recovery.revision}`
          : recovery.status === "uninstalled"
            ? "; the failed install was uninstalled"
            : `; the automatic rollback failed too: ${(recovery.error as Error)?.message ?? String(recovery.error)}`;
    super("OperationFailed", `${what} failed (revision ${revision}): ${reason}${after}`, { cause });
    this.revision = revision;
    this.recovery = recovery;
  }
}

/** `approve(plan)` declined the plan; nothing was written. */
export class PlanNotApproved extends BerthError {
  /** @param release - the release */
  constructor(release: string) {
    super("PlanNotApproved", `the plan for ${release} was not approved; nothing was changed`);
  }
}

/** A namespace that is not a DNS-1123 label (empty, too long, or with invalid characters). */
export class InvalidNamespace extends BerthError {
  /** @param namespace - the namespace given */
  constructor(namespace: string) {
    super("InvalidNamespace", `namespace ${JSON.stringify(namespace)} is invalid: use lowercase letters, digits and '-', 1 to 63 characters`);
  }
}
