import Mustache from "mustache";
import type { Issue } from "../../model/issue.js";
import { lineOf } from "./line-index.js";
import { PLACEHOLDER_MARK, placeholder, type Slot } from "./placeholders.js";

type Token = string[];
type Context = Mustache.Context;

/** A stretch of output and the template position it came from (for mapping lines back). */
interface Segment {
  readonly out: number;
  readonly source: string;
  readonly text: string;
  readonly offset: number;
}

/** The output of one mustache run, with what is needed to map it back to its templates. */
export interface MustacheOutput {
  readonly text: string;
  /** Interpolated values, indexed by placeholder (empty in text mode). */
  readonly slots: readonly Slot[];
  /** Missing values and partials. */
  readonly issues: readonly Issue[];
  /** Template and line of a character of `text`. */
  locate(offset: number): { source: string; line: number };
}

/**
 * Mustache with berth's rules: `{{name}}` becomes a placeholder (structural mode) or the
 * value as plain text (text mode, for NOTES.txt) — never HTML-escaped; missing values and
 * partials are recorded as issues when strict; every emitted piece is tracked so output
 * offsets map back to template lines.
 */
export class TemplateWriter extends Mustache.Writer {
  private slots: Slot[] = [];
  private issues: Issue[] = [];
  private segments: Segment[] = [];
  private length = 0;
  private stack: { source: string; text: string }[] = [];
  private strict = true;
  private structural = true;
  private partialSources: Readonly<Record<string, string>> = {};

  /**
   * Renders one template.
   *
   * @param partialSources - the source path of each partial, for error locations
   */
  run(args: { text: string; source: string; view: unknown; partials: Readonly<Record<string, string>>; partialSources: Readonly<Record<string, string>>; strict: boolean; structural: boolean }): MustacheOutput {
    this.slots = [];
    this.issues = [];
    this.segments = [];
    this.length = 0;
    this.stack = [{ source: args.source, text: args.text }];
    this.strict = args.strict;
    this.structural = args.structural;
    this.partialSources = args.partialSources;
    if (args.text.includes(PLACEHOLDER_MARK)) {
      this.issues.push({ source: args.source, message: "the template contains private-use character U+E000, which berth reserves; remove it" });
    }
    let text: string;
    try {
      text = this.render(args.text, args.view, { ...args.partials });
    } catch (error) {
      if (error instanceof PartialLoop) this.issues.push(error.issue);
      else this.issues.push((error instanceof SyntaxFailure ? error : new SyntaxFailure(args.source, args.text, error)).issue());
      text = "";
      this.segments = [];
    }
    const segments = this.segments;
    return { text, slots: this.slots, issues: this.issues, locate: (offset) => locate(segments, text, offset, args.source) };
  }

  override escapedValue(token: Token, context: Context): string {
    const value = context.lookup(token[1]!);
    if (value === undefined) this.missing(token);
    const text = this.structural ? placeholder(this.slots.push(this.slot(token, value)) - 1) : plainText(value);
    return this.emit(token, text);
  }

  override unescapedValue(token: Token, context: Context): string {
    const value = context.lookup(token[1]!);
    if (value === undefined) this.missing(token);
    const text = plainText(value);
    if (text.includes(PLACEHOLDER_MARK)) {
      this.issues.push({ ...this.where(token), path: token[1], message: "a raw value contains private-use character U+E000, which berth reserves" });
      return this.emit(token, "");
    }
    return this.emit(token, text);
  }

  override rawValue(token: Token): string {
    return this.emit(token, token[1]!);
  }

