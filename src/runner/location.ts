import { dirname, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { ScriptLocation } from "./errors.js";

// `/abs/file.ts:12:5`, `file:///abs/file.ts?run=3:12:5` or `file:///abs/file.ts:12` (Node's syntax errors)
const FRAME = /((?:file:\/\/)?\/[^\s():]+?)(?:\?[^\s():]*)?:(\d+)(?::(\d+))?/g;
// esbuild (tsx) transform errors: `/abs/file.ts:2:11: ERROR: Expected identifier`; esbuild columns are 0-based
const TRANSFORM = /^((?:file:\/\/)?\/[^\s:]+):(\d+):(\d+): ERROR: /m;

function stem(path: string): string {
  return path.replace(/\.[cm]?[jt]sx?$/, "");
}

function pathOf(file: string): string {
  return file.startsWith("file://") ? fileURLToPath(file) : file;
}

/**
 * Where in a script an error happened: the first stack frame (or compiler position) in the script
 * itself, else the first in another file of the script's folder outside node_modules (a module the
 * script imports); `undefined` when none is.
 */
export function locateInScript(error: unknown, script: string): ScriptLocation | undefined {
  const text = error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error);
  const transform = TRANSFORM.exec(error instanceof Error ? error.message : "");
  if (transform) {
    const file = pathOf(transform[1]!);
    // esbuild names an .mts/.cts file by its .ts twin
    const same = file === script || stem(file) === stem(script);
    return { file: same ? script : file, line: Number(transform[2]), column: Number(transform[3]) + 1 };
  }
  const frames = [...text.matchAll(FRAME)].map((m) => ({
    file: pathOf(m[1]!),
    line: Number(m[2]),
    ...(m[3] !== undefined ? { column: Number(m[3]) } : {}),
  }));
  const folder = dirname(script) + sep;
  return (
    frames.find((f) => f.file === script) ??
    frames.find((f) => f.file.startsWith(folder) && !f.file.includes(`${sep}node_modules${sep}`))
  );
}
