import { stringify } from "yaml";
import { formatManifests } from "../../render/manifest.js";
import type { RenderedObject } from "../../model/rendered.js";
import type { Release, ReleaseHook } from "../../storage/release.js";
import { formatFields } from "./table.js";

const yaml = (data: unknown) => stringify(data, { version: "1.1", lineWidth: 0, aliasDuplicateObjects: false });

/** The parts of a revision `berth get` prints. */
export type ReleasePart = "values" | "manifest" | "hooks" | "notes" | "all";

/** Every {@link ReleasePart}, in help order. */
export const RELEASE_PARTS: readonly ReleasePart[] = ["values", "manifest", "hooks", "notes", "all"];

/** Objects as multi-document YAML, each preceded by `# Source: <template>` (CRDs first). */
export function formatObjects(objects: readonly RenderedObject[], crds: readonly RenderedObject[] = []): string {
  return formatManifests({ objects, crds, hooks: [], notes: "", values: {}, warnings: [] });
}

/** Hook objects like {@link formatObjects}, each with a `# Last run:` comment when it has run (by `deploy` or `test`). */
export function formatHooks(hooks: readonly ReleaseHook[]): string {
  return hooks
    .map((hook) => {
      const text = formatObjects([hook]);
      const run = hook.lastRun;
      if (!run) return text;
      const times = [run.startedAt && `started ${run.startedAt}`, run.completedAt && `completed ${run.completedAt}`].filter(Boolean);
      const comment = `# Last run: ${run.phase}${times.length ? ` (${times.join(", ")})` : ""}\n`;
      return text.replace(/^(---\n# Source: [^\n]*\n)/, `$1${comment}`);
    })
    .join("");
}

/** Values as `berth get values` prints them by default: a Helm-style heading, then YAML. */
export function formatValuesText(release: Release, all: boolean): string {
  return `${all ? "COMPUTED VALUES" : "USER-SUPPLIED VALUES"}:\n${yaml(all ? release.values : release.config)}`;
}

/** A whole revision as text, like `helm get all`. */
export function formatReleaseText(release: Release): string {
  const header = formatFields([
    ["NAME", release.name],
    ["LAST DEPLOYED", release.lastDeployed],
    ["NAMESPACE", release.namespace],
    ["STATUS", release.status],
    ["REVISION", release.revision],
    ["CHART", release.chart.name],
    ["VERSION", release.chart.version],
    ["APP VERSION", release.chart.appVersion],
    ["DESCRIPTION", release.description],
  ]);
  const hooks = release.hooks.length > 0 ? `HOOKS:\n${formatHooks(release.hooks)}` : "";
  const notes = release.notes.trim() ? `NOTES:\n${release.notes.replace(/\n*$/, "\n")}` : "";
  return `${header}${formatValuesText(release, false)}${formatValuesText(release, true)}${hooks}MANIFEST:\n${formatObjects(release.objects, release.crds)}${notes}`;
}

/** A whole revision as data for `-o json|yaml`, in a fixed key order. */
export function releaseRecordData(release: Release) {
  const rendered = (o: RenderedObject) => ({ source: o.source, object: o.object });
  return {
    name: release.name,
    namespace: release.namespace,
    revision: release.revision,
    status: release.status,
    chart: release.chart,
    description: release.description,
    firstDeployed: release.firstDeployed,
    lastDeployed: release.lastDeployed,
    ...(release.deleted ? { deleted: release.deleted } : {}),
    config: release.config,
    values: release.values,
    crds: release.crds.map(rendered),
    objects: release.objects.map(rendered),
    hooks: release.hooks.map((h) => ({ ...rendered(h), events: h.events, weight: h.weight, deletePolicies: h.deletePolicies, ...(h.lastRun ? { lastRun: h.lastRun } : {}) })),
    notes: release.notes,
  };
}
