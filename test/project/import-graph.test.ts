// GIVEN every src/**/*.ts file WHEN its imports are read THEN neither the file graph nor the
// top-level-folder graph has a cycle. Type-only imports count too: a type cycle still couples the
// two files (one cannot be read, moved or split without the other) and usually hides a missing layer.
import { it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = join(import.meta.dirname, "..", "..");
const src = join(root, "src");

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Relative specifiers of a file's static, re-export and dynamic imports. */
export function importsOf(text: string): string[] {
  const found: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm;
  for (const m of text.matchAll(pattern)) found.push(m[1]!);
  return found;
}

function fileGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files(src)) {
    const from = relative(src, file);
    const targets = importsOf(readFileSync(file, "utf8"))
      .map((spec) => relative(src, resolve(dirname(file), spec.replace(/\.js$/, ".ts"))))
      .filter((to) => !to.startsWith(".."));
    graph.set(from, [...new Set(targets)].sort());
  }
  return graph;
}

/** A file's top-level folder; a file directly in src/ (errors.ts at the bottom, index.ts on top) is its own unit. */
function folderOf(file: string): string {
  return file.split("/")[0]!;
}

/** The strongly connected components with more than one node (Tarjan), each sorted, as cycles. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!indexOf.has(v)) visit(v);
  return out.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

it("GIVEN a graph with a cycle and a tail WHEN cycles are listed THEN exactly the cycle is reported", () => {
  const graph = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]]]);
  assert.deepEqual(cycles(graph), [["a", "b", "c"]]);
  assert.deepEqual(importsOf(`import type { X } from "./x.js";\nexport { y } from '../y.js';\nawait import("./z.js");\nimport "./side.js";\nimport { k } from "yaml";`), ["./x.js", "../y.js", "./z.js", "./side.js"]);
});

it("GIVEN src/ WHEN its file imports are read THEN no file cycle exists", () => {
  const found = cycles(fileGraph());
  assert.deepEqual(found, [], `import cycles between files:\n${found.map((c) => `  ${c.join(" ↔ ")}`).join("\n")}`);
});

it("GIVEN src/ WHEN its imports are grouped by top-level folder THEN no folder cycle exists", () => {
  const folders = new Map<string, Set<string>>();
  for (const [from, targets] of fileGraph()) {
    const f = folderOf(from);
    const set = folders.get(f) ?? new Set<string>();
    for (const to of targets) if (folderOf(to) !== f) set.add(folderOf(to));
    folders.set(f, set);
  }
  const found = cycles(new Map([...folders].map(([k, v]) => [k, [...v].sort()])));
  assert.deepEqual(found, [], `import cycles between folders:\n${found.map((c) => `  ${c.join(" ↔ ")}`).join("\n")}`);
});
