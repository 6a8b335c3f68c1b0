import { yamlModule } from "../../util/yaml-lazy.js";
import { BerthError } from "../../errors.js";

/** How a command prints data: an aligned table (or text) for people, JSON or YAML for programs. */
export type OutputFormat = "table" | "json" | "yaml";

/** The `-o/--output` option, for a command's `options`. */
export const OUTPUT_OPTION = { output: { type: "string", short: "o" } } as const;

/** The help line of {@link OUTPUT_OPTION}. */
export const OUTPUT_HELP = "  -o, --output <format>     table (default) | json | yaml\n";

/** A command line that cannot be carried out as written; the message says what to change. */
export class UsageError extends BerthError {
  /** @param command - the command, e.g. `history` @param problem - what is wrong with the arguments */
  constructor(command: string, problem: string) {
    super("UsageError", `berth ${command}: ${problem}. See \`berth ${command} --help\`.`);
  }
}

/** Reads `-o/--output` from parsed values. @defaultValue "table" @throws UsageError */
export function outputFormat(command: string, values: Record<string, unknown>): OutputFormat {
  const value = values["output"];
  if (value === undefined) return "table";
  if (value === "table" || value === "json" || value === "yaml") return value;
  throw new UsageError(command, `unknown output format "${String(value)}"; use table, json or yaml`);
}

/**
 * Serialises data as JSON (2-space indent) or YAML (YAML 1.1 quoting, so `yes`/`on` stay strings
 * for kubectl and Helm), newline-terminated. Key order is the objects' own: callers build them in a
 * fixed order, so the same data gives the same bytes.
 */
export function formatData(data: unknown, format: "json" | "yaml"): string {
  if (format === "json") return `${JSON.stringify(data, null, 2)}\n`;
  return yamlModule().stringify(data, { version: "1.1", lineWidth: 0, aliasDuplicateObjects: false });
}

/** Reads a required positional argument. @throws UsageError */
export function requirePositional(command: string, positionals: readonly string[], index: number, what: string): string {
  const value = positionals[index];
  if (value === undefined || value === "") throw new UsageError(command, `missing ${what}`);
  return value;
}

/** Reads an optional non-negative integer option (e.g. `--revision`). @throws UsageError */
export function integerOption(command: string, values: Record<string, unknown>, name: string): number | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^\d+$/.test(value)) throw new UsageError(command, `--${name} must be a whole number, got "${String(value)}"`);
  return Number(value);
}
