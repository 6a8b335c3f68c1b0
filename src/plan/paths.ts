/** A path into a JSON value: object keys and list indexes. */
export type ValuePath = readonly (string | number)[];

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** Renders a path as `spec.containers[0].image`, quoting keys that are not plain: `annotations["a.b/c"]`. */
export function formatPath(path: ValuePath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (PLAIN_KEY.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/**
 * Parses a path written as a JSON pointer (`/spec/template/0/x`, `~1` = `/`, `~0` = `~`) or dotted
 * (`spec.template[0].x`, `data["a.b"]`). Segments that are all digits become list indexes.
 */
export function parsePath(text: string): ValuePath {
  const trimmed = text.trim();
  if (trimmed.startsWith("/")) {
    return trimmed
      .slice(1)
      .split("/")
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .map(indexOrKey);
  }
  const out: (string | number)[] = [];
  const re = /\[("(?:[^"\\]|\\.)*")\]|\[(\d+)\]|([^.[\]]+)/g;
  for (const m of trimmed.matchAll(re)) {
    if (m[1] !== undefined) out.push(JSON.parse(m[1]) as string);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(indexOrKey(m[3]));
  }
  return out;
}

function indexOrKey(segment: string): string | number {
  return /^\d+$/.test(segment) ? Number(segment) : segment;
}

/** Whether `path` starts with `prefix`. */
export function hasPrefix(path: ValuePath, prefix: ValuePath): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
}

/** Reads the value at a path; `undefined` when absent. */
export function getAt(value: unknown, path: ValuePath): unknown {
  let cur = value;
  for (const part of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[part];
  }
  return cur;
}
