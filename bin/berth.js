#!/usr/bin/env node
// Runs the CLI. In a checkout (src/ present) it runs the TypeScript source through tsx, with the
// "development" export condition so deploy scripts' `import "berth"` resolves to src/ too;
// an installed package runs the compiled dist/.
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "src", "cli", "bin.ts");
if (!existsSync(source)) {
  await import(pathToFileURL(join(root, "dist", "cli", "bin.js")).href);
} else if (process.execArgv.includes("--conditions=development")) {
  await import(pathToFileURL(source).href);
} else {
  // Resolved from berth's own node_modules, so it works from any working directory.
  const tsx = import.meta.resolve("tsx");
  // loaded here only: an installed berth never spawns, and node:child_process loads four more modules
  const { spawnSync } = await import("node:child_process");
  const result = spawnSync(
    process.execPath,
    ["--conditions=development", "--import", tsx, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  process.exitCode = result.status ?? 1;
}
