/**
 * One problem found while loading a chart, coalescing values or rendering.
 *
 * @remarks
 * Errors that can find several problems at once (`ChartInvalid`, `ValuesInvalid`,
 * `RenderFailed`) collect all of them as issues instead of stopping at the first.
 */
export interface Issue {
  /** What is wrong and how to fix it. */
  readonly message: string;
  /** The file the problem is in, e.g. `web/templates/deployment.yaml`, when known. */
  readonly source?: string;
  /** The 1-based line in `source`, when known. */
  readonly line?: number;
  /** The 1-based column in `line`, when known (Go templates report it). */
  readonly column?: number;
  /** The value path involved, e.g. `image.tag`, when there is one. */
  readonly path?: string;
}

/** Formats issues one per line: `source:line: path: message`. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((issue) => `  - ${formatIssue(issue)}`).join("\n");
}

/** Formats one issue as `source:line: path: message`. */
export function formatIssue(issue: Issue): string {
  const where = issue.source ? `${issue.source}${issue.line ? `:${issue.line}${issue.column ? `:${issue.column}` : ""}` : ""}: ` : "";
  const path = issue.path ? `${issue.path}: ` : "";
  return `${where}${path}${issue.message}`;
}
