import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isAlive } from "./cache.js";
import { killNow } from "./processes.js";

/** File in a run directory recording which process owns the run and which processes it started. */
const OWNER_FILE = "owner.json";

interface OwnerRecord {
  readonly owner: number;
  readonly detached: boolean;
  readonly pids: readonly number[];
}

/** Records the run's owner and processes, so a later start can clean up after an owner that was killed. */
export async function recordOwner(dir: string, record: OwnerRecord): Promise<void> {
  await writeFile(join(dir, OWNER_FILE), JSON.stringify(record));
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
    const record = await readFile(join(dir, OWNER_FILE), "utf8").then((t) => JSON.parse(t) as OwnerRecord, () => undefined);
    if (!record || record.detached || isAlive(record.owner)) continue;
    killNow(record.pids);
    await rm(dir, { recursive: true, force: true });
    reaped++;
  }
  return reaped;
}
