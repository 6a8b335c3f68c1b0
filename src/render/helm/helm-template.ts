/**
 * `helm template`: load the chart, merge `-f`/`--set` values, process dependencies, coalesce and
 * validate values, render, sort, and print exactly what helm v3 prints on stdout.
 */
import { readFileSync } from "node:fs";
import { loadHelmChart } from "../../chart/helm/load.js";
import type { HelmChart } from "../../chart/helm/chart.js";
import { HelmError, HelmNotRenderable, HelmValuesInvalid } from "../../chart/helm/errors.js";
import { coalesceValues, isTable, type Values } from "../../chart/helm/coalesce.js";
import { checkDependencies, isCompatibleRange, processDependencies } from "../../chart/helm/dependencies.js";
import { validateValuesSchema } from "../../chart/helm/schema.js";
import { parseSetInto } from "../../chart/helm/strvals.js";
import { goPathMatch } from "../../chart/helm/ignore.js";
import { readYamlMap, HelmYamlInvalid } from "../../chart/helm/yaml-read.js";
import { templateCapabilities } from "./objects.js";
import { renderHelmChart } from "./render.js";
import { requestTemplateKeys } from "./keys.js";
import { sortManifests, splitManifests } from "./manifests.js";
import type { LookupFunc } from "./funcs.js";

/** Options of {@link helmTemplate}, mirroring `helm template` flags. */
export interface HelmTemplateOptions {
  /** The release name. @defaultValue "release-name" */
  readonly releaseName?: string;
  /** `--namespace`. @defaultValue "default" */
  readonly namespace?: string;
  /** `-f/--values` files, in order (later wins). */
  readonly valuesFiles?: readonly string[];
  /** Values objects merged after the files (as if from more `-f` files). */
  readonly values?: readonly Values[];
  /** `--set` expressions, in order. */
  readonly set?: readonly string[];
  /** `--set-string` expressions, in order. */
  readonly setString?: readonly string[];
  /** `--kube-version`. @defaultValue "v1.37.0" (helm v3.22.0's built-in) */
  readonly kubeVersion?: string;
  /** `--api-versions`: extra `.Capabilities.APIVersions`. */
  readonly apiVersions?: readonly string[];
  /** `--include-crds`. @defaultValue false */
  readonly includeCrds?: boolean;
  /** `--skip-tests`. @defaultValue false */
  readonly skipTests?: boolean;
  /** `--show-only` templates (globs over `templates/x.yaml`, `charts/sub/templates/y.yaml`). */
  readonly showOnly?: readonly string[];
  /** `--is-upgrade`. @defaultValue false */
  readonly isUpgrade?: boolean;
  /** `--skip-schema-validation`. @defaultValue false */
  readonly skipSchemaValidation?: boolean;
  /** `lookup`; an empty map when absent, as in `helm template`. */
  readonly lookup?: LookupFunc;
}

/** pkg/cli/values mergeMaps: later maps win, nested maps merge. */
function mergeMaps(a: Values, b: Values): Values {
  const out: Values = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] = isTable(v) && isTable(cur) ? mergeMaps(cur, v) : v;
  }
  return out;
}

/** values.Options.MergeValues: `-f` files, then `--set`, then `--set-string`. */
export function mergeUserValues(opts: HelmTemplateOptions): Values {
  let base: Values = {};
  for (const f of opts.valuesFiles ?? []) {
    let current: Values;
    try {
      current = readYamlMap(readFileSync(f, "utf8"));
    } catch (e) {
      if (e instanceof HelmYamlInvalid) throw new HelmValuesInvalid(`failed to parse ${f}: ${e.message}`, { cause: e });
      throw new HelmValuesInvalid(`open ${f}: no such file or directory`, { cause: e });
    }
    base = mergeMaps(base, current);
  }
  for (const v of opts.values ?? []) base = mergeMaps(base, v);
  for (const s of opts.set ?? []) {
    try {
      parseSetInto(s, base);
    } catch (e) {
      throw new HelmValuesInvalid(`failed parsing --set data: ${(e as Error).message}`, { cause: e });
    }
  }
  for (const s of opts.setString ?? []) {
    try {
      parseSetInto(s, base, true);
    } catch (e) {
      throw new HelmValuesInvalid(`failed parsing --set-string data: ${(e as Error).message}`, { cause: e });
    }
  }
  return base;
}

/** What {@link renderHelmRelease} needs besides the chart and the user values. */
export interface HelmReleaseOptions {
  /** @defaultValue "release-name" */
  readonly releaseName?: string;
  /** @defaultValue "default" */
  readonly namespace?: string;
  /** `.Release.Revision`. @defaultValue 1 */
  readonly revision?: number;
  /** `.Release.IsUpgrade` (else IsInstall). @defaultValue false */
  readonly isUpgrade?: boolean;
  /** `.Capabilities.KubeVersion`. @defaultValue "v1.37.0" */
  readonly kubeVersion?: string;
  /** Extra `.Capabilities.APIVersions`. */
  readonly apiVersions?: readonly string[];
  /** @defaultValue false */
  readonly skipSchemaValidation?: boolean;
  /** `lookup`; an empty map when absent. */
  readonly lookup?: LookupFunc;
}

