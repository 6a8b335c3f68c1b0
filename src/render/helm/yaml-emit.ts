/**
 * A YAML emitter that writes what go-yaml v2's encoder (via sigs.k8s.io/yaml) writes: block style,
 * 2-space indents, sequences not indented under mapping keys, `{}`/`[]` for empty collections,
 * go-yaml's scalar style choice (plain, single-quoted, double-quoted, literal) and its folding of
 * long plain/quoted scalars at 80 columns.
 */
import { analyze, isBreak, isPrintable, type Style } from "./yaml-scalar-analysis.js";

/** A node to emit: a mapping (keys already in order), a sequence, or a scalar. */
export type EmitNode =
  | { readonly kind: "map"; readonly entries: readonly (readonly [string, EmitNode])[] }
  | { readonly kind: "seq"; readonly items: readonly EmitNode[] }
  /** A string: its style is chosen as go-yaml chooses it for a string. */
  | { readonly kind: "str"; readonly value: string }
  /** A number, bool or null: written plain, as is. */
  | { readonly kind: "raw"; readonly text: string };

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

/** Would go-yaml v2 resolve this plain text to something other than a string (or a base-60 float)? */
export type PlainResolver = (s: string) => boolean;

class Emitter {
  out = "";
  column = 0;
  indent = -1;
  indents: number[] = [];
  whitespace = true;
  indention = true;
  simpleKeyContext = false;
  mappingContext = false;

  constructor(private readonly needsQuotes: PlainResolver) {}

