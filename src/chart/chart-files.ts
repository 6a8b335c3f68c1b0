import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";

/** The `.berthignore` rules of a chart directory (gitignore syntax); none when the file is absent. */
export async function readIgnoreRules(chartDir: string): Promise<Ignore> {
  const rules = ignore();
  const text = await readFile(join(chartDir, ".berthignore"), "utf8").catch(() => "");
  return rules.add(text);
}

/**
 * Lists the files under `chartDir/sub` (recursively, sorted) that `.berthignore` keeps,
 * as paths relative to `chartDir` with forward slashes.
 */
export async function listChartFiles(chartDir: string, sub: string, rules: Ignore): Promise<string[]> {
  const root = join(chartDir, sub);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = relative(chartDir, join(entry.parentPath ?? root, entry.name)).split(sep).join("/");
    if (!isIgnored(rules, path)) files.push(path);
  }
  return files.sort();
}

/** True when a rule excludes the path or any folder above it. */
export function isIgnored(rules: Ignore, path: string): boolean {
  const parts = path.split("/");
  for (let i = 1; i < parts.length; i++) {
    if (rules.ignores(`${parts.slice(0, i).join("/")}/`)) return true;
  }
  return rules.ignores(path);
}
