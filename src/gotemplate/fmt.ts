/**
 * Go's fmt package over the value model: Sprint, Sprintf, Sprintln and %v formatting,
 * byte-for-byte as Go prints (verbs, flags, width/precision, bad-verb and argument errors).
 */
import { formatFloat } from "./float-format.js";
import { canBackquote, goQuote, goQuoteRune, goQuoteToASCII, isPrintRune } from "./quote.js";
import { GoStruct, isMap, sortedKeys, typeName } from "./value.js";

const LDIGITS = "0123456789abcdefx";
const UDIGITS = "0123456789ABCDEFX";
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

/** Calls a Go method (String/Error) of a struct if it has one. */
function goMethod(v: GoStruct, name: string): (() => unknown) | undefined {
  const m = (v as unknown as Record<string, unknown>)[name];
  return typeof m === "function" && !Object.prototype.hasOwnProperty.call(v, name) ? (m as () => unknown) : undefined;
}

class Printer {
  out = "";
  // flags
  plus = false;
  minus = false;
  sharp = false;
  space = false;
  zero = false;
  plusV = false;
  sharpV = false;
  widPresent = false;
  precPresent = false;
  wid = 0;
  prec = 0;
  erroring = false;
  /** The top-level argument being printed (Go's p.arg), for bad-verb messages. */
  arg: unknown = undefined;
  /** Print a top-level pointer-to-struct without `&` (text/template dereferences before printing). */
  derefTop = false;
  /** Printing an element of a []byte (type uint8 in bad-verb messages). */
  byteElem = false;

  clearFlags(): void {
    this.plus = this.minus = this.sharp = this.space = this.zero = false;
    this.plusV = this.sharpV = this.widPresent = this.precPresent = false;
    this.wid = this.prec = 0;
  }

  writePadding(n: number): void {
    if (n <= 0) return;
    this.out += (this.zero && !this.minus ? "0" : " ").repeat(n);
  }

  pad(s: string): void {
    if (!this.widPresent || this.wid === 0) {
      this.out += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (!this.minus) {
      this.writePadding(width);
      this.out += s;
    } else {
      this.out += s;
      this.writePadding(width);
    }
  }

  truncate(s: string): string {
    if (!this.precPresent) return s;
    let n = this.prec;
    for (let i = 0; i < s.length; i++) {
      if (--n < 0) return s.slice(0, i);
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) i++;
    }
    return s;
  }

  fmtS(s: string): void {
    this.pad(this.truncate(s));
  }

  fmtQ(s: string): void {
    s = this.truncate(s);
    if (this.sharp && canBackquote(s)) this.pad("`" + s + "`");
    else this.pad(this.plus ? goQuoteToASCII(s) : goQuote(s));
  }

