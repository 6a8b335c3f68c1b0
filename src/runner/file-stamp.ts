// A file's stamp (size, mtime, ctime, inode), as git's index keeps one: when all are as recorded, the
// file's content is taken as unchanged without reading it. The caches of type checks and of script
// bundles key on stamps.
import { statSync, type Stats } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** Size, mtime and ctime (ms) and inode of a file. */
export type FileStamp = readonly [size: number, mtimeMs: number, ctimeMs: number, ino: number];

/**
 * A stamp is trusted only when the file was last modified this long before it is compared: a write
 * within the same timestamp tick (coarse on some file systems) right after the file was read would
 * otherwise go unnoticed.
 */
export const RACY_MS = 2000;

/** The stamp of a file's stats. */
export const stampOf = (s: Stats): FileStamp => [s.size, s.mtimeMs, s.ctimeMs, s.ino];

/** The stamp of `path`; `undefined` when it does not exist. */
export function stampFile(path: string): FileStamp | undefined {
  const stats = statSync(path, { throwIfNoEntry: false });
  return stats ? stampOf(stats) : undefined;
}

/** True when `path`'s stamp is as recorded and old enough to be trusted (see {@link RACY_MS}). */
export function stampUnchanged(path: string, recorded: FileStamp | undefined, now: number): boolean {
  if (!recorded) return false;
  const current = statSync(path, { throwIfNoEntry: false });
  if (!current) return false;
  const [size, mtimeMs, ctimeMs, ino] = recorded;
  return current.size === size && current.mtimeMs === mtimeMs && current.ctimeMs === ctimeMs && current.ino === ino && Math.max(mtimeMs, ctimeMs) < now - RACY_MS;
}

/** Writes a cache file atomically (a temp file renamed over it); false when it cannot be written. */
export async function writeAtomically(target: string, content: string): Promise<boolean> {
  const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(temp, content);
    await rename(temp, target);
    return true;
  } catch {
    return false;
  }
}
