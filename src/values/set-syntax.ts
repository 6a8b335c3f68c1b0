import { ValuesInvalid } from "./errors.js";
import type { Values } from "../model/values.js";

/** One step of a `--set` key: a map key or a list index. */
type Segment = { key: string } | { index: number };

const MAX_INDEX = 65_536;
/** Helm's limit on the levels of a `--set` key (its MaxNestedNameLevel is 30 dots). */
const MAX_SEGMENTS = 31;
/** The most of a key or an expression an error message quotes. */
const MAX_SHOWN = 200;

/**
 * A `--set` expression as error messages show it: every value replaced by `…` (a value may be a
 * password, and the message may be logged), keys kept, at most 200 characters.
 */
export function shownSetExpression(expression: string): string {
  let out = "";
  let inValue = false;
  let braces = 0;
  for (let i = 0; i < expression.length && out.length <= MAX_SHOWN; i++) {
    const ch = expression[i]!;
    if (ch === "\\") {
      if (!inValue) out += expression.slice(i, i + 2);
      i++;
    } else if (!inValue) {
      out += ch === "=" ? "=…" : ch;
      inValue = ch === "=";
    } else if (ch === "{") braces++;
    else if (ch === "}" && braces > 0) braces--;
    else if (ch === "," && braces === 0) {
      out += ",";
      inValue = false;
    }
  }
  return out.length > MAX_SHOWN ? `${out.slice(0, MAX_SHOWN)}…` : out;
}

/** A key (segment) as error messages quote it: at most 200 characters. */
function shownKey(name: string): string {
  return JSON.stringify(name.length > MAX_SHOWN ? `${name.slice(0, MAX_SHOWN)}…` : name);
}

/**
 * Parses Helm's `--set` syntax into a values overlay.
 *
 * @remarks
 * `a.b=c,d=e` sets several keys; `a[0].b=x` indexes lists (missing items become `null`);
 * `a={x,y}` is a list; `\.` in a key and `\,` in a value are literal; values are typed:
 * integers (`42`, not `042`), `true`/`false`, `null` (deletes a default), else strings.
 *
 * @param expression - one `--set` argument
 * @param into - an overlay to add to (later `--set`s win)
 * @throws {@link ValuesInvalid} naming the expression and what is malformed
 */
export function parseSet(expression: string, into: Values = {}): Values {
  const parser = new SetParser(expression);
  while (!parser.done()) {
    const path = parser.readKey();
    const value = parser.readValue();
    assign(into, path, value, expression);
  }
  return into;
}

class SetParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }

  readKey(): Segment[] {
    const segments: Segment[] = [];
    let name = "";
    for (;;) {
      const ch = this.text[this.pos++];
      if (ch === undefined) this.fail(`missing '=' after key ${shownKey(name)}; write key=value`);
      if (ch === "\\" && this.pos < this.text.length) name += this.text[this.pos++];
      else if (ch === "=" || ch === ".") {
        if (!name) this.fail("empty key segment; write e.g. a.b=c");
        if (name === "__proto__") this.fail("a key named __proto__ is not allowed");
        segments.push({ key: name });
        if (segments.length > MAX_SEGMENTS) this.fail(`the key is nested more than ${MAX_SEGMENTS} levels deep`);
        name = "";
        if (ch === "=") return segments;
      } else if (ch === "[") {
        if (name === "__proto__") this.fail("a key named __proto__ is not allowed");
        if (name) segments.push({ key: name });
        else if (segments.length === 0) this.fail("a key cannot start with a list index; write e.g. list[0]=x");
        name = "";
        segments.push({ index: this.readIndex() });
        if (segments.length > MAX_SEGMENTS) this.fail(`the key is nested more than ${MAX_SEGMENTS} levels deep`);
        if (this.text[this.pos] === "=") {
          this.pos++;
          return segments;
        }
        if (this.text[this.pos] === ".") this.pos++;
        else if (this.text[this.pos] !== "[") this.fail("expected '.', '[' or '=' after a list index");
      } else if (ch === ",") this.fail(`key ${shownKey(name)} has no value; write key=value`);
      else name += ch;
    }
  }

  private readIndex(): number {
    const close = this.text.indexOf("]", this.pos);
    const digits = close < 0 ? "" : this.text.slice(this.pos, close);
    if (!/^\d+$/.test(digits)) this.fail(`list index [${digits.slice(0, MAX_SHOWN)}] must be a non-negative integer`);
    const index = Number(digits);
    if (index > MAX_INDEX) this.fail(`list index ${index} is larger than ${MAX_INDEX}`);
    this.pos = close + 1;
    return index;
  }

  readValue(): unknown {
    if (this.text[this.pos] === "{") {
      this.pos++;
      const items: unknown[] = [];
      for (;;) {
        const { text, end } = this.readScalar(",}");
        if (end === undefined) this.fail("list value is missing its closing '}'");
        if (!(end === "}" && text === "" && items.length === 0)) items.push(typed(text));
        if (end === "}") break;
      }
      if (this.pos < this.text.length && this.text[this.pos++] !== ",") this.fail("expected ',' after a list value '{…}'");
      return items;
    }
    return typed(this.readScalar(",").text);
  }

  /** Reads up to an unescaped stop character (consumed); `end` is which one, undefined at the end of text. */
  private readScalar(stops: string): { text: string; end: string | undefined } {
    let text = "";
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos++]!;
      if (ch === "\\" && this.pos < this.text.length) text += this.text[this.pos++];
      else if (stops.includes(ch)) return { text, end: ch };
      else text += ch;
    }
    return { text, end: undefined };
  }

  private fail(reason: string): never {
    throw new ValuesInvalid("--set values", [{ source: `--set ${shownSetExpression(this.text)}`, message: `${reason} (at character ${this.pos})` }]);
  }
}

/** Helm's type inference for `--set`: integers, booleans and null; everything else stays a string. */
export function typed(text: string): unknown {
  if (text === "true") return true;
  if (text === "false") return false;
  if (text === "null") return null;
  if (/^-?(0|[1-9]\d*)$/.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n;
  }
  return text;
}

function assign(root: Values, path: readonly Segment[], value: unknown, expression: string): void {
  let container: Values | unknown[] = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const next = path[i + 1];
    const slot = "key" in segment ? segment.key : segment.index;
    if ("index" in segment && !Array.isArray(container)) {
      throw new ValuesInvalid("--set values", [{ source: `--set ${shownSetExpression(expression)}`, message: "internal: list index on a map" }]);
    }
    const target = container as Record<string | number, unknown>;
    if (next === undefined) {
      fill(container, slot);
      target[slot] = value;
      return;
    }
    // Own properties only: `constructor.prototype.x=1` must not reach Object.prototype.
    const existing = Object.hasOwn(target, slot) ? target[slot] : undefined;
    const wantList = "index" in next;
    if (wantList ? !Array.isArray(existing) : !isMap(existing)) {
      fill(container, slot);
      target[slot] = wantList ? [] : {};
    }
    container = target[slot] as Values | unknown[];
  }
}

function fill(container: Values | unknown[], slot: string | number): void {
  if (Array.isArray(container) && typeof slot === "number") {
    while (container.length < slot) container.push(null);
  }
}

function isMap(value: unknown): value is Values {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
