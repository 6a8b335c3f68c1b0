import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import type { Issue } from "../chart/issue.js";
import { ValuesInvalid } from "./errors.js";
import type { Values } from "./types.js";

/**
 * Parses a values document (YAML 1.1 like kubectl and Helm, so `yes` is a boolean).
 * An empty document is `{}`; anything but a mapping is an issue.
 */
export function parseValuesYaml(text: string, source: string): { values: Values; issues: Issue[] } {
  const doc = parseDocument(text, { version: "1.1", prettyErrors: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => ({ source, line: e.linePos?.[0].line, message: `YAML syntax error: ${e.message.split("\n")[0]}` }));
    return { values: {}, issues };
  }
  const values: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (values === null || values === undefined) return { values: {}, issues: [] };
  if (typeof values !== "object" || Array.isArray(values)) {
    return { values: {}, issues: [{ source, message: "values must be a mapping of names to values" }] };
  }
  return { values: values as Values, issues: [] };
}

/**
 * Reads a values file (`-f values.yaml`).
 *
 * @throws {@link ValuesInvalid} when the file is missing, not YAML, or not a mapping
 */
export async function readValuesFile(path: string): Promise<Values> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new ValuesInvalid(`values file ${path}`, [{ source: path, message: `cannot read the file (${(cause as Error).message}); check the path` }], { cause });
  }
  const { values, issues } = parseValuesYaml(text, path);
  if (issues.length > 0) throw new ValuesInvalid(`values file ${path}`, issues);
  return values;
}