/** The rendered files of a release (NOTES.txt included) and the values they saw. */
export interface HelmRenderedRelease {
  /** Template path in the chart tree (`web/templates/x.yaml`) → rendered text; partials excluded. */
  readonly files: Map<string, string>;
  /** The coalesced values of the root chart (`.Values`). */
  readonly values: Values;
}

/**
 * Helm's install-time render of a loaded chart: installability and dependency checks,
 * dependency processing (conditions, tags, aliases, import-values — the chart is changed in
 * place, pass a copy), values coalescing and schema validation, kubeVersion check, engine.Render.
 */
export function renderHelmRelease(chart: HelmChart, userValues: Values, opts: HelmReleaseOptions = {}): HelmRenderedRelease {
  const type = chart.metadata.Type;
  if (type !== "" && type !== "application") throw new HelmNotRenderable(`${type} charts are not installable`);
  // The RSA keys templates will ask for (genCA…) are generated in the background meanwhile.
  requestTemplateKeys(chart);
  checkDependencies(chart);
  processDependencies(chart, userValues);
  const caps = templateCapabilities(opts.kubeVersion, opts.apiVersions);
  const values = coalesceValues(chart, userValues);
  if (!opts.skipSchemaValidation) validateValuesSchema(chart, values);
  if (chart.metadata.KubeVersion !== "" && !isCompatibleRange(chart.metadata.KubeVersion, caps.KubeVersion.Version)) {
    throw new HelmNotRenderable(`chart requires kubeVersion: ${chart.metadata.KubeVersion} which is incompatible with Kubernetes ${caps.KubeVersion.Version}`,
    );
  }
  const isUpgrade = opts.isUpgrade ?? false;
  const files = renderHelmChart(chart, {
    release: { name: opts.releaseName ?? "release-name", namespace: opts.namespace ?? "default", revision: opts.revision ?? 1, isInstall: !isUpgrade, isUpgrade },
    capabilities: caps,
    values,
    ...(opts.lookup ? { lookup: opts.lookup } : {}),
  });
  return { files, values };
}

function renderRelease(chart: HelmChart, vals: Values, opts: HelmTemplateOptions): { manifest: string; hooks: { path: string; manifest: string; test: boolean }[] } {
  const { files } = renderHelmRelease(chart, vals, opts);
  for (const k of [...files.keys()]) if (k.endsWith("NOTES.txt")) files.delete(k);
  const { hooks, manifests } = sortManifests(files);
  let b = "";
  if (opts.includeCrds) for (const crd of chart.crdObjects()) b += `---\n# Source: ${crd.filename}\n${Buffer.from(crd.file.data).toString("utf8")}\n`;
  for (const m of manifests) b += `---\n# Source: ${m.name}\n${m.content}\n`;
  return { manifest: b, hooks: hooks.map((h) => ({ path: h.name, manifest: h.content, test: h.events.includes("test") })) };
}

/**
 * Renders a Helm chart (directory or `.tgz`) and returns exactly what `helm template` (v3.22.0)
 * prints on stdout. Throws {@link HelmError} or a TemplateError where helm exits non-zero.
 */
export async function helmTemplate(chartPath: string, opts: HelmTemplateOptions = {}): Promise<string> {
  return helmTemplateSync(chartPath, opts);
}

/** The synchronous form of {@link helmTemplate}. */
export function helmTemplateSync(chartPath: string, opts: HelmTemplateOptions = {}): string {
  const vals = mergeUserValues(opts);
  const chart = loadHelmChart(chartPath);
  const rel = renderRelease(chart, vals, opts);
  let out = rel.manifest.trim() + "\n";
  for (const h of rel.hooks) {
    if (opts.skipTests && h.test) continue;
    out += `---\n# Source: ${h.path}\n${h.manifest}\n`;
  }
  const showOnly = opts.showOnly ?? [];
  if (showOnly.length === 0) return out;
  const docs = splitManifests(out);
  let shown = "";
  for (const f of showOnly) {
    let missing = true;
    for (const doc of docs) {
      const m = /# Source: [^/]+\/(.+)/.exec(doc);
      if (!m) continue;
      let ok = false;
      try {
        ok = goPathMatch(f, m[1]!);
      } catch {
        ok = false;
      }
      if (!ok) continue;
      shown += `---\n${doc}\n`;
      missing = false;
    }
    if (missing) throw new HelmNotRenderable(`could not find template ${f} in chart`);
  }
  return shown;
}
