/** A column of a table: its header and how a row fills it. */
export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string | number;
}

/** One line per cell: newlines and tabs become spaces, so a cell never breaks the grid. */
function cell(value: string | number): string {
  return String(value).replace(/[\t\r\n]+/g, " ");
}

/**
 * Formats rows as an aligned plain-text table (Helm's style: upper-case headers, columns two
 * spaces apart, no trailing spaces). Column widths come from the content only — never the
 * terminal — so the same rows give the same bytes on a TTY, in a pipe and in CI.
 */
export function formatTable<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const grid = [columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => cell(c.value(row))))];
  const widths = columns.map((_, i) => Math.max(...grid.map((line) => line[i]!.length)));
  return grid.map((line) => line.map((text, i) => (i === line.length - 1 ? text : text.padEnd(widths[i]!))).join("  ").trimEnd()).join("\n") + "\n";
}

/** Formats `KEY: value` lines (Helm's `status` header), skipping undefined values. */
export function formatFields(fields: readonly (readonly [string, string | number | undefined])[]): string {
  return fields.filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => `${k}: ${cell(v!)}\n`).join("");
}
