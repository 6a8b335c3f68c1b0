// Sprig's semver functions over Masterminds/semver (semver.ts: versions, semver-constraints.ts: constraints).
import type { GoFunc } from "../value.js";
import { sig, str } from "./conv.js";
import { checkConstraints, newConstraint } from "./semver-constraints.js";
import { newVersion } from "./semver.js";

/** Sprig's `semver` and `semverCompare`. */
export function semverFunctions(): Record<string, GoFunc> {
  return {
    semver: sig(["string"], (v) => newVersion(str(v))),
    semverCompare: sig(["string", "string"], (c, v) => {
      const cs = newConstraint(str(c));
      return checkConstraints(cs, newVersion(str(v)));
    }),
  };
}
