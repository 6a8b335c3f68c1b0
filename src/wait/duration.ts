import { DurationInvalid } from "./errors.js";

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Reads a Go-style duration (`"90s"`, `"5m"`, `"1h30m"`, `"500ms"`) into milliseconds.
 * @param where - named in the error when the text is not a duration
 * @throws DurationInvalid
 */
export function parseDuration(text: string, where = "duration"): number {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(trimmed)) throw new DurationInvalid(text, where);
  let total = 0;
  for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(match[1]) * UNIT_MS[match[2]!]!;
  return total;
}

/**
 * Milliseconds of a duration given as a number of milliseconds or as text (`parseDuration`).
 * @param fallback - used when `value` is undefined
 * @throws DurationInvalid
 */
export function durationMs(value: number | string | undefined, fallback: number): number {
  return value === undefined ? fallback : typeof value === "number" ? value : parseDuration(value);
}
