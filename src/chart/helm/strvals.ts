/**
 * Helm's `--set` / `--set-string` syntax (pkg/strvals): `a.b=c,d[0]=e,f={x,y}`, backslash
 * escapes; with `--set`, `true`/`false`/`null` and decimal integers are typed (ints as int64).
 */
import { HelmValuesInvalid } from "./errors.js";
import type { Values } from "./coalesce.js";

class Scanner {
  i = 0;
  constructor(readonly s: string[]) {}
  eof(): boolean {
    return this.i >= this.s.length;
  }
  /** Reads until one of `stop` (consumed); `last` is undefined at end of input. */
  until(stop: string): { v: string; last: string | undefined } {
    let v = "";
    while (this.i < this.s.length) {
      const r = this.s[this.i++]!;
      if (stop.includes(r)) return { v, last: r };
      if (r === "\\") {
        if (this.i >= this.s.length) return { v, last: undefined };
        v += this.s[this.i++]!;
      } else v += r;
    }
    return { v, last: undefined };
  }
}

function typed(v: string, asString: boolean): unknown {
  if (asString) return v;
  const l = v.toLowerCase();
  if (l === "true") return true;
  if (l === "false") return false;
  if (l === "null") return null;
  if (v === "0") return 0n;
  if (v.length > 0 && v[0] !== "0" && /^[+-]?\d+$/.test(v)) {
    const n = BigInt(v);
    if (n >= -(1n << 63n) && n < 1n << 63n) return n;
  }
  return v;
}

/** Helm's strvals.MaxIndex: a larger list index is refused (it would allocate the list). */
const MAX_INDEX = 65_536;
/** Helm's strvals.MaxNestedNameLevel: how many `.`s a key may have. */
const MAX_NESTED_NAME_LEVEL = 30;

function bad(msg: string): never {
  throw new HelmValuesInvalid(msg);
}

class Parser {
  constructor(private readonly sc: Scanner, private readonly asString: boolean) {}

  /** Parses `key=value` pairs into `data` until the input ends. */
  parse(data: Values): void {
    while (!this.sc.eof()) this.key(data);
  }

  value(): unknown {
    if (this.sc.s[this.sc.i] === "{") {
      this.sc.i++;
      const list: unknown[] = [];
      for (;;) {
        const { v, last } = this.sc.until(",}");
        if (last === undefined) bad("list must terminate with '}'");
        list.push(typed(v, this.asString));
        if (last === "}") {
          if (this.sc.s[this.sc.i] === ",") this.sc.i++;
          return list;
        }
      }
    }
    const { v } = this.sc.until(",");
    return typed(v, this.asString);
  }

  key(data: Values, nestedNameLevel = 0): void {
    const { v: k, last } = this.sc.until("=[,.");
    if (last === undefined) {
      if (k.length === 0) return;
      bad(`key "${k}" has no value`);
    }
    if (last === "=") {
      if (this.sc.eof()) {
        if (k) data[k] = "";
        return;
      }
      const val = this.value();
      if (k) data[k] = val;
      return;
    }
    if (last === ",") bad(`key "${k}" has no value (cannot end with ,)`);
    if (last === ".") {
      if (++nestedNameLevel > MAX_NESTED_NAME_LEVEL) bad(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`);
      const inner: Values = isObj(data[k]) ? (data[k] as Values) : {};
      this.key(inner, nestedNameLevel);
      if (Object.keys(inner).length === 0) bad(`key map "${k}" has no value`);
      data[k] = inner;
      return;
    }
    // last === "["
    const list = Array.isArray(data[k]) ? (data[k] as unknown[]) : [];
    data[k] = this.listItem(list, nestedNameLevel);
  }

  index(): number {
    const { v } = this.sc.until("]");
    const i = Number(v);
    if (!/^[+-]?\d+$/.test(v)) bad(`error parsing index: strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`);
    if (i < 0) bad(`negative ${i} index not allowed`);
    if (i > MAX_INDEX) bad(`index of ${i} is greater than maximum supported index of ${MAX_INDEX}`);
    return i;
  }

  listItem(list: unknown[], nestedNameLevel: number): unknown[] {
    const i = this.index();
    const { v: k, last } = this.sc.until("[.=");
    if (k.length > 0) bad(`unexpected data at end of array index: "${k}"`);
    while (list.length <= i) list.push(null);
    if (last === undefined) bad("unexpected end of input");
    if (last === "=") list[i] = this.sc.eof() ? "" : this.value();
    else if (last === "[") list[i] = this.listItem(Array.isArray(list[i]) ? (list[i] as unknown[]) : [], nestedNameLevel);
    else {
      const inner: Values = isObj(list[i]) ? (list[i] as Values) : {};
      this.key(inner, nestedNameLevel);
      list[i] = inner;
    }
    return list;
  }
}

function isObj(v: unknown): boolean {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** strvals.ParseInto: applies one `--set` argument to `base`. */
export function parseSetInto(expr: string, base: Values, asString = false): void {
  new Parser(new Scanner(Array.from(expr)), asString).parse(base);
}
