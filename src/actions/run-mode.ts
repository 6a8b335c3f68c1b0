import type { DeployResult } from "./types.js";
import type { Plan } from "../plan/types.js";
import type { DeployEvent } from "../apply/events.js";

/**
 * The mode a deploy script runs in, set by the script runner (`berth plan|deploy <script>`) for the
 * connections the script makes — not by global flags the library reads from the environment.
 */
export interface RunMode {
  /** `plan`: every `deploy()` returns its plan and writes nothing. `deploy`: deploys run normally. */
  readonly kind: "plan" | "deploy";
  /** Collects each deploy's result for the runner's summary. */
  record(result: DeployResult): void;
  /** Receives every deploy's events too, after the script's own `onEvent` (the runner's progress display). */
  readonly onEvent?: (event: DeployEvent) => void;
  /** Aborts every deploy of the script too (combined with the deploy's own `signal`). */
  readonly signal?: AbortSignal;
  /** Asked with each deploy's plan (after the deploy's own `approve`); `false` stops it with `PlanNotApproved`. */
  readonly approve?: (plan: Plan) => boolean | Promise<boolean>;
}

// Not AsyncLocalStorage: on Node 20 it makes every promise and callback of the process pay an async
// hook, ~0.05 s of CPU in a 100-object install (bench/RESULTS.md, runs 16–19). Instead a connection
// made once a script run began follows the runner's mode (see connectionRunMode). The slot is shared
// through a global symbol: a script's `import "berth"` may load a second copy of this module.
interface RunSlot {
  /** The mode of the run under way, else of the last run: work the script left running keeps it. */
  mode: RunMode | undefined;
  /** Settles when the run under way (if any) has. */
  idle: Promise<void>;
}
// src/cli/main.ts looks for this key before loading this module
const KEY = Symbol.for("berth.run-mode");
const holder = globalThis as { [KEY]?: RunSlot };
const slot = (holder[KEY] ??= { mode: undefined, idle: Promise.resolve() });

/**
 * Runs `fn` (a script's import) in a mode: every connection made from now on follows it (and the
 * next run's, once that starts). Runs in one process take turns: a second waits for the first.
 */
export function runInMode<T>(mode: RunMode, fn: () => Promise<T>): Promise<T> {
  const run = slot.idle.then(() => {
    slot.mode = mode;
    return fn();
  });
  slot.idle = run.then(() => undefined, () => undefined);
  return run;
}

/**
 * Ends the last run's mode for connections made from now on, unless a run is under way (the CLI, at
 * the start of each command: an in-process command after a script run is outside it).
 */
export async function leaveRunMode(): Promise<void> {
  await slot.idle;
  slot.mode = undefined;
}

/**
 * What a connection made now follows: outside any script run, no mode (`undefined`); once a run
 * began, the mode of the run under way or last run, read at each call — so a cluster a package made
 * in a plan run deploys in the deploy run that follows, and the script's leftover work after its
 * plan run still writes nothing.
 */
export function connectionRunMode(): (() => RunMode | undefined) | undefined {
  return slot.mode === undefined ? undefined : () => slot.mode;
}

/** Why writes are refused now under `mode`: plan mode (`berth plan`); otherwise `undefined`. */
export function planModeRefusal(mode: RunMode | undefined): string | undefined {
  return mode?.kind === "plan" ? "plan mode (`berth plan`)" : undefined;
}

/** The options of a deploy inside a run mode. */
interface ModedOptions {
  readonly onEvent?: (event: DeployEvent) => void;
  readonly signal?: AbortSignal;
  readonly approve?: (plan: Plan) => boolean | Promise<boolean>;
}

/**
 * A deploy's `onEvent`, `signal` and `approve` combined with the run mode's: the script's listener
 * first, either signal aborts, both must approve.
 */
export function withRunMode<O extends ModedOptions>(options: O, mode: RunMode): O {
  const own = options.onEvent;
  const runner = mode.onEvent;
  const onEvent = own && runner ? (event: DeployEvent) => (own(event), runner(event)) : (own ?? runner);
  const signals = [options.signal, mode.signal].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  const ownApprove = options.approve;
  const modeApprove = mode.approve;
  const approve = ownApprove && modeApprove ? async (plan: Plan) => (await ownApprove(plan)) && (await modeApprove(plan)) : (ownApprove ?? modeApprove);
  return { ...options, ...(onEvent ? { onEvent } : {}), ...(signal ? { signal } : {}), ...(approve ? { approve } : {}) };
}
