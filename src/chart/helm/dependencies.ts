/**
 * Helm's dependency processing before a render (chartutil.ProcessDependenciesWithMerge):
 * aliases, `condition` (first path that resolves to a bool wins), `tags`, removal of disabled
 * subcharts, then `import-values` (both forms) into the parents' values.
 */
import type { HelmChart } from "./chart.js";
import { coalesceValues, deepCopy, isTable, mergeTables, mergeValues, type Values } from "./coalesce.js";
import { HelmDependencyMissing } from "./errors.js";
import type { HelmDependency } from "./metadata.js";
import { checkConstraints, newConstraint } from "../../gotemplate/sprig/semver-constraints.js";
import { newVersion } from "../../gotemplate/sprig/semver.js";
import { formatValue } from "../../gotemplate/fmt.js";

/** chartutil.IsCompatibleRange: false when either side does not parse. */
export function isCompatibleRange(constraint: string, version: string): boolean {
  try {
    return checkConstraints(newConstraint(constraint), newVersion(version));
  } catch {
    return false;
  }
}

/** Values.Table: the table at a dotted path, or undefined. */
export function valuesTable(v: Values, path: string): Values | undefined {
  let t: Values = v;
  for (const part of path.split(".")) {
    const next = t[part];
    if (!isTable(next)) return undefined;
    t = next;
  }
  return t;
}

/** Values.PathValue: a non-table value at a dotted path, or undefined. */
function pathValue(v: Values, path: string): { value: unknown } | undefined {
  const parts = path.split(".");
  const key = parts.pop()!;
  const t = parts.length === 0 ? v : valuesTable(v, parts.join("."));
  if (!t || !(key in t) || isTable(t[key])) return undefined;
  return { value: t[key] };
}

function processConditions(reqs: HelmDependency[], cvals: Values, cpath: string): void {
  for (const r of reqs) {
    for (const c of r.Condition.trim().split(",")) {
      if (c.length === 0) continue;
      const pv = pathValue(cvals, cpath + c);
      if (pv && typeof pv.value === "boolean") {
        r.Enabled = pv.value;
        break;
      }
    }
  }
}

function processTags(reqs: HelmDependency[], cvals: Values): void {
  const vt = cvals["tags"];
  if (!isTable(vt)) return;
  for (const r of reqs) {
    let hasTrue = false;
    let hasFalse = false;
    for (const k of r.Tags) {
      const b = vt[k];
      if (b === true) hasTrue = true;
      else if (b === false) hasFalse = true;
    }
    if (!hasTrue && hasFalse) r.Enabled = false;
    else if (hasTrue || (!hasTrue && !hasFalse)) r.Enabled = true;
  }
}

function aliasDependency(charts: readonly HelmChart[], dep: HelmDependency): HelmChart | undefined {
  for (const c of charts) {
    if (c.name() !== dep.Name) continue;
    if (!isCompatibleRange(dep.Version, c.metadata.Version)) continue;
    const md = { ...c.metadata };
    if (dep.Alias !== "") md.Name = dep.Alias;
    return c.copyWithMetadata(md);
  }
  return undefined;
}

function processEnabled(c: HelmChart, v: Values, path: string): void {
  const reqs = c.metadata.Dependencies;
  if (reqs === null) return;
  const deps: HelmChart[] = [];
  outer: for (const existing of c.dependencies()) {
    for (const req of reqs) {
      if (req && existing.name() === req.Name && isCompatibleRange(req.Version, existing.metadata.Version)) continue outer;
    }
    deps.push(existing);
  }
  for (const req of reqs) {
    if (!req) continue;
    const aliased = aliasDependency(c.dependencies(), req);
    if (aliased) deps.push(aliased);
    if (req.Alias !== "") req.Name = req.Alias;
  }
  c.setDependencies(...deps);
  const live = reqs.filter((r): r is HelmDependency => r !== null);
  for (const r of live) r.Enabled = true;
  const cvals = coalesceValues(c, v);
  processTags(live, cvals);
  processConditions(live, cvals, path);
  const removed = new Set(live.filter((r) => !r.Enabled).map((r) => r.Name));
  const kept = c.dependencies().filter((d) => !removed.has(d.metadata.Name));
  const keptMeta = live.filter((r) => !removed.has(r.Name));
  for (const t of kept) processEnabled(t, cvals, `${path}${t.metadata.Name}.`);
  c.metadata.Dependencies = keptMeta;
  c.setDependencies(...kept);
}

function pathToMap(path: string, data: Values): Values {
  if (path === ".") return data;
  let cur: Values = data;
  const parts = path.split(".");
  for (let i = parts.length - 1; i >= 0; i--) cur = { [parts[i]!]: cur };
  return cur;
}

function processImportValues(c: HelmChart): void {
  const reqs = c.metadata.Dependencies;
  if (reqs === null) return;
  const cvals = mergeValues(c, null);
  let b: Values = {};
  for (const r of reqs) {
    if (!r) continue;
    const out: unknown[] = [];
    for (const riv of r.ImportValues) {
      if (isTable(riv)) {
        const child = formatValue(riv["child"]);
        const parent = formatValue(riv["parent"]);
        out.push({ child, parent });
        const vv = valuesTable(cvals, `${r.Name}.${child}`);
        if (!vv) continue;
        b = mergeTables(b, pathToMap(parent, deepCopy(vv)));
      } else if (typeof riv === "string") {
        const child = `exports.${riv}`;
        out.push({ child, parent: "." });
        const vm = valuesTable(cvals, `${r.Name}.${child}`);
        if (!vm) continue;
        b = mergeTables(b, deepCopy(vm));
      }
    }
    r.ImportValues = out;
  }
  c.values = mergeTables(deepCopy(cvals), b);
}

function processImports(c: HelmChart): void {
  for (const d of c.dependencies()) processImports(d);
  processImportValues(c);
}

/** ProcessDependenciesWithMerge: enables/disables subcharts and imports values, in place. */
export function processDependencies(c: HelmChart, userValues: Values): void {
  processEnabled(c, userValues, "");
  processImports(c);
}

/** action.CheckDependencies: every dependency in Chart.yaml must be in charts/. */
export function checkDependencies(c: HelmChart): void {
  const reqs = c.metadata.Dependencies;
  if (reqs === null) return;
  const missing = reqs.filter((r) => r && !c.dependencies().some((d) => d.name() === r.Name)).map((r) => r!.Name);
  if (missing.length > 0) {
    throw new HelmDependencyMissing("An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: " +
        `found in Chart.yaml, but missing in charts/ directory: ${missing.join(", ")}`,
    );
  }
}
