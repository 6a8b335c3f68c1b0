import { BerthError } from "../errors.js";
import type { PlanProblem } from "./types.js";

/** The plan has blocking problems (ownership conflicts, immutable fields, a lock…); nothing was written. */
export class PlanBlocked extends BerthError {
  /** Every blocking problem. */
  readonly problems: readonly PlanProblem[];

  /** @param problems - the plan's blocking problems */
  constructor(problems: readonly PlanProblem[]) {
    super(
      "PlanBlocked",
      `the plan has ${problems.length} blocking problem${problems.length === 1 ? "" : "s"}; nothing was changed:\n` +
        problems.map((p) => `  - ${p.code}: ${p.message}`).join("\n"),
    );
    this.problems = problems;
  }
}

/** One thing that moved since a plan was computed. */
export interface StaleItem {
  /** The object id, or `release` for the release revision. */
  readonly what: string;
  /** The resourceVersion (or revision) the plan saw; `null` = absent. */
  readonly planned: string | null;
  /** What is there now; `null` = absent. */
  readonly current: string | null;
}

/** The cluster or the release moved since the plan was computed; compute a new plan and review it. */
export class PlanStale extends BerthError {
  /** What moved. */
  readonly moved: readonly StaleItem[];

  /** @param moved - the objects (or the release) that changed since planning */
  constructor(moved: readonly StaleItem[]) {
    const lines = moved.slice(0, 20).map((m) => `  - ${m.what}: planned ${m.planned ?? "absent"}, now ${m.current ?? "absent"}`);
    if (moved.length > 20) lines.push(`  … and ${moved.length - 20} more`);
    super("PlanStale", `the plan is stale: ${moved.length} thing(s) changed since it was computed; plan again and review:\n${lines.join("\n")}`);
    this.moved = moved;
  }
}

/** A saved plan's payload is encrypted and no key was given. */
export class PlanKeyRequired extends BerthError {
  /** @param path - the plan file */
  constructor(path: string) {
    super("PlanKeyRequired", `the plan ${path} is encrypted: pass the key it was saved with ({ key })`);
  }
}

/** A saved plan's payload could not be decrypted: wrong key, or the file was altered. */
export class PlanDecryptFailed extends BerthError {
  /** @param path - the plan file @param cause - the crypto error */
  constructor(path: string, cause?: unknown) {
    super("PlanDecryptFailed", `cannot decrypt the plan ${path}: the key is wrong or the file was modified; save the plan again`, { cause });
  }
}

/** A saved plan file is not a berth plan or has an unsupported version. */
export class PlanFileInvalid extends BerthError {
  /** @param path - the plan file @param why - what is wrong */
  constructor(path: string, why: string) {
    super("PlanFileInvalid", `${path} is not a usable berth plan: ${why}`);
  }
}

/** A live object belongs to no release or another release; pass `adopt: true` to take it over. */
export class OwnershipConflict extends BerthError {
  /** The object id, e.g. `v1 ConfigMap prod/settings`. */
  readonly object: string;
  /** The release that owns it now; `undefined` when none. */
  readonly owner: { readonly release: string; readonly namespace: string } | undefined;

  /**
   * @param object - the object id
   * @param release - the release that wants the object, as `namespace/name`
   * @param owner - its current owner, if any
   */
  constructor(object: string, release: string, owner?: { release: string; namespace: string }) {
    super("OwnershipConflict", ownershipMessage(object, release, owner));
    this.object = object;
    this.owner = owner;
  }
}

/** The message of an ownership conflict, shared by the error and the plan problem. */
export function ownershipMessage(object: string, release: string, owner?: { release: string; namespace: string }): string {
  const who = owner ? `release ${owner.namespace}/${owner.release}` : "no release (created outside berth/Helm)";
  return `${object} exists and belongs to ${who}, not to release ${release}; remove it, or deploy with adopt: true to take it over`;
}

/**
 * A saved plan cannot be applied as it is: it carries no release draft (`plan.payload.release`),
 * so the revision it would write is unknown, or its payload does not match its printable part.
 * Plan with `cluster.plan()` or `berth plan --save-plan`.
 */
export class SavedPlanIncomplete extends BerthError {
  /**
   * @param release - `namespace/name` of the plan
   * @param why - what is missing; @defaultValue the release draft
   */
  constructor(release: string, why?: string) {
    super(
      "SavedPlanIncomplete",
      `the plan of ${release} ${why ?? "carries no release draft (chart, values, notes, hooks)"}, so it cannot be applied on its own; ` +
        "save plans made by cluster.plan() or `berth plan --save-plan`",
    );
  }
}
