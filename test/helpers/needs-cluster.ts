import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * Whether a test file (or a test-local module it imports, transitively) talks to the real cluster:
 * only then does the run start a control plane, so unit folders run without one.
 */
export function needsCluster(file: string, testRoot: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return false;
  }
  if (/BERTH_TEST_KUBECONFIG|helpers\/cluster\.js/.test(text)) return true;
  for (const m of text.matchAll(/from\s+"(\.{1,2}\/[^"]+)\.js"/g)) {
    const target = resolve(dirname(file), `${m[1]}.ts`);
    if (target.startsWith(testRoot) && needsCluster(target, testRoot, seen)) return true;
  }
  return false;
}

