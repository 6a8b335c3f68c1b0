import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { cacheDir } from "../../util/cache-dir.js";
import { savePlans } from "../../plan/saved.js";
import type { PlanKey } from "../../plan/seal.js";
import type { Plan } from "../../plan/types.js";
import { formatPlans, type PlansFormat } from "../../runner/format-plans.js";
import { prepareScript, runScript } from "../../runner/run-script.js";
import { bundleScript, type ScriptModule } from "../../runner/script-bundle.js";
import { typecheckScript } from "../../runner/typecheck.js";
import type { CliIO, Command } from "../command.js";
import { requirePositional, UsageError } from "../format/output.js";
import { holdYoungGeneration } from "../heap.js";
import { deferOptimizer, OPTIMIZER_DELAY_MS } from "../optimizer.js";

const HELP = `Usage: berth plan <script.ts> [options]

Runs a deploy script in plan mode: every cluster.deploy() in it computes its plan against the
stored revision and the live cluster (server-side dry run) and writes nothing. Prints every plan,
then one total. The script connects itself (connect() in the script), so its own kubeconfig,
context and storage settings apply. Secret values are never printed (changed/unchanged only).
The script is type-checked first (with the nearest tsconfig.json): a type error (e.g. a value of
the wrong type for a typed chart) fails with ScriptTypeError and nothing runs.

Options:
      --format <f>            text (default) | json | markdown (for a pull-request comment)
      --out <file>            write the plans to a file instead of stdout
      --save-plan <file>      also save the plans to apply later exactly (berth deploy --plan);
                              written with mode 0600; it holds the objects and values to apply
      --plan-key-file <file>  encrypt what --save-plan holds beyond the printable plan with this
                              key (32 raw bytes, or a passphrase); strongly recommended
      --detailed-exitcode     exit 2 when some plan has changes, 0 when none
      --no-color              no ANSI colours (they are used only when stdout is a terminal)
      --no-typecheck          do not type-check the script first (run it as tsx does, types stripped)
  -h, --help                  show this help

Exit codes: 0 success (no changes with --detailed-exitcode), 1 failure or a blocked plan,
2 changes (with --detailed-exitcode).
`;

/** The options of `berth plan` and `berth deploy` that read the plan key. */
export const PLAN_KEY_OPTION = { "plan-key-file": { type: "string" } } as const;

/** Reads `--plan-key-file`: exactly 32 bytes are a raw key, anything else a passphrase (trailing newline trimmed). */
export async function readPlanKey(values: Record<string, unknown>, io: CliIO): Promise<PlanKey | undefined> {
  const path = values["plan-key-file"];
  if (typeof path !== "string") return undefined;
  const bytes = await readFile(resolve(io.cwd, path));
  if (bytes.length === 32) return new Uint8Array(bytes);
  const passphrase = bytes.toString("utf8").replace(/\r?\n$/, "");
  if (!passphrase) throw new UsageError("plan", `the plan key file ${path} is empty`);
  return passphrase;
}

/** The `--no-typecheck` option of `berth plan` and `berth deploy`. */
export const TYPECHECK_OPTION = { "no-typecheck": { type: "boolean" } } as const;

/**
 * How long `plan` and `deploy` run the script without V8's optimizing compiler, in ms:
 * `BERTH_OPTIMIZER_DELAY_MS` (0 keeps V8's defaults), else {@link OPTIMIZER_DELAY_MS}.
 * @throws UsageError when the variable is not a number of milliseconds
 */
export function optimizerDelayMs(command: "plan" | "deploy", env: Readonly<Record<string, string | undefined>>): number {
  const raw = env["BERTH_OPTIMIZER_DELAY_MS"];
  if (raw === undefined || raw === "") return OPTIMIZER_DELAY_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) throw new UsageError(command, `BERTH_OPTIMIZER_DELAY_MS must be a whole number of milliseconds (0 or more), not "${raw}"`);
  return ms;
}

/**
 * Type-checks the script unless `--no-typecheck`; a script that passed before and is unchanged (with
 * everything it imports) is not checked again (results cached under `<berth cache>/typecheck`).
 * @throws ScriptTypeError
 */
export async function typecheckUnlessSkipped(script: string, values: Record<string, unknown>, io: CliIO): Promise<void> {
  if (values["no-typecheck"] === true) return;
  await typecheckScript(script, { signal: io.signal, cwd: io.cwd, cacheDir: join(cacheDir(io.env), "typecheck"), server: useTypecheckServer(io.env) });
}

/**
 * Whether the type check goes through the resident checker, which keeps the compiler and parsed
 * declarations (a changed script checks in a fraction of the time) and stays up 10 minutes idle:
 * `BERTH_TYPECHECK_SERVER=1` or `0` decides; otherwise yes, except in CI (`CI` set and not "false"),
 * where a job checks once and a process left behind only costs memory.
 */
export function useTypecheckServer(env: Readonly<Record<string, string | undefined>>): boolean {
  const setting = env["BERTH_TYPECHECK_SERVER"];
  if (setting === "0" || setting === "1") return setting === "1";
  const ci = env["CI"];
  return ci === undefined || ci === "" || ci.toLowerCase() === "false" || ci === "0";
}

