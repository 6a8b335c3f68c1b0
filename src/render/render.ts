import { parseAllDocuments } from "yaml";
import type { ReleaseInfo, TemplateContext } from "../chart/context.js";
import type { Issue } from "../chart/issue.js";
import type { TemplateSource } from "../chart/types.js";
import type { ChartValues } from "../values/compute.js";
import { buildCapabilities, type CapabilitiesInput } from "./capabilities.js";
import { compareText, type IsNamespaced } from "./kinds.js";
import { collectObjects, type SourcedValue } from "./objects.js";
import { RenderError } from "./errors.js";
import { runTemplate, runText, type PartialSet } from "./run-template.js";
import type { RenderedObject, RenderResult, RenderWarning, KubeObject } from "./types.js";
import { objectIssues } from "./checks.js";

/** How to render (what is rendered — chart, values, release — comes separately). */
export interface RenderOptions {
  /** A missing `{{value}}` is an error (else it renders empty). @defaultValue true */
  readonly strict?: boolean;
  /** What the cluster offers, for `Capabilities`. @defaultValue Kubernetes v1.31 with its built-in APIs */
  readonly capabilities?: CapabilitiesInput;
  /** Whether a kind is namespaced (e.g. from discovery); `undefined` falls back to the built-in table. */
  readonly isNamespaced?: IsNamespaced;
}

/** The release a chart is rendered for. */
export interface RenderRelease {
  readonly name: string;
  readonly namespace: string;
  /** @defaultValue 1 */
  readonly revision?: number;
  /** @defaultValue false */
  readonly isUpgrade?: boolean;
}

/**
 * Renders a chart tree with computed values into objects, CRDs, hooks and notes.
 *
 * @throws {@link RenderError} listing every problem in every template
 */
export function renderTree(tree: ChartValues, release: RenderRelease, options: RenderOptions = {}): RenderResult {
  const strict = options.strict ?? true;
  const releaseInfo: ReleaseInfo = {
    Name: release.name, Namespace: release.namespace, Revision: release.revision ?? 1,
    IsInstall: !release.isUpgrade, IsUpgrade: release.isUpgrade ?? false, Service: "berth",
  };
  const capabilities = buildCapabilities(options.capabilities);
  const issues: Issue[] = [];
  const warnings: RenderWarning[] = [];
  const documents: SourcedValue[] = [];
  const crds: RenderedObject[] = [];
  const contextFor = (node: ChartValues, name: string): TemplateContext<unknown> => ({
    Values: node.values, Release: releaseInfo, Capabilities: capabilities,
    Chart: { Name: node.chart.metadata.name, Version: node.chart.metadata.version, AppVersion: node.chart.metadata.appVersion },
    Template: { Name: `${node.sourcePath}/templates/${name}`, BasePath: `${node.sourcePath}/templates` },
  });
  for (const node of walk(tree)) {
    crds.push(...readCrds(node, issues));
    if (node.chart.metadata.type === "library") continue;
    const partials = partialsOf(node);
    for (const name of Object.keys(node.chart.templates).sort(compareText)) {
      const run = runTemplate(node.chart.templates[name] as TemplateSource<unknown>, contextFor(node, name), partials, strict);
      documents.push(...run.values);
      issues.push(...run.issues);
      warnings.push(...run.warnings);
    }
  }
  const collected = collectObjects(documents, release.namespace, options.isNamespaced);
  let notes = "";
  if (tree.chart.notes !== undefined) {
    const rendered = runText(tree.chart.notes, contextFor(tree, "NOTES.txt"), partialsOf(tree), strict);
    notes = rendered.text;
    issues.push(...rendered.issues);
  }
  issues.push(...collected.issues);
  if (issues.length > 0) throw new RenderError(tree.chart.metadata.name, issues);
  crds.sort((a, b) => compareText(a.object.metadata.name, b.object.metadata.name));
  return { objects: collected.objects, crds, hooks: collected.hooks, notes, values: tree.values, warnings: [...warnings, ...collected.warnings] };
}

function* walk(node: ChartValues): Generator<ChartValues> {
  yield node;
  for (const child of node.children) yield* walk(child);
}

/** A chart's own partials, then those of its library subcharts (its own win). */
function partialsOf(node: ChartValues): PartialSet {
  const texts: Record<string, string> = {};
  const sources: Record<string, string> = {};
  const add = (from: ChartValues) => {
    for (const [name, text] of Object.entries(from.chart.partials)) {
      if (name in texts) continue;
      texts[name] = text;
      sources[name] = `${from.sourcePath}/templates/_${name}.mustache`;
    }
    for (const child of from.children) if (child.chart.metadata.type === "library") add(child);
  };
  add(node);
  return { texts, sources };
}

/** CRDs are plain YAML: never templated, each document must be a named object. */
function readCrds(node: ChartValues, issues: Issue[]): RenderedObject[] {
  const out: RenderedObject[] = [];
  for (const [file, text] of Object.entries(node.chart.crds)) {
    const source = `${node.sourcePath}/crds/${file}`;
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
  }
  return out;
}
