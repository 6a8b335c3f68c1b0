import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { DeployResult } from "../actions/types.js";
import type { DeployEvent } from "../apply/events.js";
import { runInMode } from "../actions/run-mode.js";
import type { Plan } from "../plan/types.js";
import { ScriptFailed, ScriptNotFound } from "./errors.js";
import { locateInScript } from "./location.js";
import { bundleScript, unbundled, type ScriptModule } from "./script-bundle.js";
import { importDynamic } from "../util/import-dynamic.js";

/** Options of {@link runScript}. */
export interface RunScriptOptions {
  /**
   * `plan`: every `cluster.deploy()` of the script returns its plan (status `planned`) and writes
   * nothing. `deploy`: deploys run normally.
   */
  readonly mode: "plan" | "deploy";
  /** Receives every deploy's events too (after the script's own `onEvent`). */
  readonly onEvent?: (event: DeployEvent) => void;
  /** Aborts the script's deploys (combined with each deploy's own signal) and the wait for the script. */
  readonly signal?: AbortSignal;
  /**
   * Deploy mode: asked with each deploy's plan before it writes; `false` stops that deploy with
   * `PlanNotApproved` (the script fails). E.g. to apply only the plans a user confirmed.
   */
  readonly approve?: (plan: Plan) => boolean | Promise<boolean>;
  /** Resolves a relative `path`. @defaultValue process.cwd() */
  readonly cwd?: string;
  /**
   * Import the script as a bundle of its own modules when it can be (see {@link prepareScript}).
   * @defaultValue true
   */
  readonly bundle?: boolean;
  /** The script as {@link prepareScript} readied it (e.g. while the script was type-checked); else readied here. */
  readonly prepared?: ScriptModule;
}

/** What a script did. */
export interface RunScriptResult {
  /** The script, absolute. */
  readonly script: string;
  /** Every `cluster.deploy()` of the script, in the order they finished. */
  readonly results: readonly DeployResult[];
}

let runs = 0;

/**
 * Runs a TypeScript (or JavaScript) deploy script in this process, in a mode that every connection
 * the script makes follows (see `runInMode`: also the connections of work it leaves running; runs in
 * one process take turns), and collects each deploy's result. The script connects itself
 * (`connect()`), so its own connection settings apply. Each run evaluates the script afresh,
 * with its own modules when it is bundled (see {@link prepareScript}); packages it imports are loaded
 * once per process. Type errors are not checked (`typecheckScript` does);
 * syntax errors and anything the script throws become `ScriptFailed`, located in the script.
 *
 * @throws ScriptNotFound, ScriptFailed (`cause` is the script's error)
 */
export async function runScript(path: string, options: RunScriptOptions): Promise<RunScriptResult> {
  const script = resolve(options.cwd ?? process.cwd(), path);
  if (!existsSync(script)) throw new ScriptNotFound(script);
  const results: DeployResult[] = [];
  const mode = {
    kind: options.mode,
    record: (result: DeployResult) => void results.push(result),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.approve ? { approve: options.approve } : {}),
  };
  const module = options.prepared ?? (await prepareScript(script, options.bundle));
  // A fresh query string makes Node evaluate the script again on every run.
  const url = `${module.url}?berth-run=${++runs}`;
  try {
    await runInMode(mode, () => abortable(importDynamic(url), options.signal));
  } catch (error) {
    throw new ScriptFailed(script, error, locateInScript(error, script), results);
  }
  return { script, results };
}

/**
 * Readies `script` (absolute) to be imported: its bundle (script-bundle.ts: the script and its own
 * modules in one ES module, cached), imported with no TypeScript loader; or, when it cannot be bundled
 * or `bundle` is false, the script itself with tsx's loader registered. Source maps are on either way,
 * so stack traces name the script's lines. `bundle` may be a bundleScript() already under way.
 */
export async function prepareScript(script: string, bundle: boolean | Promise<ScriptModule> = true): Promise<ScriptModule> {
  const module = typeof bundle !== "boolean" ? await bundle : bundle ? await bundleScript(script) : unbundled(script, "bundling is off", false);
  if (module.bundled) process.setSourceMapsEnabled(true);
  else await ensureTypeScriptLoader();
  return module;
}

let loader: Promise<void> | undefined;

/**
 * Registers tsx's loader once, before the first script is imported. From a checkout this module is
 * itself TypeScript, so a loader is already active; a compiled, installed berth has none. It must
 * come before the first import: Node caches a failed import (`ERR_UNKNOWN_FILE_EXTENSION`) by URL.
 */
function ensureTypeScriptLoader(): Promise<void> {
  if (import.meta.url.endsWith(".ts")) return Promise.resolve();
  loader ??= importDynamic<typeof import("tsx/esm/api")>("tsx/esm/api").then(({ register }) => void register());
  return loader;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
