import { AsyncLocalStorage } from "node:async_hooks";
import type { DeployResult } from "./deploy.js";

/**
 * The mode a deploy script runs in, carried by the script runner (`berth plan|deploy <script>`)
 * through async context — not by global flags the library reads from the environment.
 */
export interface RunMode {
  /** `plan`: every `deploy()` returns its plan and writes nothing. `deploy`: deploys run normally. */
  readonly kind: "plan" | "deploy";
  /** Collects each deploy's result for the runner's summary. */
  record(result: DeployResult): void;
}

const storage = new AsyncLocalStorage<RunMode>();

/** Runs `fn` (a script's import) in a mode; deploys inside it see the mode. */
export function runInMode<T>(mode: RunMode, fn: () => Promise<T>): Promise<T> {
  return storage.run(mode, fn);
}

/** The mode of the running script, if a runner started it. */
export function currentRunMode(): RunMode | undefined {
  return storage.getStore();
}
