// The tsconfig.json files a tsconfig.json stands for: itself and those it extends, transitively. A
// cached type check or script bundle depends on all of them: a base config's compiler options
// (strictness, decorators, paths) change what a check reports and what a bundle does.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, resolve } from "node:path";

// `"extends": "x"` or `"extends": ["x", "y"]`; found in the text, as the file is JSON with comments
// (a commented-out one only adds a file to watch)
const EXTENDS = /"extends"\s*:\s*("(?:[^"\\]|\\.)*"|\[[^\]]*\])/g;
const STRING = /"((?:[^"\\]|\\.)*)"/g;

/** Where TypeScript finds an `extends` target: a path relative to the config, or a package's file. */
function resolveExtends(spec: string, from: string): string | undefined {
  if (spec.startsWith(".") || isAbsolute(spec)) {
    const path = resolve(dirname(from), spec);
    return [path, `${path}.json`].find((p) => existsSync(p));
  }
  const require = createRequire(from);
  for (const candidate of [spec, `${spec}.json`, `${spec}/tsconfig.json`]) {
    try {
      return require.resolve(candidate);
    } catch {
      // the next form
    }
  }
  return undefined;
}

/** `tsconfig` and every existing file it extends, transitively, each once. */
export function tsconfigChain(tsconfig: string): string[] {
  const chain: string[] = [];
  const visit = (path: string) => {
    if (chain.includes(path)) return;
    chain.push(path);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      return;
    }
    for (const [, value] of text.matchAll(EXTENDS)) {
      for (const [, spec] of value!.matchAll(STRING)) {
        const target = resolveExtends(JSON.parse(`"${spec!}"`) as string, path);
        if (target) visit(target);
      }
    }
  };
  visit(tsconfig);
  return chain;
}