  override renderPartial(token: Token, context: Context, partials?: Mustache.PartialsOrLookupFn): string {
    const name = token[1]!;
    const partial = typeof partials === "object" ? partials[name] : undefined;
    if (partial === undefined) {
      this.issues.push({ ...this.where(token), message: `partial "${name}" not found: add templates/_${name}.mustache to the chart (or a library chart it depends on)` });
      return "";
    }
    // Standalone partial tags indent every line of the partial like the tag (the mustache spec).
    const indentation = token[4];
    const text = Number(token[5]) === 0 && indentation ? this.indentPartial(partial, indentation, Boolean(token[6])) : partial;
    const source = this.partialSources[name] ?? name;
    if (this.stack.length > MAX_PARTIAL_DEPTH) {
      throw new PartialLoop({ ...this.where(token), message: `partials nest more than ${MAX_PARTIAL_DEPTH} deep at partial "${name}" (${source}): a partial includes itself, directly or through other partials` });
    }
    this.stack.push({ source, text });
    try {
      let tokens: Token[];
      try {
        tokens = this.parse(text) as Token[];
      } catch (error) {
        throw new SyntaxFailure(source, text, error);
      }
      return this.renderTokens(tokens, context, partials, text);
    } finally {
      this.stack.pop();
    }
  }

  private emit(token: Token, text: string): string {
    const top = this.stack[this.stack.length - 1]!;
    this.segments.push({ out: this.length, source: top.source, text: top.text, offset: Number(token[2]) });
    this.length += text.length;
    return text;
  }

  private slot(token: Token, value: unknown): Slot {
    return { value, name: token[1]!, ...this.where(token) };
  }

  private where(token: Token): { source: string; line: number } {
    const top = this.stack[this.stack.length - 1]!;
    return { source: top.source, line: lineOf(top.text, Number(token[2])) };
  }

  private missing(token: Token): void {
    if (!this.strict) return;
    this.issues.push({ ...this.where(token), path: token[1], message: `no value for {{${token[1]}}}: set it in values (or give a default in values.yaml), or render with strict: false` });
  }
}

/** How deep partials may include partials: deeper is a partial that includes itself (it would overflow the stack). */
const MAX_PARTIAL_DEPTH = 64;

/** Partials that include themselves; carries the issue naming the partial. */
class PartialLoop extends Error {
  constructor(readonly issue: Issue) {
    super(issue.message);
  }
}

/** A template (or partial) mustache could not parse; carries where, so the issue names the right file and line. */
class SyntaxFailure extends Error {
  constructor(
    readonly source: string,
    readonly text: string,
    readonly error: unknown,
  ) {
    super((error as Error)?.message ?? String(error));
  }

  /** The issue: mustache's message without its character offset, and the line that offset is on. */
  issue(): Issue {
    const message = this.message;
    const at = /\s+at (\d+)$/.exec(message);
    // "Unclosed tag" is reported at the end of the text; the tag that is not closed is more useful.
    const offset = at ? (/^Unclosed tag/.test(message) ? Math.max(0, this.text.lastIndexOf("{{", Number(at[1]))) : Number(at[1])) : undefined;
    const line = offset !== undefined ? lineOf(this.text, offset) : undefined;
    const what = at ? message.slice(0, at.index) : message;
    return { source: this.source, ...(line !== undefined ? { line } : {}), message: `mustache syntax error: ${what}; check that every {{tag}} is closed and every {{#section}} has its {{/section}}` };
  }
}

/** How a value reads as text: strings as-is, null/undefined empty, objects as JSON. */
export function plainText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object" && !(value instanceof Date)) return JSON.stringify(value);
  return value instanceof Date ? value.toISOString() : String(value);
}

function locate(segments: readonly Segment[], text: string, offset: number, fallback: string): { source: string; line: number } {
  let lo = 0;
  let hi = segments.length - 1;
  if (hi < 0) return { source: fallback, line: lineOf(text, offset) };
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.out <= offset) lo = mid;
    else hi = mid - 1;
  }
  const segment = segments[lo]!;
  const extraLines = lineOf(text, offset) - lineOf(text, segment.out);
  return { source: segment.source, line: lineOf(segment.text, segment.offset) + extraLines };
}
