/** One line of a line diff: kept (` `), removed (`-`) or added (`+`). */
export interface DiffLine {
  readonly mark: " " | "-" | "+";
  readonly text: string;
}

/** Above this many cells the middle of a diff is shown as removed-then-added (no alignment). */
const MAX_TABLE_CELLS = 4_000_000;

/** A minimal line diff (longest common subsequence), common prefix and suffix trimmed first. */
export function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head = a.slice(0, start).map((text) => ({ mark: " " as const, text }));
  const tail = a.slice(endA).map((text) => ({ mark: " " as const, text }));
  return [...head, ...alignMiddle(a.slice(start, endA), b.slice(start, endB)), ...tail];
}

function alignMiddle(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_TABLE_CELLS || n === 0 || m === 0) {
    return [...a.map((text) => ({ mark: "-" as const, text })), ...b.map((text) => ({ mark: "+" as const, text }))];
  }
  // lcs[i * (m + 1) + j] = LCS length of a[i..] and b[j..]
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = a[i] === b[j] ? (lcs[(i + 1) * (m + 1) + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * (m + 1) + j] ?? 0, lcs[i * (m + 1) + j + 1] ?? 0);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ mark: " ", text: a[i++] as string });
      j++;
    } else if ((lcs[(i + 1) * (m + 1) + j] ?? 0) >= (lcs[i * (m + 1) + j + 1] ?? 0)) out.push({ mark: "-", text: a[i++] as string });
    else out.push({ mark: "+", text: b[j++] as string });
  }
  while (i < n) out.push({ mark: "-", text: a[i++] as string });
  while (j < m) out.push({ mark: "+", text: b[j++] as string });
  return out;
}

/**
 * Unified-diff hunks (`@@ -a,b +c,d @@` headers) with `context` lines around each change; kept
 * lines far from any change are left out. Returns the lines (without trailing newlines).
 */
export function unifiedHunks(lines: readonly DiffLine[], context = 3): string[] {
  const changed = lines.map((l) => l.mark !== " ");
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!changed[i]) {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // extend the hunk while the next change is within 2 * context kept lines
    for (let k = i; k < lines.length; k++) if (changed[k]) {
      if (k - end - 1 > 2 * context) break;
      end = k;
    }
    const stop = Math.min(lines.length, end + context + 1);
    out.push(hunkHeader(lines, start, stop), ...lines.slice(start, stop).map((l) => `${l.mark}${l.text}`));
    i = stop;
  }
  return out;
}

function hunkHeader(lines: readonly DiffLine[], start: number, stop: number): string {
  const count = (from: number, to: number, mark: "-" | "+") => lines.slice(from, to).filter((l) => l.mark === " " || l.mark === mark).length;
  const oldStart = count(0, start, "-");
  const newStart = count(0, start, "+");
  const oldLen = count(start, stop, "-");
  const newLen = count(start, stop, "+");
  return `@@ -${oldLen ? oldStart + 1 : oldStart},${oldLen} +${newLen ? newStart + 1 : newStart},${newLen} @@`;
}
