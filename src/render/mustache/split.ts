// Splits a template's output into its YAML documents without parsing, so each distinct
// document text is parsed once (see parse-cache.ts). `yaml`'s lexer ends every construct —
// plain, quoted and block scalars, flow collections — at a line that starts with `---`
// followed by a space, tab, line break or the end: that line always starts a new document.
// Anything that would make the split less obvious (`...` markers, directives, a byte-order
// mark, private-use U+E002) returns `undefined` and the caller parses the whole text.

/** One document's text: where it starts in the output and its placeholders renumbered from 0. */
export interface Chunk {
  /** Offset of the chunk in the whole output. */
  readonly start: number;
  /** The chunk text with placeholders renumbered `⟦0⟧, ⟦1⟧…` in order: the parse-cache key. */
  readonly key: string;
  /** For each local placeholder index, the index of the slot in the whole output. */
  readonly slots: readonly number[];
  /** Per placeholder: its offset in `key`, and how much longer it is in the output than in `key`. */
  readonly shifts: readonly (readonly [at: number, by: number])[];
}

const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/** True when `ch` may follow `---` for it to be a document marker (`yaml`'s `isEmpty`). */
function endsMarker(ch: string | undefined): boolean {
  return ch === undefined || ch === " " || ch === "\n" || ch === "\r" || ch === "\t";
}

function isMarkerAt(text: string, at: number, marker: string): boolean {
  return text.startsWith(marker, at) && endsMarker(text[at + 3]);
}

/**
 * The documents of `text`, split before each `---` line, or `undefined` when the text
 * holds something that is not split safely this way.
 */
export function splitDocuments(text: string): Chunk[] | undefined {
  if (text.includes("\uFEFF") || text.includes("\uE002") || text.startsWith("%") || text.includes("\n%")) return undefined;
  if (isMarkerAt(text, 0, "...")) return undefined;
  for (let i = text.indexOf("\n..."); i >= 0; i = text.indexOf("\n...", i + 1)) {
    if (isMarkerAt(text, i + 1, "...")) return undefined;
  }
  const starts = [0];
  for (let i = text.indexOf("\n---"); i >= 0; i = text.indexOf("\n---", i + 1)) {
    if (isMarkerAt(text, i + 1, "---")) starts.push(i + 1);
  }
  const chunks: Chunk[] = [];
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k]!;
    const end = k + 1 < starts.length ? starts[k + 1]! : text.length;
    if (end > start) chunks.push(normalize(text.slice(start, end), start));
  }
  return chunks;
}

/** Renumbers the placeholders of one chunk from 0, remembering the slots and offset shifts. */
function normalize(text: string, start: number): Chunk {
  const slots: number[] = [];
  const shifts: [number, number][] = [];
  let growth = 0;
  const key = text.replace(PLACEHOLDER, (whole: string, index: string, offset: number) => {
    const local = `\uE000${slots.length}\uE001`;
    slots.push(Number(index));
    shifts.push([offset - growth, whole.length - local.length]);
    growth += whole.length - local.length;
    return local;
  });
  return { start, key, slots, shifts };
}

/** The offset in the whole output of offset `at` of a chunk's key text. */
export function outputOffset(chunk: Chunk, at: number): number {
  let offset = chunk.start + at;
  for (const [where, by] of chunk.shifts) {
    if (where >= at) break;
    offset += by;
  }
  return offset;
}
