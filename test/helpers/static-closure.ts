// The static import closure of a src/ module: the modules Node loads before it runs. Follows
// `import … from "./x.js"`, `import "./x.js"` and `export … from "./x.js"` that have a runtime
// effect; skips `import type`/`export type` and imports whose every binding is `type` (erased by
// tsc and esbuild alike), and dynamic `import()` (loaded on first use). Packages are not followed.
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import ts from "typescript";

/** Relative specifiers of a module's runtime static imports and re-exports. */
export function staticImportsOf(text: string): string[] {
  const file = ts.createSourceFile("m.ts", text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const found: string[] = [];
  for (const st of file.statements) {
    if (ts.isImportDeclaration(st)) {
      const clause = st.importClause;
      if (clause?.isTypeOnly) continue;
      const bindings = clause?.namedBindings;
      const allTypes = clause && !clause.name && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
      if (allTypes) continue;
      if (ts.isStringLiteral(st.moduleSpecifier)) found.push(st.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      if (st.isTypeOnly) continue;
      const clause = st.exportClause;
      if (clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly)) continue;
      found.push(st.moduleSpecifier.text);
    }
  }
  return found.filter((s) => s.startsWith("./") || s.startsWith("../"));
}

/**
 * The modules (paths relative to `src`, e.g. "chart/load.ts") `entry` loads statically, itself
 * included, each mapped to the module that first imported it (the entry to null): a way back.
 */
export function staticClosure(src: string, entry: string): Map<string, string | null> {
  const seen = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  while (queue.length > 0) {
    const from = queue.shift()!;
    const path = resolve(src, from);
    for (const spec of staticImportsOf(readFileSync(path, "utf8"))) {
      const to = relative(src, resolve(dirname(path), spec.replace(/\.js$/, ".ts")));
      if (to.startsWith("..") || seen.has(to)) continue;
      seen.set(to, from);
      queue.push(to);
    }
  }
  return seen;
}

/** The import chain from the closure's entry to `module`: "index.ts → a.ts → module". */
export function chainTo(closure: Map<string, string | null>, module: string): string {
  const chain: string[] = [];
  for (let m: string | null | undefined = module; m; m = closure.get(m)) chain.unshift(m);
  return chain.join(" → ");
}
