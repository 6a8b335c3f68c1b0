// A reader for the plain block YAML that kubectl, kind and cloud CLIs write kubeconfigs in, so that
// connecting does not load the `yaml` package (~0.1 s). Anything outside that subset — anchors,
// tags, block or multi-line scalars, non-empty flow collections, odd escapes, tabs, documents —
// makes it give up (`undefined`), and the caller parses with `yaml` instead. What it accepts it
// reads exactly as `yaml.parse` (YAML 1.2 core schema) does.

interface Line {
  readonly indent: number;
  readonly text: string;
}

/** Thrown inside the reader: the text is outside the subset. */
class Unsupported extends Error {}

const KEY = /^([A-Za-z_][A-Za-z0-9_.\-/]*|"[^"\\]*"|'[^']*'):(?: +(.*))?$/;
/** Plain keys `yaml` would read as another type (then as another string): null, booleans, 1.1's words. */
const TYPED_KEY = /^(null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const ESCAPES: Readonly<Record<string, string>> = { "\\": "\\", '"': '"', "/": "/", n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", "0": "\0" };

/** Options of {@link parseSimpleYaml}. */
export interface SimpleYamlOptions {
  /**
   * `"1.1"` reads as `yaml` does with `version: "1.1"` (how manifests are read, as kubectl does):
   * plain scalars whose meaning differs between the versions (yes/no/on/off, octal, sexagesimal,
   * timestamps, any number but a plain decimal integer) make it give up. @defaultValue "1.2"
   */
  readonly version?: "1.1" | "1.2";
}

/**
 * Parses `text` if it is plain block YAML (mappings, sequences, plain and quoted one-line scalars,
 * `{}`, `[]`, comments); `undefined` when it is anything else (then use the `yaml` package).
 */
export function parseSimpleYaml(text: string, options: SimpleYamlOptions = {}): unknown {
  if (text.includes("\t")) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const body = line.trimStart();
    if (body === "" || body.startsWith("#")) continue;
    if (/^(---|\.\.\.|%)/.test(line)) return undefined;
    lines.push({ indent: line.length - body.length, text: body.trimEnd() });
  }
  if (lines.length === 0) return null;
  try {
    const reader = new Reader(lines, options.version === "1.1" ? scalar11 : scalar);
    const value = reader.block(lines[0]!.indent);
    if (!reader.done()) return undefined;
    return value;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

class Reader {
  private at = 0;
  constructor(
    private readonly lines: Line[],
    private readonly scalar: (text: string) => unknown,
  ) {}

  done(): boolean {
    return this.at >= this.lines.length;
  }

  /** A mapping or sequence whose entries start at column `indent`. */
  block(indent: number): unknown {
    const first = this.lines[this.at]!;
    if (first.indent !== indent) throw new Unsupported();
    return isItem(first.text) ? this.sequence(indent) : this.mapping(indent, first.text);
  }

  private sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    while (!this.done() && this.lines[this.at]!.indent === indent && isItem(this.lines[this.at]!.text)) {
      const rest = this.lines[this.at]!.text.slice(2).trimStart();
      if (rest === "" || rest.startsWith("- ")) throw new Unsupported();
      const column = indent + this.lines[this.at]!.text.length - rest.length;
      if (KEY.test(rest)) out.push(this.mapping(column, rest));
      else {
        out.push(this.scalar(rest));
        this.at++;
        this.noDeeper(indent);
      }
    }
    return out;
  }

  /** A mapping at `indent`; its first entry's text is `firstText` (after a `- ` in a sequence item). */
  private mapping(indent: number, firstText: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let text = firstText;
    for (let first = true; ; first = false) {
      if (!first) {
        if (this.done() || this.lines[this.at]!.indent !== indent) break;
        text = this.lines[this.at]!.text;
        if (isItem(text)) break;
      }
      const match = KEY.exec(text);
      if (!match) throw new Unsupported();
      const key = keyOf(match[1]!);
      if (key === "__proto__" || Object.hasOwn(out, key) || TYPED_KEY.test(match[1]!)) throw new Unsupported();
      this.at++;
      const inline = match[2];
      if (inline !== undefined && !inline.startsWith("#")) {
        out[key] = this.scalar(inline);
        this.noDeeper(indent);
        continue;
      }
      const next = this.lines[this.at];
      if (next && next.indent > indent) out[key] = this.block(next.indent);
      else if (next && next.indent === indent && isItem(next.text)) out[key] = this.sequence(indent);
      else out[key] = null;
    }
    return out;
  }

  /** A line deeper than a scalar's entry would continue a multi-line plain scalar: not supported. */
  private noDeeper(indent: number): void {
    const next = this.lines[this.at];
    if (next && next.indent > indent) throw new Unsupported();
  }
}

function isItem(text: string): boolean {
  return text === "-" || text.startsWith("- ");
}

function keyOf(raw: string): string {
  if (raw.startsWith('"') || raw.startsWith("'")) return raw.slice(1, -1);
  return raw;
}

/** One scalar on one line, with an optional ` # comment` after it. */
function scalar(text: string): unknown {
  if (text.startsWith('"')) return afterQuoted(text, doubleQuoted(text));
  if (text.startsWith("'")) return afterQuoted(text, singleQuoted(text));
  const comment = text.indexOf(" #");
  const plain = (comment >= 0 ? text.slice(0, comment) : text).trimEnd();
  if (plain === "{}") return {};
  if (plain === "[]") return [];
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(plain) || plain.includes(": ") || plain.endsWith(":")) throw new Unsupported();
  if (plain === "~" || plain === "null" || plain === "Null" || plain === "NULL" || plain === "") return null;
  if (plain === "true" || plain === "True" || plain === "TRUE") return true;
  if (plain === "false" || plain === "False" || plain === "FALSE") return false;
  if (INT.test(plain) || FLOAT.test(plain)) return Number(plain);
  if (/^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$/.test(plain) || /^0[ox]/.test(plain)) throw new Unsupported();
  return plain;
}

const YAML11_WORDS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** {@link scalar} under YAML 1.1: a plain scalar that 1.1 could read otherwise than 1.2 gives up. */
function scalar11(text: string): unknown {
  const value = scalar(text);
  if (typeof value === "number" && !/^(0|[1-9][0-9]*)(?: +#.*)?$/.test(text)) throw new Unsupported();
  if (typeof value === "string" && !/^["']/.test(text) && (/^[0-9+.]/.test(value) || YAML11_WORDS.test(value) || value.startsWith("<<"))) throw new Unsupported();
  return value;
}

/** The value of a quoted scalar `[value, end]`, checking that only a comment follows it. */
function afterQuoted(text: string, [value, end]: [string, number]): string {
  const rest = text.slice(end);
  if (rest !== "" && !/^ +#/.test(rest) && rest.trim() !== "") throw new Unsupported();
  return value;
}

function singleQuoted(text: string): [string, number] {
  let out = "";
  for (let i = 1; i < text.length; i++) {
    if (text[i] !== "'") out += text[i];
    else if (text[i + 1] === "'") (out += "'"), i++;
    else return [out, i + 1];
  }
  throw new Unsupported(); // continues on the next line
}

function doubleQuoted(text: string): [string, number] {
  let out = "";
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') return [out, i + 1];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = text[++i];
    if (e !== undefined && ESCAPES[e] !== undefined) out += ESCAPES[e];
    else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) (out += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16))), (i += 4);
    else throw new Unsupported();
  }
  throw new Unsupported(); // continues on the next line
}
