import { access, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { cacheDirOf, type ChartPaths } from "../repo/config.js";
import type { ChartFiles } from "./archive.js";

/**
 * Writes a package's files once to `<cache>/charts/unpacked/<digest>/<name>/` (content-addressed,
 * so never rewritten) and returns that folder, for loaders that read chart directories.
 */
export async function unpackChart(files: ChartFiles, name: string, digest: string, paths: ChartPaths = {}): Promise<string> {
  const root = join(cacheDirOf(paths), "charts", "unpacked", digest.replace(":", "-"));
  const dir = join(root, name);
  if (await access(dir).then(() => true, () => false)) return dir;
  const tmp = `${root}.${process.pid}.${Date.now()}.tmp`;
  for (const [path, data] of files) {
    const target = join(tmp, name, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, data);
  }
  await mkdir(dirname(root), { recursive: true });
  try {
    await rename(tmp, root);
  } catch (e) {
    // Another process unpacked the same digest first: theirs is identical.
    await rm(tmp, { recursive: true, force: true });
    if (!(await access(dir).then(() => true, () => false))) throw e;
  }
  return dir;
}
