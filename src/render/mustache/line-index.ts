const cache = new Map<string, number[]>();

/** The 1-based line of character `offset` in `text` (line starts are cached per text). */
export function lineOf(text: string, offset: number): number {
  let starts = cache.get(text);
  if (!starts) {
    starts = [0];
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    if (cache.size > 500) cache.clear();
    cache.set(text, starts);
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** The text of 1-based line `line` of `text`. */
export function lineText(text: string, line: number): string {
  return text.split("\n")[line - 1] ?? "";
}