/**
 * Loads berth's library (what a script's `import "berth"` is), and the modules its `cluster.deploy()`
 * loads on first use (in plan mode too), before the script runs: once the script's TypeScript loader
 * is registered, every module loads through the loader's thread, several times slower than now (and
 * with source maps read); and once V8's flags are changed (checkAndPrepareScript), V8 rejects the
 * code caches of the modules loaded after (src/util/commonjs-load.ts). The script then finds them loaded.
 */
async function preloadLibrary(): Promise<void> {
  await Promise.all([import("../../index.js"), import("../../actions/apply-saved.js"), import("../../actions/deploy.js")]);
}

/**
 * Whether scripts are bundled (run without a TypeScript loader, see runner/script-bundle.ts):
 * yes unless `BERTH_BUNDLE_SCRIPTS=0`, the way back to running every file through tsx.
 */
export function bundleScripts(env: Readonly<Record<string, string | undefined>>): boolean {
  return env["BERTH_BUNDLE_SCRIPTS"] !== "0";
}

/**
 * Type-checks the script (unless `--no-typecheck`) and readies this process to run it, in the
 * order that matters: berth's library loaded (before a loader, see preloadLibrary), the script
 * bundled — while it is checked — or else the TypeScript loader registered, then the young
 * generation held (starting the loader's thread sets V8's flags back) and V8's optimizing compiler
 * deferred (last: Node's own modules loaded while it is off load without their code cache; berth's
 * and the script's are loaded by then). Returns the options of runScript that go with it.
 * @throws ScriptTypeError
 */
export async function checkAndPrepareScript(command: "plan" | "deploy", script: string, values: Record<string, unknown>, io: CliIO): Promise<{ cwd: string; signal: AbortSignal; prepared: ScriptModule }> {
  const path = resolve(io.cwd, script);
  const optimizerDelay = optimizerDelayMs(command, io.env);
  const bundling = bundleScripts(io.env) ? bundleScript(path) : undefined;
  await typecheckUnlessSkipped(script, values, io);
  await preloadLibrary();
  const prepared = await prepareScript(path, bundling ?? false);
  if (optimizerDelay > 0) deferOptimizer(optimizerDelay);
  holdYoungGeneration();
  return { cwd: io.cwd, signal: io.signal, prepared };
}

/** Colour for text output: stdout is a terminal, `--no-color` is not given, `NO_COLOR` is not set. */
export function useColor(values: Record<string, unknown>, io: CliIO): boolean {
  return io.stdout.isTTY === true && values["no-color"] !== true && !io.env["NO_COLOR"];
}

/** Writes `problems` of blocked plans to stderr; returns how many plans are blocked. */
export function reportBlocked(plans: readonly Plan[], io: CliIO): number {
  const blocked = plans.filter((p) => p.problems.length > 0);
  for (const p of blocked) io.stderr.write(`berth: the plan of ${p.release.namespace}/${p.release.name} is blocked by ${p.problems.length} problem(s); see above\n`);
  return blocked.length;
}

function planFormat(values: Record<string, unknown>): PlansFormat {
  const format = values["format"] ?? "text";
  if (format === "text" || format === "json" || format === "markdown") return format;
  throw new UsageError("plan", `unknown format "${String(format)}"; use text, json or markdown`);
}

/** `berth plan <script.ts>`: run a deploy script in plan mode and print every plan. */
export const planCommand: Command = {
  name: "plan",
  summary: "Run a deploy script in plan mode: print what it would change",
  help: HELP,
  options: {
    format: { type: "string" },
    out: { type: "string" },
    "save-plan": { type: "string" },
    ...PLAN_KEY_OPTION,
    "detailed-exitcode": { type: "boolean" },
    "no-color": { type: "boolean" },
    ...TYPECHECK_OPTION,
  },
  async run({ values, positionals }, io) {
    const script = requirePositional("plan", positionals, 0, "deploy script");
    const format = planFormat(values);
    const key = await readPlanKey(values, io);
    const run = await checkAndPrepareScript("plan", script, values, io);
    const { results } = await runScript(script, { mode: "plan", ...run });
    const plans = results.map((r) => r.plan);
    if (plans.length === 0) io.stderr.write(`berth plan: the script deployed nothing\n`);
    const out = values["out"];
    const color = format === "text" && typeof out !== "string" && useColor(values, io);
    const text = formatPlans(plans, format, { color });
    if (typeof out === "string") await writeFile(resolve(io.cwd, out), text);
    else io.stdout.write(text);
    const save = values["save-plan"];
    if (typeof save === "string") {
      await savePlans(plans, resolve(io.cwd, save), key === undefined ? {} : { key });
      io.stderr.write(`berth plan: saved ${plans.length} plan(s) to ${save}${key === undefined ? " (not encrypted: pass --plan-key-file)" : " (encrypted)"}\n`);
    }
    if (reportBlocked(plans, io) > 0) return 1;
    return values["detailed-exitcode"] === true && plans.some((p) => p.changes) ? 2 : 0;
  },
};
