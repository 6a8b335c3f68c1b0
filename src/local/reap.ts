import { readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isAlive } from "./cache.js";
import { killNow } from "./processes.js";

/** File in a run directory recording which process owns the run and which processes it started. */
const OWNER_FILE = "owner.json";

/** Who owns a run and which processes it started. */
export interface OwnerRecord {
  readonly owner: number;
  readonly detached: boolean;
  readonly pids: readonly number[];
}

/**
 * Records the run's owner and processes, so a later start can clean up after an owner that was killed.
 * Written to a temporary file and renamed, so a reader never sees a half-written record.
 */
export async function recordOwner(dir: string, record: OwnerRecord): Promise<void> {
  const temporary = join(dir, `${OWNER_FILE}.${process.pid}.tmp`);
  await writeFile(temporary, JSON.stringify(record));
  await rename(temporary, join(dir, OWNER_FILE));
}

/** Reads a run's owner record; `undefined` when there is none or it cannot be read. */
export async function readOwner(dir: string): Promise<OwnerRecord | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, OWNER_FILE), "utf8")) as OwnerRecord;
  } catch {
    return undefined;
  }
}

/**
 * Kills the processes of earlier attached runs whose owner died without stopping them (a test run
 * killed with SIGKILL, say), and removes their run directories. Detached runs (`berth local up`) are kept.
 */
export async function reapStaleRuns(parent: string, prefix: string): Promise<number> {
  let reaped = 0;
  const names = await readdir(parent).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(prefix))) {
    const dir = join(parent, name);
    const record = await readOwner(dir);
    if (!record || record.detached || isAlive(record.owner)) continue;
    killNow(record.pids);
    await rm(dir, { recursive: true, force: true });
    reaped++;
  }
  return reaped;
}
