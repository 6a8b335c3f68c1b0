// A deploy or plan of a few hundred objects ends before V8's optimizing compiler (TurboFan) pays back
// what its background compiles cost: an install of 500 objects through the CLI spent ~20%
// less CPU without it (1.55 → 1.26 s, bench/RESULTS.md runs 29–32), and on a machine shared with the API server that CPU
// is the install's time. Code runs in V8's baseline tiers meanwhile; a run that lasts gets the
// optimizing compiler back after a delay, for its hot code then.
// Only after the run's modules are loaded: V8 checks a code cache against its flags, so while the
// flag is off Node's built-in modules load without their embedded cache (http2, tls, zlib, crypto:
// ~10 → ~25 ms), which made short commands (`history` of 200 revisions) ~20 ms slower.
import { changeV8Flag, restoreV8Flag } from "./v8-flags.js";

/** How long `deploy` and `plan` run without V8's optimizing compiler by default, in ms. */
export const OPTIMIZER_DELAY_MS = 2000;

/**
 * Turns V8's optimizing compiler off (`--no-opt`, process-wide, read each time V8 would tier a function up)
 * and back on after `delayMs`, by a timer that does not keep the process alive. For the CLI's long
 * commands (`deploy`, `plan`), once their modules are loaded; a library user's process keeps V8's defaults.
 */
export function deferOptimizer(delayMs: number): void {
  changeV8Flag("--no-opt", "--opt");
  setTimeout(() => restoreV8Flag("--opt"), delayMs).unref();
}
