// Runs the CLI in-process with buffered output, as the CLI tests need.
import type { Readable } from "node:stream";
import { runCli } from "../../src/cli/main.js";

/** What one CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `berth <argv>` in-process; `cwd` defaults to the process's, `stdin` is optional. */
export async function runBerth(argv: readonly string[], options: { cwd?: string; stdin?: Readable & { isTTY?: boolean } } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli([...argv], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: {},
    cwd: options.cwd ?? process.cwd(),
    signal: new AbortController().signal,
    ...(options.stdin ? { stdin: options.stdin } : {}),
  });
  return { code, stdout, stderr };
}
