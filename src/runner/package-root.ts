// berth's own package folder, found from this module's location: `src/runner/` in a checkout,
// `dist/runner/` compiled, or wherever a bundler put this code inside the package.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: { dir: string; version: string } | undefined | null = null;

/** The folder of berth's package.json and its version; `undefined` in an unusual layout (none found). */
export function berthPackage(): { dir: string; version: string } | undefined {
  if (root !== null) return root;
  root = undefined;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
        if (pkg.name === "berth" && typeof pkg.version === "string") return (root = { dir, version: pkg.version });
      } catch {
        // not a readable package.json: keep looking
      }
    }
    if (dirname(dir) === dir) return root;
  }
}
