import { AsyncLocalStorage } from "node:async_hooks";
import type { DeployResult } from "./types.js";
import type { Plan } from "../plan/types.js";
import type { DeployEvent } from "../apply/events.js";

/**
 * The mode a deploy script runs in, carried by the script runner (`berth plan|deploy <script>`)
 * through async context — not by global flags the library reads from the environment.
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

// One store per process, shared through a global symbol: a script's `import "berth"` may load a
// second copy of this module (another path or loader namespace), and its deploys must still see the mode.
const KEY = Symbol.for("berth.run-mode");
const holder = globalThis as { [KEY]?: AsyncLocalStorage<RunMode> };
const storage = (holder[KEY] ??= new AsyncLocalStorage<RunMode>());

/** Runs `fn` (a script's import) in a mode; deploys inside it see the mode. */
export function runInMode<T>(mode: RunMode, fn: () => Promise<T>): Promise<T> {
  return storage.run(mode, fn);
}

/** The mode of the running script, if a runner started it. */
export function currentRunMode(): RunMode | undefined {
  return storage.getStore();
}

/** Why writes are refused now: inside a `berth plan` script run; otherwise `undefined`. */
export function planModeRefusal(): string | undefined {
  return currentRunMode()?.kind === "plan" ? "plan mode (`berth plan`)" : undefined;
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
