/**
 * Sprig v3.3 (as Helm v3.22 vendors it) over berth's Go value model.
 *
 * @remarks
 * {@link sprigFunctions} is Sprig's `TxtFuncMap()` without `env` and `expandenv` (Helm removes
 * them). Every function carries its Go signature (see `withSignature`), so the engine checks
 * argument counts and types as Go's text/template does. Functions report errors by throwing
 * {@link SprigError}; the engine wraps them as `error calling NAME: …`.
 *
 * Known differences from Go (the value model cannot tell them apart, or JS cannot express them):
 * int and int64 are both bigint (`typeOf (add 1 2)` prints `int`, `duration 95` counts an int
 * literal as int64); Go's random map order is replaced by sorted order (`keys`, `values`);
 * regular expressions whose quantified group can match empty (`(a*?)+`, `(|a)?`) follow JS's
 * empty-iteration rule, not RE2's; strings cut inside a UTF-8 sequence (`trunc`, `substr`)
 * hold U+FFFD where Go keeps the raw bytes; `getHostByName` does no lookup ("" except localhost).
 */
import type { GoFunc } from "../value.js";
import { cryptoFunctions } from "./crypto.js";
import { dateFunctions } from "./date.js";
import { defaultFunctions } from "./defaults.js";
import { dictFunctions } from "./dicts.js";
import { listFunctions } from "./lists.js";
import { miscFunctions } from "./misc.js";
import { numericFunctions } from "./numeric.js";
import { regexFunctions } from "./regex.js";
import { semverFunctions } from "./semver-functions.js";
import { stringFunctions } from "./strings.js";

export { SprigError } from "./errors.js";
export { Certificate } from "./cert.js";
export { SemverVersion } from "./semver.js";
export { GoTime } from "./gotime.js";
export { goJson, jsonString, type GoJsonOptions } from "./json.js";
export { deepEqual, isEmpty } from "./equal.js";
export { strval } from "./conv.js";

let base: Record<string, GoFunc> | undefined;

/** Sprig's function map for text templates, minus `env`/`expandenv`. A fresh object each call. */
export function sprigFunctions(): Record<string, GoFunc> {
  base ??= {
    ...stringFunctions(),
    ...regexFunctions(),
    ...listFunctions(),
    ...dictFunctions(),
    ...defaultFunctions(),
    ...numericFunctions(),
    ...semverFunctions(),
    ...dateFunctions(),
    ...cryptoFunctions(),
    ...miscFunctions(),
  };
  return { ...base };
}
