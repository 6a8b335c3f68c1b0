import { spawn, type ChildProcess } from "node:child_process";
import { openSync, closeSync, readFileSync } from "node:fs";
import { isAlive } from "./cache.js";

/** A control-plane process berth started, with its log file. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly log: string;
  /** Set once the process has exited (for processes started by this process only). */
  exitCode(): number | null | undefined;
}

/**
 * Starts a process with its output in a log file. `detached` processes outlive this one
 * (for `berth local up`); attached ones are tracked for early-exit detection.
 */
export function startProcess(name: string, binary: string, args: string[], log: string, detached: boolean): ManagedProcess {
  const fd = openSync(log, "a");
  let child: ChildProcess;
  try {
    child = spawn(binary, args, { stdio: ["ignore", fd, fd], detached, env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin" } });
  } finally {
    closeSync(fd);
  }
  let exited: number | null | undefined;
  child.once("exit", (code, signal) => (exited = code ?? (signal ? -1 : null)));
  child.once("error", () => (exited = -1));
  if (detached) child.unref();
  const pid = child.pid ?? -1;
  return { name, pid, log, exitCode: () => exited };
}

/** Stops processes in the given order: SIGTERM, then SIGKILL for any still alive after `graceMs`. */
export async function stopProcesses(pids: readonly number[], graceMs = 5000): Promise<void> {
  for (const pid of pids) signal(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some((pid) => isAlive(pid) && !isZombie(pid))) {
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const pid of pids) if (isAlive(pid)) signal(pid, "SIGKILL");
}

/** Synchronous SIGKILL of every pid, for exit handlers that cannot wait. */
export function killNow(pids: readonly number[]): void {
  for (const pid of pids) signal(pid, "SIGKILL");
}

function signal(pid: number, sig: NodeJS.Signals): void {
  if (pid <= 0) return;
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}
