/** ANSI: move the cursor one line up, then erase that whole line. */
export const UP_AND_ERASE = "\x1b[1A\x1b[2K";

/**
 * A block of lines at the bottom of a terminal that is redrawn in place, with permanent lines
 * printed above it (they scroll away like ordinary output). Each render is one write: erase the
 * previous block (cursor up + erase line per line), print the new permanent lines, print the block.
 * Block lines are cut to the terminal width so none wraps (a wrapped line would break the erase).
 */
export class LiveArea {
  private drawn = 0;

  /**
   * @param out - the terminal stream
   * @param columns - the terminal width, read at each render (lines are cut to one less)
   */
  constructor(
    private readonly out: { write(text: string): unknown },
    private readonly columns: () => number,
  ) {}

  /** Replaces the block with `live`, after printing `permanent` above it. */
  render(permanent: readonly string[], live: readonly string[]): void {
    if (this.drawn === 0 && permanent.length === 0 && live.length === 0) return;
    const width = Math.max(20, this.columns() - 1);
    const cut = (line: string) => (line.length > width ? `${line.slice(0, width - 1)}…` : line);
    const text = UP_AND_ERASE.repeat(this.drawn) + permanent.map((l) => `${l}\n`).join("") + live.map((l) => `${cut(l)}\n`).join("");
    this.drawn = live.length;
    this.out.write(text);
  }
}
