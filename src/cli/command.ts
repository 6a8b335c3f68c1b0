import { parseArgs, type ParseArgsConfig } from "node:util";

/** What a command writes to; the CLI passes process streams, tests pass buffers. */
export interface CliIO {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly signal: AbortSignal;
  /**
   * Where confirmations are read from (`berth deploy` asks before applying): text chunks, as
   * `process.stdin` yields them. Absent or not a TTY: commands that would ask refuse instead.
   */
  readonly stdin?: AsyncIterable<string | Uint8Array> & { readonly isTTY?: boolean };
}

/** Reads one line from `io.stdin` (without its newline); `null` at end of input or without stdin. */
export async function readLine(io: CliIO): Promise<string | null> {
  if (!io.stdin) return null;
  let text = "";
  for await (const chunk of io.stdin) {
    text += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    const end = text.indexOf("\n");
    if (end >= 0) return text.slice(0, end).replace(/\r$/, "");
  }
  return text === "" ? null : text;
}

/** One CLI command: a thin shell over a library action. Returns the exit code. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full `--help` text. */
  readonly help: string;
  readonly options: NonNullable<ParseArgsConfig["options"]>;
  run(args: { values: Record<string, unknown>; positionals: string[] }, io: CliIO): Promise<number>;
}

/** Parses a command's arguments with node:util's parseArgs (strict, positionals allowed). */
export function parseCommandArgs(command: Command, argv: string[]) {
  return parseArgs({
    args: argv,
    options: { ...command.options, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
    strict: true,
  });
}
