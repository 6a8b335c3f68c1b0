import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import type { Issue } from "../chart/issue.js";
import { ValuesInvalid } from "./errors.js";
import type { Values } from "./types.js";
import { yamlStrictnessIssues } from "./yaml-strict.js";

/** Most alias expansions a values document may make: more is an alias bomb, not configuration. */
const MAX_ALIAS_COUNT = 1000;

/**
 * Parses a values document (YAML 1.1 like kubectl and Helm, so `yes` is a boolean).
 * An empty document is `{}`; anything but a mapping is an issue. As strict as Helm's parser:
 * control characters, unsupported `%YAML` versions and alias bombs are issues, never exceptions.
 */
export function parseValuesYaml(text: string, source: string): { values: Values; issues: Issue[] } {
  const strict = yamlStrictnessIssues(text, source);
  if (strict.length > 0) return { values: {}, issues: strict };
  const doc = parseDocument(text, { version: "1.1", prettyErrors: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => ({ source, line: e.linePos?.[0].line, message: `YAML syntax error: ${e.message.split("\n")[0]}` }));
    return { values: {}, issues };
  }
  let values: unknown;
  try {
    values = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    const bomb = cause instanceof ReferenceError && /alias/i.test(cause.message);
    const message = bomb
      ? `aliases expand to more than ${MAX_ALIAS_COUNT} nodes (a YAML alias bomb); write the values out instead of nesting aliases`
      : `the YAML cannot be read as values: ${(cause as Error)?.message ?? String(cause)}`;
    return { values: {}, issues: [{ source, message }] };
  }
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
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new ValuesInvalid(`values file ${path}`, [{ source: path, message: `cannot read the file (${(cause as Error).message}); check the path` }], { cause });
  }
  let text: string;
  try {
    // Invalid UTF-8 is an error (as in Helm), not silently replaced by U+FFFD.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ValuesInvalid(`values file ${path}`, [{ source: path, message: "the file is not valid UTF-8 text; save it as UTF-8 (is it a binary file?)" }]);
  }
  const { values, issues } = parseValuesYaml(text, path);
  if (issues.length > 0) throw new ValuesInvalid(`values file ${path}`, issues);
  return values;
}
