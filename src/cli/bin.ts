// The process entry point of the `berth` command: the only place that touches process.
import { join } from "node:path";
import { cacheDir } from "../util/cache-dir.js";
import { codeCachesPending, enableCodeCaches, saveCodeCaches } from "../util/code-cache.js";
import { runCli } from "./main.js";

const controller = new AbortController();
// Whatever escapes (a rejection from a stray callback), the user sees one line, never a stack trace.
const fatal = (e: unknown) => {
  process.stderr.write(`Error [Unexpected]: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}\n`);
  process.exit(1);
};
process.on("uncaughtException", fatal);
process.on("unhandledRejection", fatal);
process.once("SIGINT", () => controller.abort(new Error("interrupted (SIGINT)")));
process.once("SIGTERM", () => controller.abort(new Error("terminated (SIGTERM)")));
// berth's modules (in the published build) and the bundled `yaml` compile with V8 code caches from
// here on: the commands' modules, loaded when run; this module's few small imports compile without
// (reading and checking caches would cost `berth --version` more than they save)
enableCodeCaches(join(cacheDir(process.env), "v8"));
// no top-level await: the published build makes this module a CommonJS file (scripts/to-commonjs.ts)
void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
  stdin: process.stdin,
}).then(async (exitCode) => {
  process.exitCode = exitCode;
  if (codeCachesPending()) {
    // written under V8's default flags, which the next command's load checks them against
    (await import("./v8-flags.js")).restoreV8Flags();
    saveCodeCaches();
  }
}, fatal);
