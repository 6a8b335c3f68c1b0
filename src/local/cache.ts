import { mkdir, open, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { sleep } from "../kube/retry.js";

/** True when a process with this pid is alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Runs `fn` holding an exclusive file lock (create-if-absent with the holder's pid), so two
 * processes never build the same binary at once. A lock whose holder died is taken over.
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  await mkdir(join(path, ".."), { recursive: true });
  for (;;) {
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = Number((await readFile(path, "utf8").catch(() => "")).trim());
      const age = Date.now() - (await stat(path).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if ((Number.isInteger(holder) && holder > 0 && !isAlive(holder)) || (!holder && age > 10_000)) {
        await rm(path, { force: true });
        continue;
      }
      await sleep(500, signal);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}
