import { parseAllDocuments } from "yaml";
import type { Issue } from "../model/issue.js";
import { objectIssues } from "./checks.js";
import type { KubeObject } from "../model/object.js";
import type { RenderedObject } from "../model/rendered.js";

/** The objects of one `crds/` file (plain YAML, never templated); problems go to `issues`. */
export function parseCrdFile(text: string, source: string, issues: Issue[]): RenderedObject[] {
  const out: RenderedObject[] = [];
  for (const doc of parseAllDocuments(text, { version: "1.1" })) {
    if (doc.errors.length > 0) {
      issues.push(...doc.errors.map((e) => ({ source, line: e.linePos?.[0].line, message: `YAML syntax error: ${e.message.split("\n")[0]}` })));
      continue;
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    const problems = objectIssues(value, { source });
    if (problems.length > 0) issues.push(...problems);
    else out.push({ object: value as KubeObject, source });
  }
  return out;
}
