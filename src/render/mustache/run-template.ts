import Mustache from "mustache";
import type { TemplateContext } from "../../chart/context.js";
import type { Issue } from "../../model/issue.js";
import type { TemplateSource } from "../../chart/types.js";
import { clone } from "../../values/coalesce.js";
import { parseOutput } from "./documents.js";
import { unusableData } from "../../util/plain-data.js";
import type { SourcedValue } from "../objects.js";
import { TemplateWriter } from "./template-writer.js";
import type { RenderWarning } from "../../model/rendered.js";

/** The partials a chart's templates can use, and the file each one lives in. */
export interface PartialSet {
  readonly texts: Readonly<Record<string, string>>;
  readonly sources: Readonly<Record<string, string>>;
}

/** What rendering one template produced. */
export interface TemplateRun {
  readonly values: SourcedValue[];
  readonly issues: Issue[];
  readonly warnings: RenderWarning[];
}

const writer = new TemplateWriter();
limitParseCache(writer, 2000);

/** Renders one template (mustache text or a function) to documents. */
export function runTemplate(template: TemplateSource<unknown>, ctx: TemplateContext<unknown>, partials: PartialSet, strict: boolean): TemplateRun {
  const source = ctx.Template.Name;
  if (typeof template === "function") return runFunction(template, ctx);
  const output = writer.run({ text: template, source, view: ctx, partials: partials.texts, partialSources: partials.sources, strict, structural: true });
  const parsed = parseOutput(output);
  return {
    values: parsed.documents.map((d) => ({ value: d.value, template: source, at: { source: d.source, line: d.line } })),
    issues: [...output.issues, ...parsed.issues],
    warnings: [...parsed.warnings],
  };
}

/** Renders mustache text as plain text (NOTES.txt): values as text, nothing escaped. */
export function runText(text: string, ctx: TemplateContext<unknown>, partials: PartialSet, strict: boolean): { text: string; issues: readonly Issue[] } {
  const output = writer.run({ text, source: ctx.Template.Name, view: ctx, partials: partials.texts, partialSources: partials.sources, strict, structural: false });
  return { text: output.text, issues: output.issues };
}

function runFunction(template: (ctx: TemplateContext<unknown>) => unknown, ctx: TemplateContext<unknown>): TemplateRun {
  const source = ctx.Template.Name;
  let output: unknown;
  try {
    output = template(ctx);
  } catch (e) {
    return { values: [], issues: [{ source, message: `the template function threw: ${(e as Error)?.message ?? String(e)}` }], warnings: [] };
  }
  const unusable = unusableData(output);
  if (unusable) return { values: [], issues: [{ source, path: unusable.path, message: `the template function's result ${unusable.path} ${unusable.problem}` }], warnings: [] };
  const list = output === null || output === undefined ? [] : Array.isArray(output) ? output : [output];
  return { values: list.map((value: unknown) => ({ value: clone(value), template: source, at: { source } })), issues: [], warnings: [] };
}

/** Keeps the writer's parsed-template cache bounded in long-running processes. */
function limitParseCache(target: Mustache.Writer, max: number): void {
  const cache = new Map<string, unknown>();
  (target as unknown as { templateCache: unknown }).templateCache = {
    set(key: string, value: unknown) {
      if (cache.size >= max) cache.clear();
      cache.set(key, value);
    },
    get: (key: string) => cache.get(key),
    clear: () => cache.clear(),
  };
}