  fmtSbx(b: Uint8Array, digits: string): void {
    let length = b.length;
    if (this.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.space) {
        if (this.sharp) width *= 2;
        width += length - 1;
      } else if (this.sharp) width += 2;
    } else {
      if (this.widPresent) this.writePadding(this.wid);
      return;
    }
    if (this.widPresent && this.wid > width && !this.minus) this.writePadding(this.wid - width);
    let s = this.sharp ? "0" + digits[16] : "";
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) {
        s += " ";
        if (this.sharp) s += "0" + digits[16];
      }
      const c = b[i]!;
      s += digits[c >> 4]! + digits[c & 15]!;
    }
    this.out += s;
    if (this.widPresent && this.wid > width && this.minus) this.writePadding(this.wid - width);
  }

  badVerb(verb: string, value: unknown, top: boolean): void {
    this.erroring = true;
    this.out += "%!" + verb + "(";
    if (value === null || value === undefined) this.out += "<nil>";
    else {
      this.out += (this.byteElem ? "uint8" : typeName(value)) + "=";
      if (top) this.printArg(value, "v");
      else this.printValue(value, "v", 0);
    }
    this.out += ")";
    this.erroring = false;
  }

  fmtBool(v: boolean, verb: string, top: boolean): void {
    if (verb === "t" || verb === "v") this.pad(v ? "true" : "false");
    else this.badVerb(verb, v, top);
  }

  fmtIntegerBase(v: bigint, base: number, verb: string, digits: string): void {
    const negative = v < 0n;
    let u = negative ? -v : v;
    if (u >= 1n << 64n) u = u & ((1n << 64n) - 1n);
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      if (prec === 0 && u === 0n) {
        const oz = this.zero;
        this.zero = false;
        this.writePadding(this.wid);
        this.zero = oz;
        return;
      }
    } else if (this.zero && !this.minus && this.widPresent) {
      prec = this.wid;
      if (negative || this.plus || this.space) prec--;
    }
    let s = u.toString(base);
    if (digits === UDIGITS) s = s.toUpperCase();
    if (s.length < prec) s = "0".repeat(prec - s.length) + s;
    if (this.sharp) {
      if (base === 2) s = "0b" + s;
      else if (base === 8) {
        if (s[0] !== "0") s = "0" + s;
      } else if (base === 16) s = "0" + digits[16] + s;
    }
    if (verb === "O") s = "0o" + s;
    if (negative) s = "-" + s;
    else if (this.plus) s = "+" + s;
    else if (this.space) s = " " + s;
    const oz = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = oz;
  }

  fmtInteger(v: bigint, verb: string, top: boolean): void {
    switch (verb) {
      case "v":
      case "d":
        return this.fmtIntegerBase(v, 10, verb, LDIGITS);
      case "b":
        return this.fmtIntegerBase(v, 2, verb, LDIGITS);
      case "o":
      case "O":
        return this.fmtIntegerBase(v, 8, verb, LDIGITS);
      case "x":
        return this.fmtIntegerBase(v, 16, verb, LDIGITS);
      case "X":
        return this.fmtIntegerBase(v, 16, verb, UDIGITS);
      case "c": {
        const cp = v < 0n || v > 0x10ffffn || (v >= 0xd800n && v <= 0xdfffn) ? 0xfffd : Number(v);
        return this.pad(String.fromCodePoint(cp));
      }
      case "q":
        return this.pad(goQuoteRune(v < 0n || v > 0x10ffffn ? 0xfffd : Number(v), this.plus));
      case "U":
        return this.fmtUnicode(v);
      default:
        return this.badVerb(verb, v, top);
    }
  }

  fmtUnicode(v: bigint): void {
    const u = v < 0n ? (1n << 64n) + v : v;
    let prec = 4;
    if (this.precPresent && this.prec > 4) prec = this.prec;
    let s = "U+" + u.toString(16).toUpperCase().padStart(prec, "0");
    if (this.sharp && u <= 0x10ffffn && !(u >= 0xd800n && u <= 0xdfffn) && isPrintRune(Number(u))) s += " '" + String.fromCodePoint(Number(u)) + "'";
    const oz = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = oz;
  }

  fmtFloatVerb(v: number, verb: string, top: boolean): void {
    switch (verb) {
      case "v":
        return this.fmtFloat(v, "g", -1, "v");
      case "g":
      case "G":
        return this.fmtFloat(v, verb, -1, verb);
      case "x":
      case "X":
        return this.fmtFloat(v, verb, -1, verb);
      case "b":
        return this.fmtFloat(v, "g", -1, verb);
      case "f":
      case "e":
      case "E":
        return this.fmtFloat(v, verb, 6, verb);
      case "F":
        return this.fmtFloat(v, "f", 6, verb);
      default:
        return this.badVerb(verb, v, top);
    }
  }

  fmtFloat(v: number, fmt: "e" | "E" | "f" | "g" | "G" | "x" | "X", prec: number, verb: string): void {
    if (this.precPresent) prec = this.prec;
    let num = formatFloat(v, fmt, prec);
    if (num[0] !== "-" && num[0] !== "+") num = "+" + num;
    if (this.space && num[0] === "+" && !this.plus) num = " " + num.slice(1);
    if (num[1] === "I" || num[1] === "N") {
      const oz = this.zero;
      this.zero = false;
      if (num[1] === "N" && !this.space && !this.plus) num = num.slice(1);
      this.pad(num);
      this.zero = oz;
      return;
    }
    if (this.sharp && verb !== "b") {
      let digits = 0;
      if (verb === "v" || verb === "g" || verb === "G" || verb === "x") digits = prec === -1 ? 6 : prec;
      let tail = "";
      let hasDot = false;
      let sawNonzero = false;
      let body = num;
      for (let i = 1; i < body.length; i++) {
        const c = body[i]!;
        if (c === ".") hasDot = true;
        else if (c === "e" || c === "E" || c === "p" || c === "P") {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        } else {
          if (c !== "0") sawNonzero = true;
          if (sawNonzero) digits--;
        }
      }
      if (!hasDot) {
        if (body.length === 2 && body[1] === "0") digits--;
        body += ".";
      }
      if (digits > 0) body += "0".repeat(digits);
      num = body + tail;
    }
    if (this.plus || num[0] !== "+") {
      if (this.zero && !this.minus && this.widPresent && this.wid > num.length) {
        this.out += num[0];
        this.writePadding(this.wid - num.length);
        this.out += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  fmtString(v: string, verb: string, top: boolean): void {
    switch (verb) {
      case "v":
        return this.sharpV ? this.fmtQ(v) : this.fmtS(v);
      case "s":
        return this.fmtS(v);
      case "x":
        return this.fmtSbx(encoder.encode(v), LDIGITS);
      case "X":
        return this.fmtSbx(encoder.encode(v), UDIGITS);
      case "q":
        return this.fmtQ(v);
      default:
        return this.badVerb(verb, v, top);
    }
  }

  fmtBytes(v: Uint8Array, verb: string, top: boolean): void {
    switch (verb) {
      case "v":
      case "d":
        if (this.sharpV) {
          this.out += "[]byte{";
          v.forEach((c, i) => (this.out += (i > 0 ? ", " : "") + "0x" + c.toString(16)));
          this.out += "}";
        } else {
          this.out += "[";
          v.forEach((c, i) => {
            if (i > 0) this.out += " ";
            this.fmtIntegerBase(BigInt(c), 10, verb, LDIGITS);
          });
          this.out += "]";
        }
        return;
      case "s":
        return this.pad(this.truncate(decoder.decode(v)));
      case "x":
        return this.fmtSbx(v, LDIGITS);
      case "X":
        return this.fmtSbx(v, UDIGITS);
      case "q":
        return this.fmtQ(decoder.decode(v));
      default:
        this.out += "[";
        v.forEach((c, i) => {
          if (i > 0) this.out += " ";
          this.byteElem = true;
          this.fmtInteger(BigInt(c), verb, false);
          this.byteElem = false;
        });
        this.out += "]";
        void top;
    }
  }

  handleMethods(v: unknown, verb: string): boolean {
    if (this.erroring || !(v instanceof GoStruct) || this.sharpV) return false;
    if (verb !== "v" && verb !== "s" && verb !== "x" && verb !== "X" && verb !== "q") return false;
    const m = goMethod(v, "Error") ?? goMethod(v, "String");
    if (!m) return false;
    this.fmtString(String(m.call(v)), verb, false);
    return true;
  }

  printArg(arg: unknown, verb: string): void {
    if (arg === null || arg === undefined) {
      if (verb === "T" || verb === "v") this.pad("<nil>");
      else this.badVerb(verb, null, true);
      return;
    }
    if (verb === "T") return this.fmtS(typeName(arg));
    switch (typeof arg) {
      case "string":
        return this.fmtString(arg, verb, true);
      case "number":
        return this.fmtFloatVerb(arg, verb, true);
      case "bigint":
        return this.fmtInteger(arg, verb, true);
      case "boolean":
        return this.fmtBool(arg, verb, true);
    }
    if (arg instanceof Uint8Array) return this.fmtBytes(arg, verb, true);
    if (this.handleMethods(arg, verb)) return;
    this.printValue(arg, verb, 0);
  }

  printValue(v: unknown, verb: string, depth: number): void {
    if (depth > 0 && v !== null && v !== undefined && this.handleMethods(v, verb)) return;
    if (v === null || v === undefined) {
      this.out += this.sharpV ? "interface {}(nil)" : "<nil>";
      return;
    }
    switch (typeof v) {
      case "string":
        return this.fmtString(v, verb, false);
      case "number":
        return this.fmtFloatVerb(v, verb, false);
      case "bigint":
        return this.fmtInteger(v, verb, false);
      case "boolean":
        return this.fmtBool(v, verb, false);
      case "function":
        return this.pad("0x" + "1".padStart(6, "0"));
    }
    if (v instanceof Uint8Array) return this.fmtBytes(v, verb, false);
    if (Array.isArray(v)) {
      this.out += this.sharpV ? "[]interface {}{" : "[";
      for (let i = 0; i < v.length; i++) {
        if (i > 0) this.out += this.sharpV ? ", " : " ";
        this.printValue(v[i], verb, depth + 1);
      }
      this.out += this.sharpV ? "}" : "]";
      return;
    }
    if (v instanceof GoStruct) {
      const t = v.goTypeName();
      if (t.startsWith("*")) {
        if (depth > 0) return this.pad("0xc000010000");
        if (!this.derefTop) this.out += "&";
      }
      if (this.sharpV) this.out += t.replace(/^\*/, "");
      this.out += "{";
      let i = 0;
      for (const k of Object.keys(v)) {
        const fv = (v as unknown as Record<string, unknown>)[k];
        if (typeof fv === "function") continue;
        if (i++ > 0) this.out += this.sharpV ? ", " : " ";
        if (this.plusV || this.sharpV) this.out += k + ":";
        this.printValue(fv, verb, depth + 1);
      }
      this.out += "}";
      return;
    }
    if (isMap(v)) {
      this.out += this.sharpV ? "map[string]interface {}{" : "map[";
      let i = 0;
      for (const k of sortedKeys(v)) {
        if (i++ > 0) this.out += this.sharpV ? ", " : " ";
        this.printValue(k, verb, depth + 1);
        this.out += ":";
        this.printValue(v[k], verb, depth + 1);
      }
      this.out += this.sharpV ? "}" : "]";
      return;
    }
    this.out += "?" + typeName(v) + "?";
  }

  doPrintf(format: string, a: readonly unknown[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    let reordered = false;
    let goodArgNum = true;
    const parseNum = (i: number): [number, boolean, number] => {
      let num = 0;
      let isnum = false;
      let j = i;
      for (; j < end && format.charCodeAt(j) >= 48 && format.charCodeAt(j) <= 57; j++) {
        if (num > 1e6 || num < -1e6) return [0, false, end];
        num = num * 10 + (format.charCodeAt(j) - 48);
        isnum = true;
      }
      return [num, isnum, j];
    };
    const argNumber = (argN: number, i: number): [number, number, boolean] => {
      if (i >= end || format[i] !== "[") return [argN, i, false];
      reordered = true;
      // parseArgNumber
      let index = 0;
      let wid = 1;
      let ok = false;
      if (end - i >= 3) {
        for (let j = i + 1; j < end; j++) {
          if (format[j] === "]") {
            const [w, isnum, newi] = parseNum(i + 1);
            if (!isnum || newi !== j) {
              wid = j - i + 1;
              ok = false;
            } else {
              index = w - 1;
              wid = j - i + 1;
              ok = true;
            }
            break;
          }
        }
      }
      if (ok && index >= 0 && index < a.length) return [index, i + wid, true];
      goodArgNum = false;
      return [argN, i + wid, ok];
    };
    const intFromArg = (argN: number): [number, boolean, number] => {
      let num = 0;
      let isInt = false;
      let newArgNum = argN;
      if (argN < a.length) {
        const v = a[argN];
        if (typeof v === "bigint" && v >= -(1n << 63n) && v < 1n << 63n) {
          num = Number(v);
          isInt = true;
        }
        newArgNum = argN + 1;
        if (num > 1e6 || num < -1e6) {
          num = 0;
          isInt = false;
        }
      }
      return [num, isInt, newArgNum];
    };
    let i = 0;
    formatLoop: while (i < end) {
      goodArgNum = true;
      const lasti = i;
      while (i < end && format.charCodeAt(i) !== 37) i++;
      if (i > lasti) this.out += format.slice(lasti, i);
      if (i >= end) break;
      i++;
      this.clearFlags();
      simple: for (; i < end; i++) {
        const c = format[i]!;
        switch (c) {
          case "#":
            this.sharp = true;
            break;
          case "0":
            this.zero = true;
            break;
          case "+":
            this.plus = true;
            break;
          case "-":
            this.minus = true;
            break;
          case " ":
            this.space = true;
            break;
          default:
            if (c >= "a" && c <= "z" && argNum < a.length) {
              if (c === "v") {
                this.sharpV = this.sharp;
                this.sharp = false;
                this.plusV = this.plus;
                this.plus = false;
              }
              this.printArg(a[argNum], c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simple;
        }
      }
      [argNum, i, afterIndex] = argNumber(argNum, i);
      if (i < end && format[i] === "*") {
        i++;
        [this.wid, this.widPresent, argNum] = intFromArg(argNum);
        if (!this.widPresent) this.out += "%!(BADWIDTH)";
        if (this.wid < 0) {
          this.wid = -this.wid;
          this.minus = true;
          this.zero = false;
        }
        afterIndex = false;
      } else {
        [this.wid, this.widPresent, i] = parseNum(i);
        if (afterIndex && this.widPresent) goodArgNum = false;
      }
      if (i + 1 < end && format[i] === ".") {
        i++;
        if (afterIndex) goodArgNum = false;
        [argNum, i, afterIndex] = argNumber(argNum, i);
        if (i < end && format[i] === "*") {
          i++;
          [this.prec, this.precPresent, argNum] = intFromArg(argNum);
          if (this.prec < 0) {
            this.prec = 0;
            this.precPresent = false;
          }
          if (!this.precPresent) this.out += "%!(BADPREC)";
          afterIndex = false;
        } else {
          [this.prec, this.precPresent, i] = parseNum(i);
          if (!this.precPresent) {
            this.prec = 0;
            this.precPresent = true;
          }
        }
      }
      if (!afterIndex) [argNum, i, afterIndex] = argNumber(argNum, i);
      if (i >= end) {
        this.out += "%!(NOVERB)";
        break;
      }
      const cp = format.codePointAt(i)!;
      const verb = String.fromCodePoint(cp);
      i += verb.length;
      if (verb === "%") this.out += "%";
      else if (!goodArgNum) this.out += "%!" + verb + "(BADINDEX)";
      else if (argNum >= a.length) this.out += "%!" + verb + "(MISSING)";
      else {
        if (verb === "v") {
          this.sharpV = this.sharp;
          this.sharp = false;
          this.plusV = this.plus;
          this.plus = false;
        }
        this.printArg(a[argNum], verb);
        argNum++;
      }
    }
    if (!reordered && argNum < a.length) {
      this.clearFlags();
      this.out += "%!(EXTRA ";
      for (let j = argNum; j < a.length; j++) {
        if (j > argNum) this.out += ", ";
        const arg = a[j];
        if (arg === null || arg === undefined) this.out += "<nil>";
        else {
          this.out += typeName(arg) + "=";
          this.printArg(arg, "v");
        }
      }
      this.out += ")";
    }
  }
}

/** Go's `fmt.Sprintf`. */
export function sprintf(format: string, ...args: unknown[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.out;
}

/** Go's `fmt.Sprint`: spaces between operands when neither is a string. */
export function sprint(...args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  const p = new Printer();
  let prevString = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const isString = typeof arg === "string";
    if (i > 0 && !isString && !prevString) p.out += " ";
    p.clearFlags();
    p.printArg(arg, "v");
    prevString = isString;
  }
  return p.out;
}

/** Go's `fmt.Sprintln`: spaces between all operands and a final newline. */
export function sprintln(...args: unknown[]): string {
  const p = new Printer();
  for (let i = 0; i < args.length; i++) {
    if (i > 0) p.out += " ";
    p.clearFlags();
    p.printArg(args[i], "v");
  }
  return p.out + "\n";
}

/** Go's `fmt.Sprint(v)` of a single value (%v). */
export function formatValue(v: unknown): string {
  if (typeof v === "string") return v;
  const p = new Printer();
  p.printArg(v, "v");
  return p.out;
}

/** How text/template prints an action's value: fmt.Sprint after dereferencing a pointer. */
export function formatPrintable(v: unknown): string {
  if (typeof v === "string") return v;
  const p = new Printer();
  p.derefTop = true;
  p.printArg(v, "v");
  return p.out;
}
