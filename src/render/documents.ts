import { isScalar, parseAllDocuments, Scalar, visit, type Document } from "yaml";
import type { Issue } from "../chart/issue.js";
import { lineText } from "./line-index.js";
import { substitutePlaceholders } from "./substitute.js";
import type { MustacheOutput } from "./template-writer.js";
import type { RenderWarning } from "./types.js";

/** One non-empty YAML document of a template's output, as plain data. */
export interface ParsedDocument {
  readonly value: unknown;
  /** Template (or partial) and line where the document starts. */
  readonly source: string;
  readonly line: number;
}

/** The documents of a template's output, and every problem found in them. */
export interface ParsedOutput {
  readonly documents: readonly ParsedDocument[];
  readonly issues: readonly Issue[];
  readonly warnings: readonly RenderWarning[];
}

/**
 * Parses the output of a structural mustache run as YAML 1.1 (kubectl's dialect), then
 * fills the placeholders in. Empty documents are skipped.
 */
export function parseOutput(output: MustacheOutput): ParsedOutput {
  const documents: ParsedDocument[] = [];
  const issues: Issue[] = [];
  const warnings: RenderWarning[] = [];
  for (const doc of parseAllDocuments(output.text, { version: "1.1", prettyErrors: false })) {
    const start = output.locate(doc.range[0]);
    if (doc.errors.length > 0) {
      for (const error of doc.errors) issues.push(syntaxIssue(output, error.pos[0], error.message));
      continue;
    }
    warnings.push(...booleanKeyWarnings(doc, output));
    for (const warning of doc.warnings) {
      const at = output.locate(warning.pos[0]);
      warnings.push({ code: "YamlWarning", message: warning.message.split("\n")[0]!, ...at });
    }
    const found = substitutePlaceholders(doc, output.slots);
    if (found.length > 0) {
      issues.push(...found);
      continue;
    }
    if (doc.contents === null) continue;
    try {
      const value: unknown = doc.toJS({ maxAliasCount: 100 });
      if (value !== null && value !== undefined) documents.push({ value, ...start });
    } catch (e) {
      issues.push({ ...start, message: `cannot build the document: ${(e as Error).message}` });
    }
  }
  return { documents, issues, warnings };
}

function syntaxIssue(output: MustacheOutput, offset: number, message: string): Issue {
  const at = output.locate(offset);
  const renderedLine = output.text.slice(0, offset).split("\n").length;
  const shown = lineText(output.text, renderedLine).replace(/[\uE000-\uE001]/g, (c) => (c === "\uE000" ? "⟦" : "⟧"));
  return { ...at, message: `YAML syntax error: ${message.split("\n")[0]} — rendered line ${renderedLine}: ${JSON.stringify(shown)}` };
}

/** YAML 1.1 reads keys such as `on`, `no`, `y` as booleans: almost always a mistake in a manifest. */
function booleanKeyWarnings(doc: Document, output: MustacheOutput): RenderWarning[] {
  const warnings: RenderWarning[] = [];
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key;
      if (isScalar(key) && typeof key.value === "boolean" && key.type === Scalar.PLAIN && key.range) {
        const at = output.locate(key.range[0]);
        warnings.push({ code: "BooleanKey", message: `key ${key.source ?? String(key.value)}: is the boolean ${String(key.value)} in YAML 1.1 (as kubectl reads it); quote it: "${key.source ?? ""}":`, ...at });
      }
    },
  });
  return warnings;
}
