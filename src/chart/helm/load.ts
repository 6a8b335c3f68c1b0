/**
 * Loading a Helm chart from a directory or a `.tgz` exactly as Helm v3's `loader.Load` does:
 * `.helmignore` (directory loads only), Chart.yaml, requirements.yaml/lock for v1 charts,
 * values.yaml, values.schema.json, templates/, subcharts from charts/ (directories and archives),
 * everything else as `.Files`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import { HelmChart, type HelmFile } from "./chart.js";
import { HelmChartInvalid, HelmError, helmError } from "./errors.js";
import { HelmIgnore, HelmIgnoreError } from "./ignore.js";
import { emptyMetadata, readMetadata, validateMetadata } from "./metadata.js";
import { readTgz } from "./tar.js";
import { readYamlMap, readYamlRaw, HelmYamlInvalid } from "./yaml-read.js";

const BOM = [0xef, 0xbb, 0xbf];

function trimBom(b: Uint8Array): Uint8Array {
  return b.length >= 3 && b[0] === BOM[0] && b[1] === BOM[1] && b[2] === BOM[2] ? b.subarray(3) : b;
}

const text = (b: Uint8Array): string => Buffer.from(b).toString("utf8");

/** Loads a chart from a directory or a chart archive (`.tgz`). Throws {@link HelmError}. */
export function loadHelmChart(path: string): HelmChart {
  const st = statSync(path);
  if (st.isDirectory()) return loadHelmDir(path);
  return loadHelmArchive(readFileSync(path), path);
}

/** Go's byte-order string comparison. */
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Loads a chart directory (Helm's `LoadDir`). */
export function loadHelmDir(dir: string): HelmChart {
  let rules: HelmIgnore;
  try {
    const ignoreFile = join(dir, ".helmignore");
    rules = statSync(ignoreFile, { throwIfNoEntry: false })?.isFile() ? HelmIgnore.parse(readFileSync(ignoreFile, "utf8")) : HelmIgnore.defaults();
  } catch (e) {
    if (e instanceof HelmIgnoreError) throw new HelmChartInvalid(e.message);
    throw e;
  }
  const files: HelmFile[] = [];
  const walk = (abs: string, rel: string): void => {
    for (const entry of readdirSync(abs).sort(byteOrder)) {
      const childAbs = join(abs, entry);
      const childRel = rel ? `${rel}/${entry}` : entry;
      const st = statSync(childAbs);
      if (st.isDirectory()) {
        if (!rules.ignores(childRel, true)) walk(childAbs, childRel);
        continue;
      }
      if (rules.ignores(childRel, false)) continue;
      if (!st.isFile()) throw new HelmChartInvalid(`cannot load irregular file ${childAbs} as it has file mode type bits set`);
      files.push({ name: childRel, data: trimBom(readFileSync(childAbs)) });
    }
  };
  walk(dir, "");
  return loadHelmFiles(files);
}

/** Loads a chart archive (Helm's `LoadArchive`). */
export function loadHelmArchive(data: Uint8Array, source = "archive"): HelmChart {
  let entries;
  try {
    entries = readTgz(data);
  } catch (e) {
    throw new HelmChartInvalid(`file '${source}' does not appear to be a valid chart file (details: ${(e as Error).message})`);
  }
  const files: HelmFile[] = [];
  for (const e of entries) {
    const delim = e.name.includes("\\") ? "\\" : "/";
    const parts = e.name.split(delim);
    let n = parts.slice(1).join("/");
    if (n.startsWith("/")) throw new HelmChartInvalid("chart illegally contains absolute paths");
    n = posix.normalize(n).replace(/\/$/, "");
    if (n === "." || n === "") throw new HelmChartInvalid(`chart illegally contains content outside the base directory: ${JSON.stringify(e.name)}`);
    if (n.startsWith("..")) throw new HelmChartInvalid("chart illegally references parent directory");
    if (parts[0] === "Chart.yaml") throw new HelmChartInvalid("chart yaml not in base directory");
    files.push({ name: n, data: trimBom(e.data) });
  }
  if (files.length === 0) throw new HelmChartInvalid("no files in chart archive");
  return loadHelmFiles(files);
}

function wrapYaml<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof HelmYamlInvalid) throw new HelmChartInvalid(`cannot load ${file}: ${e.message}`);
    throw e;
  }
}

/** Builds a chart from its files (Helm's `LoadFiles`). */
export function loadHelmFiles(files: readonly HelmFile[]): HelmChart {
  const chartYaml = files.find((f) => f.name === "Chart.yaml");
  const md = emptyMetadata();
  let haveMetadata = false;
  if (chartYaml) {
    readMetadata(text(chartYaml.data), "Chart.yaml", md);
    if (md.APIVersion === "") md.APIVersion = "v1";
    haveMetadata = true;
  }
  const c = new HelmChart(md);
  const subcharts = new Map<string, HelmFile[]>();
  for (const f of files) {
    const name = f.name;
    if (name === "Chart.yaml") continue;
    if (name === "Chart.lock") {
      wrapYaml("Chart.lock", () => readYamlRaw(text(f.data)));
      c.hasLock = true;
    } else if (name === "values.yaml") {
      c.values = wrapYaml("values.yaml", () => readYamlMap(text(f.data)));
    } else if (name === "values.schema.json") {
      c.schema = f.data;
    } else if (name === "requirements.yaml") {
      haveMetadata = true;
      readMetadata(text(f.data), "requirements.yaml", md);
      if (md.APIVersion === "v1") c.files.push(f);
    } else if (name === "requirements.lock") {
      wrapYaml("requirements.lock", () => readYamlRaw(text(f.data)));
      c.hasLock = true;
      haveMetadata = true;
      if (md.APIVersion === "v1") c.files.push(f);
    } else if (name.startsWith("templates/")) {
      c.templates.push(f);
    } else if (name.startsWith("charts/")) {
      if (posix.extname(name) === ".prov") {
        c.files.push(f);
        continue;
      }
      const rest = name.slice("charts/".length);
      const cname = rest.split("/")[0]!;
      const list = subcharts.get(cname) ?? [];
      list.push({ name: rest, data: f.data });
      subcharts.set(cname, list);
    } else c.files.push(f);
  }
  if (!haveMetadata) throw new HelmChartInvalid("Chart.yaml file is missing");
  validateMetadata(md);
  for (const n of [...subcharts.keys()].sort(byteOrder)) {
    const list = subcharts.get(n)!;
    if (n.startsWith("_") || n.startsWith(".")) continue;
    let sc: HelmChart;
    try {
      if (posix.extname(n) === ".tgz") {
        const file = list[0]!;
        if (file.name !== n) throw new HelmChartInvalid(`error unpacking subchart tar in ${c.name()}: expected ${n}, got ${file.name}`);
        sc = loadHelmArchive(file.data, n);
      } else {
        const buff: HelmFile[] = [];
        for (const f of list) {
          const slash = f.name.indexOf("/");
          if (slash < 0) continue;
          buff.push({ name: f.name.slice(slash + 1), data: f.data });
        }
        sc = loadHelmFiles(buff);
      }
    } catch (e) {
      if (e instanceof HelmError) throw helmError(e.code, `error unpacking subchart ${n} in ${c.name()}: ${e.message}`, { cause: e });
      throw e;
    }
    c.addDependency(sc);
  }
  return c;
}
