import { AsyncLocalStorage } from "node:async_hooks";
import type { DeployResult } from "./deploy.js";
import type { DeployEvent } from "./events.js";

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

/** Calls both listeners (the script's first); `undefined` when there are none. */
export function chainEvents(
  first: ((event: DeployEvent) => void) | undefined,
  second: ((event: DeployEvent) => void) | undefined,
): ((event: DeployEvent) => void) | undefined {
  if (!first || !second) return first ?? second;
  return (event) => {
    first(event);
    second(event);
  };
}
