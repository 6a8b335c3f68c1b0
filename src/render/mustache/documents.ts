import { parseAllDocuments, type Document } from "yaml";
import type { Issue } from "../../model/issue.js";
import { buildFromTemplate } from "./fast-build.js";
import { lineText } from "./line-index.js";
import { yamlStrictnessProblems } from "../../chart/yaml-strict.js";
import { booleanKeyWarnings, parseCached } from "./parse-cache.js";
import type { Slot } from "./placeholders.js";
import { outputOffset, splitDocuments } from "./split.js";
import { substitutePlaceholders } from "./substitute.js";
import { quoteInput } from "../../util/quote.js";
import type { MustacheOutput } from "./template-writer.js";
import type { RenderWarning } from "../../model/rendered.js";

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
 *
 * Each document's text (placeholders renumbered from 0) is parsed once and cached, and
 * values are put straight into a plain-data template of it where possible; output with
 * YAML errors (or that is not split safely) is parsed whole, so messages are unchanged.
 */
export function parseOutput(output: MustacheOutput): ParsedOutput {
  // Control characters and unknown YAML versions: the `yaml` package reads them, Kubernetes' YAML readers do not.
  const strict = yamlStrictnessProblems(output.text);
  if (strict.length > 0) return { documents: [], issues: strict.map((p) => ({ ...output.locate(p.lineOffset), message: p.message })), warnings: [] };
  const chunks = splitDocuments(output.text);
  const parsed = chunks?.map((chunk) => parseCached(chunk.key));
  if (!chunks || !parsed || parsed.some((docs) => docs === undefined)) return parseWhole(output);
  const result = { documents: [] as ParsedDocument[], issues: [] as Issue[], warnings: [] as RenderWarning[] };
  chunks.forEach((chunk, k) => {
    const locate = (offset: number) => output.locate(outputOffset(chunk, offset));
    const slots = chunk.slots.map((index) => output.slots[index]!);
    for (const cached of parsed[k]!) {
      for (const warning of cached.warnings) result.warnings.push({ code: warning.code, message: warning.message, ...locate(warning.offset) });
      const start = locate(cached.offset);
      if (cached.plan.kind === "empty") continue;
      const built = cached.plan.kind === "template" ? buildFromTemplate(cached.plan.value, slots) : undefined;
      if (built) {
        if (built.value !== null && built.value !== undefined) result.documents.push({ value: built.value, ...start });
      } else {
        buildDocument(cached.doc.clone(), slots, start, result);
      }
    }
  });
  return result;
}

/** The general path: substitute into the tree (a copy: cached trees stay pristine), then `toJS`. */
function buildDocument(doc: Document, slots: readonly Slot[], start: { source: string; line: number }, out: { documents: ParsedDocument[]; issues: Issue[] }): void {
  const found = substitutePlaceholders(doc, slots);
  if (found.length > 0) {
    out.issues.push(...found);
    return;
  }
  if (doc.contents === null) return;
  try {
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value !== null && value !== undefined) out.documents.push({ value, ...start });
  } catch (e) {
    out.issues.push({ ...start, message: `cannot build the document: ${(e as Error).message}` });
  }
}

/** Parses the whole output at once: for output with YAML errors, so their messages and positions are exact. */
export function parseWhole(output: MustacheOutput): ParsedOutput {
  const result = { documents: [] as ParsedDocument[], issues: [] as Issue[], warnings: [] as RenderWarning[] };
  for (const doc of parseAllDocuments(output.text, { version: "1.1", prettyErrors: false })) {
    const start = output.locate(doc.range[0]);
    if (doc.errors.length > 0) {
      for (const error of doc.errors) result.issues.push(syntaxIssue(output, error.pos[0], error.message));
      continue;
    }
    for (const warning of booleanKeyWarnings(doc)) result.warnings.push({ code: warning.code, message: warning.message, ...output.locate(warning.offset) });
    for (const warning of doc.warnings) {
      result.warnings.push({ code: "YamlWarning", message: warning.message.split("\n")[0]!, ...output.locate(warning.pos[0]) });
    }
    buildDocument(doc, output.slots, start, result);
  }
  return result;
}

/** The most of a rendered line an error message quotes. */
const MAX_SHOWN_LINE = 200;

function syntaxIssue(output: MustacheOutput, offset: number, message: string): Issue {
  const at = output.locate(offset);
  const renderedLine = output.text.slice(0, offset).split("\n").length;
  const full = lineText(output.text, renderedLine).replace(/[\uE000-\uE001]/g, (c) => (c === "\uE000" ? "⟦" : "⟧"));
  return { ...at, message: `YAML syntax error: ${message.split("\n")[0]} — rendered line ${renderedLine}: ${quoteInput(full, MAX_SHOWN_LINE)}` };
}
