/**
 * Helm's engine.Render: every template of the chart tree parsed into one set (subcharts' first,
 * so a parent's `define` wins), each non-partial template executed with its own chart's scope
 * (`.Values` of the subchart, `.Chart`, `.Files`, `.Template`), `<no value>` removed.
 */
import type { HelmChart } from "../../chart/helm/chart.js";
import { TemplateSet } from "../../gotemplate/template.js";
import { TemplateParseError } from "../../gotemplate/errors.js";
import { isTable } from "../../chart/helm/coalesce.js";
import { ChartValue, type CapabilitiesValue } from "./objects.js";
import { newFiles } from "./files.js";
import { cleanupExecError, helmBaseFunctions, installRenderFunctions, type LookupFunc } from "./funcs.js";
import type { GoFuncMap } from "../../gotemplate/value.js";
import { decodeUtf8 } from "../../util/utf8.js";

/** `.Release` as Helm builds it (a map). */
export interface ReleaseOptions {
  readonly name: string;
  readonly namespace: string;
  readonly revision: number;
  readonly isInstall: boolean;
  readonly isUpgrade: boolean;
}

/** What one render needs besides the chart. */
export interface RenderOptions {
  readonly release: ReleaseOptions;
  readonly capabilities: CapabilitiesValue;
  /** The coalesced values of the root chart. */
  readonly values: Record<string, unknown>;
  /** `lookup`; an empty map when absent (as in `helm template`). */
  readonly lookup?: LookupFunc;
}

interface Renderable {
  readonly text: string;
  readonly vals: Record<string, unknown>;
  readonly basePath: string;
}

let baseFuncs: GoFuncMap | undefined;

const slashes = (s: string): number => s.split("/").length - 1;

/** Helm's sortTemplates: deepest paths first, then reverse lexical order. */
export function sortTemplateNames(names: string[]): string[] {
  return names.sort((a, b) => {
    const ca = slashes(a);
    const cb = slashes(b);
    if (ca !== cb) return cb - ca;
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

function collect(c: HelmChart, out: Map<string, Renderable>, parent: Record<string, unknown>): Record<string, unknown> {
  const subcharts: Record<string, unknown> = {};
  const next: Record<string, unknown> = {
    Chart: new ChartValue(c.metadata, c.isRoot()),
    Files: newFiles(c.files.map((f) => [f.name, f.data] as const)),
    Release: parent["Release"],
    Capabilities: parent["Capabilities"],
    Values: {},
    Subcharts: subcharts,
  };
  if (c.isRoot()) next["Values"] = parent["Values"];
  else {
    const pv = parent["Values"];
    const own = isTable(pv) ? pv[c.name()] : undefined;
    if (isTable(own)) next["Values"] = own;
  }
  for (const child of c.dependencies()) subcharts[child.name()] = collect(child, out, next);
  const base = c.chartFullPath();
  const library = c.metadata.Type.toLowerCase() === "library";
  for (const t of c.templates) {
    if (library && !(t.name.split("/").pop() ?? "").startsWith("_")) continue;
    const decoded = decodeUtf8(t.data);
    // go-yaml refuses bytes that are not UTF-8 in what a template renders (NOTES.txt is not YAML).
    if ("badLine" in decoded && !t.name.endsWith("NOTES.txt")) {
      throw new TemplateParseError(`template: ${base}/${t.name}:${decoded.badLine}: the file is not valid UTF-8 text (is it a binary file?); save it as UTF-8`);
    }
    const text = "text" in decoded ? decoded.text : Buffer.from(t.data).toString("utf8");
    out.set(`${base}/${t.name}`, { text, vals: next, basePath: `${base}/templates` });
  }
  return next;
}

function cleanupParseError(filename: string, e: unknown): Error {
  const msg = e instanceof Error ? e.message : String(e);
  const tokens = msg.split(": ");
  if (tokens.length === 1) return new TemplateParseError(`parse error in (${filename}): ${msg}`, { cause: e });
  return new TemplateParseError(`parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`, { cause: e });
}

/** Renders every template of a chart tree; returns file name → text (partials excluded). */
export function renderHelmChart(chart: HelmChart, opts: RenderOptions): Map<string, string> {
  const release = {
    Name: opts.release.name,
    Namespace: opts.release.namespace,
    IsUpgrade: opts.release.isUpgrade,
    IsInstall: opts.release.isInstall,
    Revision: BigInt(opts.release.revision),
    Service: "Helm",
  };
  const templates = new Map<string, Renderable>();
  collect(chart, templates, { Release: release, Capabilities: opts.capabilities, Values: opts.values });
  baseFuncs ??= helmBaseFunctions();
  const t = new TemplateSet(baseFuncs, { missingKey: "zero", name: "gotpl" });
  installRenderFunctions(t, { included: new Map(), lookup: opts.lookup ?? (() => ({})) });
  const keys = sortTemplateNames([...templates.keys()]);
  for (const name of keys) {
    try {
      t.parse(name, templates.get(name)!.text);
    } catch (e) {
      throw cleanupParseError(name, e);
    }
  }
  const rendered = new Map<string, string>();
  for (const name of keys) {
    if ((name.split("/").pop() ?? "").startsWith("_")) continue;
    const r = templates.get(name)!;
    r.vals["Template"] = { Name: name, BasePath: r.basePath };
    let out: string;
    try {
      out = t.execute(name, r.vals);
    } catch (e) {
      throw cleanupExecError(name, e);
    }
    rendered.set(name, out.replaceAll("<no value>", ""));
  }
  return rendered;
}
