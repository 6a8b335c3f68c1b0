// Small chart directories for the package/repository/registry tests. Templates are plain YAML so
// both helm (Go templates) and berth render them the same.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Writes a chart `name`@`version` with one ConfigMap template into a fresh folder; returns the chart dir. */
export async function writeChart(name: string, version: string, extra: Record<string, string> = {}, parent?: string): Promise<string> {
  const root = parent ?? (await mkdtemp(join(tmpdir(), "berth-chart-")));
  const dir = join(root, name);
  const files: Record<string, string> = {
    "Chart.yaml": `apiVersion: v2\nname: ${name}\nversion: ${version}\nappVersion: "1.0"\ndescription: The ${name} chart\n`,
    "values.yaml": "greeting: hello\n",
    "templates/configmap.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-static\ndata:\n  version: "${version}"\n`,
    ...extra,
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

/** A fresh empty folder. */
export const tempDir = (prefix = "berth-") => mkdtemp(join(tmpdir(), prefix));

/** Chart paths (config + cache) isolated to one test. */
export async function isolatedPaths(): Promise<{ configDir: string; cacheDir: string; dockerConfig: string }> {
  const root = await tempDir("berth-home-");
  return { configDir: join(root, "config"), cacheDir: join(root, "cache"), dockerConfig: join(root, "docker", "config.json") };
}

/** Runs `berth <argv>` in-process with chart config/cache isolated to `paths`. */
export async function berthWith(paths: { configDir: string; cacheDir: string; dockerConfig?: string }, argv: readonly string[], cwd = process.cwd()): Promise<{ code: number; stdout: string; stderr: string }> {
  const { runCli } = await import("../../src/cli/main.js");
  let stdout = "";
  let stderr = "";
  const env: Record<string, string> = { BERTH_CONFIG_HOME: paths.configDir, BERTH_CACHE_DIR: paths.cacheDir, HOME: join(paths.configDir, "..") };
  if (paths.dockerConfig) env["DOCKER_CONFIG"] = dirname(paths.dockerConfig);
  const code = await runCli([...argv], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env,
    cwd,
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}
