// The nearest file of a name above a folder, for the type check's tsconfig.json and package.json
// lookups: a module of its own, so that a cached check does not load the compiler's modules.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The nearest `name` (a relative path) from `dir` up to the root; `undefined` when there is none. */
export function findUp(dir: string, name: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const candidate = join(current, name);
    if (existsSync(candidate)) return candidate;
    if (dirname(current) === current) return undefined;
  }
}
