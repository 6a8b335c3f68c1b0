import type { ReleaseInfo, TemplateContext } from "../../chart/context.js";
import type { Issue } from "../../model/issue.js";
import type { TemplateSource } from "../../chart/types.js";
import { computeValues, validateTree, type ChartValues } from "../../values/compute.js";
import { ValuesInvalid } from "../../values/errors.js";
import { collectUserValues } from "../../values/user-values.js";
import { buildCapabilities } from "../capabilities.js";
import { parseCrdFile } from "../crds.js";
import type { EngineInput, EngineOutput, RenderEngine } from "../engine.js";
import { compareText } from "../../model/kinds.js";
import type { SourcedValue } from "../objects.js";
import type { RenderedObject, RenderWarning } from "../../model/rendered.js";
import { runTemplate, runText, type PartialSet } from "./run-template.js";

/**
 * berth's mustache engine (DESIGN.md §3): values coalesced the berth way (defaults ← user
 * values, subcharts under their names), every schema checked, then every template of every
 * enabled chart rendered with structural interpolation.
 */
export const mustacheEngine: RenderEngine = {
  userValues: collectUserValues,
  render(input: EngineInput): EngineOutput {
    const tree = computeValues(input.chart, input.userValues);
    const violations = validateTree(tree);
    if (violations.length > 0) throw new ValuesInvalid(`values of chart ${input.chart.metadata.name}`, violations);
    return renderTree(tree, input);
  },
};

function renderTree(tree: ChartValues, input: EngineInput): EngineOutput {
  const { release, strict } = input;
  const releaseInfo: ReleaseInfo = {
    Name: release.name, Namespace: release.namespace, Revision: release.revision ?? 1,
    IsInstall: !release.isUpgrade, IsUpgrade: release.isUpgrade ?? false, Service: "berth",
  };
  const capabilities = buildCapabilities(input.capabilities);
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
  let notes = "";
  if (tree.chart.notes !== undefined) {
    const rendered = runText(tree.chart.notes, contextFor(tree, "NOTES.txt"), partialsOf(tree), strict);
    notes = rendered.text;
    issues.push(...rendered.issues);
  }
  return { documents, crds, notes, values: tree.values, issues, warnings };
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
    out.push(...parseCrdFile(text, `${node.sourcePath}/crds/${file}`, issues));
  }
  return out;
}
