import { HookFailed } from "../hooks/errors.js";
import type { HookRun } from "../hooks/events.js";
import { runHooks } from "../hooks/run-hooks.js";
import { ReleaseNotFound } from "../storage/errors.js";
import type { Configuration } from "./configuration.js";
import type { DeployEvent } from "../apply/events.js";
import { recordHookRuns } from "../hooks/record.js";
import { durationMs } from "../wait/duration.js";

/** How `test` runs. */
export interface TestOptions {
  /** The release's namespace. @defaultValue the configuration's namespace */
  readonly namespace?: string;
  /** How long each test may run. @defaultValue "5m" */
  readonly timeout?: number | string;
  /** Receives each test hook's events (`hook-started`/`hook-finished`, and the `k8s-event`/`object-waiting` events of its Job or Pod) as they happen. */
  readonly onEvent?: (event: DeployEvent) => void;
  /** Cancels the run: the running test stops and `test` rejects. */
  readonly signal?: AbortSignal;
}

/** What `test` found. */
export interface TestResult {
  /** The release's name. */
  readonly release: string;
  /** The deployed revision that was tested. */
  readonly revision: number;
  /** True when every test hook succeeded. */
  readonly passed: boolean;
  /** One record per test hook that ran, in run order; a failure ends the run. */
  readonly runs: readonly HookRun[];
  /** Why the failing test failed. */
  readonly failure?: string;
}

/**
 * Runs the release's `test` hooks (Helm's `helm.sh/hook: test`) against its deployed revision.
 * Failing tests are reported in the result, not thrown. Each test's run is written back into the
 * deployed revision's record as its hook's `lastRun` (as Helm does); when another writer changes
 * the record meanwhile, the write is retried once, then given up.
 * @throws ReleaseNotFound when the release has no deployed revision
 */
export async function test(config: Configuration, name: string, options: TestOptions = {}): Promise<TestResult> {
  const namespace = options.namespace ?? config.namespace;
  const store = config.storeFor(namespace);
  const deployed = await store.lastDeployed(name, options.signal ? { signal: options.signal } : {});
  if (!deployed) throw new ReleaseNotFound(name);
  const { release } = deployed;
  let result: TestResult;
  try {
    const runs = await runHooks("test", release.hooks, config.kube, {
      namespace,
      timeoutMs: durationMs(options.timeout, 300_000),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    result = { release: name, revision: release.revision, passed: true, runs };
  } catch (error) {
    if (!(error instanceof HookFailed)) throw error;
    result = { release: name, revision: release.revision, passed: false, runs: error.runs, failure: error.message };
  }
  // Like `helm test`, the revision records each test's last run (shown by `get` and `status`).
  await recordHookRuns(store, deployed, result.runs, options.signal);
  return result;
}
