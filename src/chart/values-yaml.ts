import { parseDocument } from "yaml";
import type { Issue } from "../model/issue.js";
import type { Values } from "../model/values.js";
import { yamlStrictnessIssues } from "./yaml-strict.js";
import { unusableData } from "../util/plain-data.js";

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
  // A `__proto__` key (it would rewrite prototypes when merged) or nesting deeper than any object.
  const unusable = unusableData(values);
  if (unusable) return { values: {}, issues: [{ source, path: unusable.path, message: `${unusable.path} ${unusable.problem}` }] };
  return { values: values as Values, issues: [] };
}