  put(s: string): void {
    this.out += s;
    this.column++;
  }
  putBreak(): void {
    this.out += "\n";
    this.column = 0;
  }
  /** libyaml's write_break: a newline, or the break character itself; the column restarts. */
  writeBreakChar(c: number): void {
    if (c === 0x0a) this.putBreak();
    else {
      this.out += String.fromCodePoint(c);
      this.column = 0;
    }
  }
  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(" ");
    this.whitespace = true;
    this.indention = true;
  }
  writeIndicator(ind: string, needWs: boolean, isWs: boolean, isIndention: boolean): void {
    if (needWs && !this.whitespace) this.put(" ");
    this.out += ind;
    this.column += ind.length;
    this.whitespace = isWs;
    this.indention = this.indention && isIndention;
  }
  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }
  popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  node(n: EmitNode, ctx: { root?: boolean; sequence?: boolean; mapping?: boolean; simpleKey?: boolean }): void {
    this.mappingContext = !!ctx.mapping;
    this.simpleKeyContext = !!ctx.simpleKey;
    switch (n.kind) {
      case "map":
        if (n.entries.length === 0) return this.emptyFlow("{", "}");
        return this.blockMapping(n.entries);
      case "seq":
        if (n.items.length === 0) return this.emptyFlow("[", "]");
        return this.blockSequence(n.items);
      case "raw":
        return this.scalar(n.text, "plain");
      case "str":
        return this.scalar(n.value, this.requestedStyle(n.value));
    }
  }

  requestedStyle(s: string): Style {
    if (s.includes("\n")) return "literal";
    return this.needsQuotes(s) ? "double" : "plain";
  }

  emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.popIndent();
    this.writeIndicator(close, false, false, false);
  }

  blockSequence(items: readonly EmitNode[]): void {
    this.increaseIndent(false, this.mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator("-", true, false, true);
      this.node(item, { sequence: true });
    }
    this.popIndent();
  }

  blockMapping(entries: readonly (readonly [string, EmitNode])[]): void {
    this.increaseIndent(false, false);
    for (const [key, value] of entries) {
      this.writeIndent();
      const cps = Array.from(key, (c) => c.codePointAt(0)!);
      const simple = !analyze(cps).multiline && Buffer.byteLength(key, "utf8") <= 128;
      if (simple) {
        this.node({ kind: "str", value: key }, { mapping: true, simpleKey: true });
        this.writeIndicator(":", false, false, false);
        this.node(value, { mapping: true });
      } else {
        this.writeIndicator("?", true, false, true);
        this.node({ kind: "str", value: key }, { mapping: true });
        this.writeIndent();
        this.writeIndicator(":", true, false, true);
        this.node(value, { mapping: true });
      }
    }
    this.popIndent();
  }

  scalar(value: string, requested: Style): void {
    const cps = Array.from(value, (c) => c.codePointAt(0)!);
    const a = analyze(cps);
    let style = requested;
    if (this.simpleKeyContext && a.multiline) style = "double";
    if (style === "plain") {
      if (!a.blockPlain) style = "single";
      if (cps.length === 0 && this.simpleKeyContext) style = "single";
    }
    if (style === "single" && !a.single) style = "double";
    if (style === "literal" && (!a.block || this.simpleKeyContext)) style = "double";
    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    switch (style) {
      case "plain":
        this.writePlain(cps, allowBreaks);
        break;
      case "single":
        this.writeSingle(cps, allowBreaks);
        break;
      case "double":
        this.writeDouble(cps, allowBreaks);
        break;
      case "literal":
        this.writeLiteral(cps);
        break;
    }
    this.popIndent();
  }

  writePlain(cps: number[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(" ");
    let spaces = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i]!;
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && cps[i + 1] !== 0x20) this.writeIndent();
        else this.put(" ");
        spaces = true;
      } else {
        this.put(String.fromCodePoint(c));
        this.indention = false;
        spaces = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  writeSingle(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i]!;
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1 && cps[i + 1] !== 0x20) this.writeIndent();
        else this.put(" ");
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreakChar(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        breaks = false;
        if (c === 0x27) this.put("'");
        this.put(String.fromCodePoint(c));
        this.indention = false;
        spaces = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  writeDouble(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i]!;
      if (!isPrintable(c) || c === 0xfeff || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put("\\");
        const short = DOUBLE_ESCAPES.get(c);
        if (short !== undefined) this.put(short);
        else {
          const [letter, width] = c <= 0xff ? ["x", 2] : c <= 0xffff ? ["u", 4] : ["U", 8];
          this.put(letter);
          for (const d of c.toString(16).toUpperCase().padStart(width, "0")) this.put(d);
        }
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
          this.writeIndent();
          if (cps[i + 1] === 0x20) this.put("\\");
        } else this.put(" ");
        spaces = true;
      } else {
        this.put(String.fromCodePoint(c));
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  writeLiteral(cps: number[]): void {
    this.writeIndicator("|", true, false, false);
    if (cps[0] === 0x20 || isBreak(cps[0] ?? -1)) this.writeIndicator(String(BEST_INDENT), false, false, false);
    const n = cps.length;
    let chomp = "";
    if (n === 0 || !isBreak(cps[n - 1]!)) chomp = "-";
    else if (n === 1 || isBreak(cps[n - 2]!)) chomp = "+";
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (let i = 0; i < n; i++) {
      const c = cps[i]!;
      if (isBreak(c)) {
        this.writeBreakChar(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(String.fromCodePoint(c));
        this.indention = false;
        breaks = false;
      }
    }
  }
}

const DOUBLE_ESCAPES = new Map<number, string>([
  [0x00, "0"],
  [0x07, "a"],
  [0x08, "b"],
  [0x09, "t"],
  [0x0a, "n"],
  [0x0b, "v"],
  [0x0c, "f"],
  [0x0d, "r"],
  [0x1b, "e"],
  [0x22, '"'],
  [0x5c, "\\"],
  [0x85, "N"],
  [0xa0, "_"],
  [0x2028, "L"],
  [0x2029, "P"],
]);

/**
 * Emits one YAML document as go-yaml v2's `Marshal` does (ends with a newline).
 *
 * @param needsQuotes - true for a string that go-yaml would not write plain because it would read
 *   back as another type (`"true"`, `"1"`, `""`…).
 */
export function emitYaml(node: EmitNode, needsQuotes: PlainResolver): string {
  const e = new Emitter(needsQuotes);
  e.node(node, { root: true });
  // Document end: an implicit end writes a final line break.
  e.writeIndent();
  return e.out;
}
