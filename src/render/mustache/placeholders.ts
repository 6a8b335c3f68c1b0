// Placeholders live in the Unicode private-use area: they never occur in YAML syntax, YAML
// parses them as ordinary plain-scalar characters, and no value can forge one (values are
// substituted after parsing, never re-scanned).
const OPEN = "\uE000";
const CLOSE = "\uE001";

/** The marker every placeholder starts with; template text and raw values must not contain it. */
export const PLACEHOLDER_MARK = OPEN;

/** Every placeholder in a string; group 1 is the slot index. */
export const ANY_PLACEHOLDER = /\uE000(\d+)\uE001/g;

const EXACT_PLACEHOLDER = /^\uE000(\d+)\uE001$/;

/** The placeholder text for slot `index`. */
export function placeholder(index: number): string {
  return `${OPEN}${index}${CLOSE}`;
}

/** The slot index when `text` is exactly one placeholder, else undefined. */
export function exactPlaceholder(text: string): number | undefined {
  const match = EXACT_PLACEHOLDER.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** One `{{name}}` interpolation: the value it stands for and where the tag is. */
export interface Slot {
  readonly value: unknown;
  /** The tag's name, e.g. `Values.image.tag` or `.`. */
  readonly name: string;
  /** The template or partial holding the tag. */
  readonly source: string;
  /** The 1-based line of the tag in `source`. */
  readonly line: number;
}
