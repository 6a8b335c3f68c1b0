import { BerthError } from "../errors.js";
import { berthPackage } from "../runner/package-root.js";
import { parseCommandArgs, type CliIO } from "./command.js";
import { commandEntries as commands } from "./commands/registry.js";

const version = () => berthPackage()?.version ?? "unknown";

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `berth — deploy to Kubernetes the way Helm does, as TypeScript code\n\nUsage: berth <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nRun 'berth <command> --help' for a command's options. 'berth --version' prints the version.\n`;
}

/** Runs the CLI with the given arguments and IO; returns the exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(usage());
    return name === undefined ? 1 : 0;
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write(`${version()}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`berth: unknown command '${name}'\n\n${usage()}`);
    return 1;
  }
  const command = await entry.load();
  let parsed;
  try {
    parsed = parseCommandArgs(command, rest);
  } catch (e) {
    io.stderr.write(`berth ${name}: ${(e as Error).message}\n\n${command.help}`);
    return 1;
  }
  if (parsed.values.help) {
    io.stdout.write(command.help);
    return 0;
  }
  try {
    // A command run in-process after another's deploy script is outside that script's run. The
    // run-mode module (its slot's global key) is loaded only once a script ran: `--version` loads
    // a handful of files.
    if (Symbol.for("berth.run-mode") in globalThis) await (await import("../actions/run-mode.js")).leaveRunMode();
    return await command.run(parsed as { values: Record<string, unknown>; positionals: string[] }, io);
  } catch (e) {
    if (e instanceof BerthError) {
      io.stderr.write(`Error [${e.code}]: ${e.message}\n`);
    } else {
      // Never a stack trace: users get the message; an unexpected error is a bug to report.
      const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      io.stderr.write(`Error [Unexpected]: ${message.split("\n    at ")[0]}\n(this is a bug in berth; please report it with the command you ran)\n`);
    }
    return 1;
  }
}

