import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { parseChartYaml } from "../chart-yaml.js";
import { ChartInvalid } from "../errors.js";
import { writeChartArchive, type ChartFiles } from "./archive.js";
import { sha256Digest } from "./digest.js";
import { listPackagedFiles, readHelmIgnore } from "./helmignore.js";

/** Options of {@link packageChart}. */
export interface PackageOptions {
  /** Folder the `.tgz` is written to. @defaultValue the current directory */
  readonly destination?: string;
}

/** A chart package that was written. */
export interface PackagedChart {
  /** Path of `<name>-<version>.tgz`. */
  readonly path: string;
  /** The chart's name. */
  readonly name: string;
  /** The chart version (or, for requirements, the range). */
  readonly version: string;
  /** `sha256:<hex>` of the package bytes. */
  readonly digest: string;
}

/**
 * Packages a chart directory as `<name>-<version>.tgz`, the archive `helm package` makes: the
 * files `.helmignore` keeps, under one top folder named after the chart. Deterministic: the same
 * files give the same bytes and digest.
 *
 * @throws {@link ChartInvalid} when `Chart.yaml` is missing or invalid, or a dependency is not in `charts/`
 */
export async function packageChart(dir: string, options: PackageOptions = {}): Promise<PackagedChart> {
  const root = resolve(dir);
  const { files, name, version } = await readChartDirectory(root);
  const bytes = writeChartArchive(name, files);
  const destination = resolve(options.destination ?? ".");
  await mkdir(destination, { recursive: true });
  const path = join(destination, `${name}-${version}.tgz`);
  await writeFile(path, bytes);
  return { path, name, version, digest: sha256Digest(bytes) };
}

/** Reads the files Helm would package from a chart directory, after checking `Chart.yaml`. */
export async function readChartDirectory(root: string): Promise<{ files: ChartFiles; name: string; version: string }> {
  const text = await readFile(join(root, "Chart.yaml"), "utf8").catch(() => undefined);
  if (text === undefined) throw new ChartInvalid(root, [{ source: join(root, "Chart.yaml"), message: "Chart.yaml not found: is this a chart directory?" }]);
  const { chart, issues } = parseChartYaml(text, `${basename(root)}/Chart.yaml`);
  if (!chart || issues.length > 0) throw new ChartInvalid(chart?.metadata.name ?? root, issues);
  const rules = await readHelmIgnore(root);
  const paths = await listPackagedFiles(root, rules);
  const files: ChartFiles = new Map();
  for (const p of paths) files.set(p, await readFile(join(root, p)));
  const missing = chart.dependencies.filter((d) => !d.repository?.startsWith("file://") && !hasVendored(paths, d.name));
  if (missing.length > 0) {
    throw new ChartInvalid(chart.metadata.name, missing.map((d) => ({
      source: `${chart.metadata.name}/Chart.yaml`,
      path: `dependencies.${d.name}`,
      message: `found in Chart.yaml but missing in charts/: run \`berth dependency update ${root}\``,
    })));
  }
  return { files, name: chart.metadata.name, version: chart.metadata.version };
}

function hasVendored(paths: readonly string[], name: string): boolean {
  return paths.some((p) => p.startsWith(`charts/${name}/`) || (p.startsWith(`charts/${name}-`) && p.endsWith(".tgz") && !p.slice(7).includes("/")));
}
