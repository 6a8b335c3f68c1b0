import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { ChartInvalid } from "../errors.js";
import type { HelmDependency } from "./lock.js";

/** A chart directory's identity and its `Chart.yaml` dependencies, read as Helm reads them. */
export interface ChartRequirements {
  readonly name: string;
  readonly version: string;
  readonly dependencies: HelmDependency[];
}

/** Reads `Chart.yaml`'s name, version and dependencies (every field Helm hashes into `Chart.lock`). */
export async function readRequirements(chartDir: string): Promise<ChartRequirements> {
  const path = join(chartDir, "Chart.yaml");
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text === undefined) throw new ChartInvalid(chartDir, [{ source: path, message: "Chart.yaml not found: is this a chart directory?" }]);
  let raw: Record<string, unknown>;
  try {
    raw = (parse(text, { schema: "failsafe" }) ?? {}) as Record<string, unknown>;
  } catch (e) {
    throw new ChartInvalid(chartDir, [{ source: path, message: `YAML syntax error: ${(e as Error).message.split("\n")[0]}` }]);
  }
  const list = Array.isArray(raw["dependencies"]) ? (raw["dependencies"] as Array<Record<string, unknown>>) : [];
  const dependencies = list.map((d, i) => {
    if (typeof d?.["name"] !== "string" || d["name"] === "") throw new ChartInvalid(String(raw["name"] ?? chartDir), [{ source: path, path: `dependencies[${i}]`, message: "each dependency needs a name" }]);
    const str = (k: string) => (typeof d[k] === "string" && d[k] !== "" ? { [k]: d[k] as string } : {});
    return {
      name: d["name"],
      ...str("version"),
      repository: typeof d["repository"] === "string" ? d["repository"] : "",
      ...str("condition"),
      ...(Array.isArray(d["tags"]) && d["tags"].length > 0 && { tags: d["tags"].map(String) }),
      ...(d["enabled"] === "true" && { enabled: true }),
      ...(Array.isArray(d["import-values"]) && d["import-values"].length > 0 && { "import-values": d["import-values"] as unknown[] }),
      ...str("alias"),
    } as HelmDependency;
  });
  return { name: String(raw["name"] ?? ""), version: String(raw["version"] ?? ""), dependencies };
}
