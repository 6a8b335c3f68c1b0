import { BerthError } from "../errors.js";
import { validateReleaseName } from "../storage/name.js";

/** An action was called with arguments of the wrong shape (from JavaScript, where types are not checked). */
export class InvalidArguments extends BerthError {
  /** @param what - which argument and what is wrong with it */
  constructor(what: string) {
    super("InvalidArguments", `${what}; see the TSDoc of the action for its arguments`);
  }
}

/**
 * Checks what JavaScript callers can get wrong before anything reads them: a chart (from
 * `loadChart`/`defineChart`), an args object, a string release name, and optional fields of the
 * right shape. @throws InvalidArguments, InvalidReleaseName
 */
export function checkCallArgs(chart: unknown, args: unknown): void {
  const metadata = (chart as { metadata?: unknown } | null | undefined)?.metadata;
  if (typeof chart !== "object" || chart === null || typeof metadata !== "object" || metadata === null) {
    throw new InvalidArguments("the chart argument is not a chart: pass the result of loadChart() or defineChart()");
  }
  if (typeof args !== "object" || args === null || Array.isArray(args)) throw new InvalidArguments(`args must be an object such as { release: "web" }, not ${args === null ? "null" : typeof args}`);
  const a = args as Record<string, unknown>;
  validateReleaseName(a["release"] as string);
  if (a["namespace"] !== undefined && typeof a["namespace"] !== "string") throw new InvalidArguments(`args.namespace must be a string, not ${typeof a["namespace"]}`);
  for (const list of ["valueFiles", "set"] as const) {
    const value = a[list];
    if (value !== undefined && (!Array.isArray(value) || value.some((item) => typeof item !== "string"))) throw new InvalidArguments(`args.${list} must be a list of strings`);
  }
  const values = a["values"];
  if (values !== undefined && (typeof values !== "object" || values === null)) throw new InvalidArguments(`args.values must be an object (or a list of objects), not ${values === null ? "null" : typeof values}`);
}
