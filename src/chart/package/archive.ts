import { gunzipSync, gzipSync } from "node:zlib";
import { ChartArchiveInvalid, type ChartSourceContext } from "./errors.js";
import { readTar, writeTar } from "./tar.js";

/** A chart's files by path relative to the chart's root (`Chart.yaml`, `templates/x.yaml`, …). */
export type ChartFiles = Map<string, Uint8Array>;

/**
 * Reads a chart archive (`.tgz`, gzip of a tar with one top folder `<name>/`), as Helm does:
 * the top folder is dropped, paths that climb out (`..`) or are absolute are refused.
 *
 * @throws {@link ChartArchiveInvalid} naming `ctx`
 */
export function readChartArchive(bytes: Uint8Array, ctx: ChartSourceContext): { name: string; files: ChartFiles } {
  let tar: Uint8Array;
  try {
    tar = gunzipSync(bytes);
  } catch (e) {
    throw new ChartArchiveInvalid(ctx, "not a gzip file: a chart package is a .tgz made by `berth package` or `helm package`", { cause: e });
  }
  let entries;
  try {
    entries = readTar(tar);
  } catch (e) {
    throw new ChartArchiveInvalid(ctx, `not a tar archive: ${(e as Error).message}`, { cause: e });
  }
  const files: ChartFiles = new Map();
  let top: string | undefined;
  for (const entry of entries) {
    const parts = entry.name.replace(/\\/g, "/").replace(/^\.\//, "").split("/").filter((p) => p !== "");
    if (entry.name.startsWith("/") || parts.includes("..")) throw new ChartArchiveInvalid(ctx, `archive entry ${JSON.stringify(entry.name)} escapes the chart folder`);
    if (parts.length < 2) continue;
    top ??= parts[0];
    files.set(parts.slice(1).join("/"), entry.data);
  }
  const chartYaml = files.get("Chart.yaml");
  if (!top || !chartYaml) throw new ChartArchiveInvalid(ctx, "no Chart.yaml under the archive's top folder: is this a chart package?");
  return { name: top, files };
}

/** Helm's order in a package: Chart.yaml, Chart.lock, values, schema, templates, other files, subcharts. */
function rank(path: string): number {
  const fixed = ["Chart.yaml", "Chart.lock", "values.yaml", "values.schema.json"].indexOf(path);
  if (fixed >= 0) return fixed;
  if (path.startsWith("templates/")) return 4;
  if (path.startsWith("charts/")) return 6;
  return 5;
}

/**
 * Writes a chart archive: every file under the top folder `<name>/`, in Helm's order, mode 0644,
 * timestamps zeroed. Same files, same bytes (and so the same digest).
 */
export function writeChartArchive(name: string, files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const paths = [...files.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const tar = writeTar(paths.map((p) => ({ name: `${name}/${p}`, data: files.get(p)! })));
  return gzipSync(tar, { level: 9 });
}
