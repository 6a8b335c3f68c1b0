import { ownerOf } from "../model/ownership.js";
import type { KubeObject } from "../model/object.js";
import { ownershipMessage } from "./errors.js";
import type { ObjectRef } from "../model/ref.js";
import type { PlanProblem } from "./types.js";

/**
 * A rule that decides, for the objects it matches, whether a live object owned by no or another
 * release is adopted or a conflict. The first matching rule wins; unmatched objects follow the
 * `adopt` option. Unset match fields match anything.
 */
export interface OwnershipRule {
  /** Matches objects of this kind. */
  readonly kind?: string;
  /** Matches objects in this namespace. */
  readonly namespace?: string;
  /** Matches the object of this name. */
  readonly name?: string;
  /** `adopt`: take the object over; `conflict`: a blocking problem. */
  readonly policy: "adopt" | "conflict";
}

/** The outcome of the ownership check of one live object. */
export type OwnershipVerdict = { readonly ok: true; readonly adopted: boolean } | { readonly ok: false; readonly problem: PlanProblem };

/**
 * Checks a live object's `meta.helm.sh/release-name`/`-namespace` annotations against the release.
 *
 * @param live - the live object
 * @param id - its printable id
 * @param release - the release planning it
 * @param adopt - whether to adopt when no rule matches
 * @param rules - per-object rules
 */
export function checkOwnership(
  live: KubeObject,
  ref: ObjectRef,
  id: string,
  release: { name: string; namespace: string },
  adopt: boolean,
  rules: readonly OwnershipRule[],
): OwnershipVerdict {
  const owner = ownerOf(live);
  if (owner && owner.name === release.name && owner.namespace === release.namespace) return { ok: true, adopted: false };
  const rule = rules.find((r) => (r.kind ?? ref.kind) === ref.kind && (r.namespace ?? ref.namespace) === ref.namespace && (r.name ?? ref.name) === ref.name);
  if ((rule?.policy ?? (adopt ? "adopt" : "conflict")) === "adopt") return { ok: true, adopted: true };
  const current = owner ? { release: owner.name, namespace: owner.namespace } : undefined;
  return {
    ok: false,
    problem: {
      code: "OwnershipConflict",
      message: ownershipMessage(id, `${release.namespace}/${release.name}`, current),
      object: id,
      ...(current ? { owner: current } : {}),
    },
  };
}
