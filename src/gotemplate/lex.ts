/**
 * The lexer of Go's text/template: the same tokens, trim markers, comments and error texts.
 * Positions are JS string indexes (converted to Go's byte columns only when an error is shown).
 */

/** Token kinds, in Go's order (kinds after `Keyword` are keywords). */
export const enum T {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  Keyword,
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

/** A token. */
export interface Item {
  typ: T;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: Record<string, T> = {
  ".": T.Dot,
  block: T.Block,
  break: T.Break,
  continue: T.Continue,
  define: T.Define,
  else: T.Else,
  end: T.End,
  if: T.If,
  range: T.Range,
  nil: T.Nil,
  template: T.Template,
  with: T.With,
};

const EOF = -1;
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;

function isSpace(r: number): boolean {
  return r === 32 || r === 9 || r === 13 || r === 10;
}

/** Go's `_ || unicode.IsLetter || unicode.IsDigit`. */
export function isAlphaNumeric(r: number): boolean {
  if (r < 0x80) return r === 95 || (r >= 48 && r <= 57) || (r >= 65 && r <= 90) || (r >= 97 && r <= 122);
  return r !== EOF && LETTER_OR_DIGIT.test(String.fromCodePoint(r));
}

function goQuoteForU(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, "0");
  const printable = r >= 0x20 && r !== 0x7f && /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(String.fromCodePoint(r));
  return printable || r === 0x20 ? `U+${hex} '${String.fromCodePoint(r)}'` : `U+${hex}`;
}

/** Item.String() as Go prints tokens in parse errors. */
export function itemString(i: Item): string {
  if (i.typ === T.EOF) return "EOF";
  if (i.typ === T.Error) return i.val;
  if (i.typ > T.Keyword) return `<${i.val}>`;
  const runes = Array.from(i.val);
  if (runes.length > 10) return goQuoteSimple(runes.slice(0, 10).join("")) + "...";
  return goQuoteSimple(i.val);
}

function goQuoteSimple(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f]/g, (c) => "\\x" + c.charCodeAt(0).toString(16).padStart(2, "0"));
}

/** Options the parser gives the lexer. */
export interface LexOptions {
  emitComment: boolean;
  breakOK: boolean;
  continueOK: boolean;
}

/** Go's template lexer, producing one item per call to {@link Lexer.nextItem}. */
export class Lexer {
  private input: string;
  private pos = 0;
  private start = 0;
  private atEOF = false;
  private parenDepth = 0;
  private line = 1;
  private startLine = 1;
  private insideAction = false;
  private item: Item;
  options: LexOptions = { emitComment: false, breakOK: true, continueOK: true };

  constructor(
    input: string,
    private readonly leftDelim = "{{",
    private readonly rightDelim = "}}",
  ) {
    this.input = input;
    this.item = { typ: T.EOF, pos: 0, val: "EOF", line: 1 };
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const c = this.input.charCodeAt(this.pos);
    if (c >= 0xd800 && c <= 0xdbff) {
      const r = this.input.codePointAt(this.pos)!;
      this.pos += r > 0xffff ? 2 : 1;
      return r;
    }
    this.pos++;
    if (c === 10) this.line++;
    return c;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    if (!this.atEOF && this.pos > 0) {
      const c = this.input.charCodeAt(this.pos - 1);
      if (c >= 0xdc00 && c <= 0xdfff && this.pos > 1) {
        const h = this.input.charCodeAt(this.pos - 2);
        this.pos -= h >= 0xd800 && h <= 0xdbff ? 2 : 1;
        return;
      }
      this.pos--;
      if (c === 10) this.line--;
    }
  }

  private thisItem(t: T): Item {
    const i: Item = { typ: t, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine };
    this.start = this.pos;
    this.startLine = this.line;
    return i;
  }

  private emit(t: T): null {
    this.item = this.thisItem(t);
    return null;
  }

  private emitItem(i: Item): null {
    this.item = i;
    return null;
  }

  private countNewlines(from: number, to: number): number {
    let n = 0;
    for (let i = this.input.indexOf("\n", from); i >= 0 && i < to; i = this.input.indexOf("\n", i + 1)) n++;
    return n;
  }

  private ignore(): void {
    this.line += this.countNewlines(this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  private accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  private acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || !valid.includes(String.fromCodePoint(r))) break;
    }
    this.backup();
  }

  private errorf(msg: string): null {
    this.item = { typ: T.Error, pos: this.start, val: msg, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input = "";
    return null;
  }

  /** The next token. */
  nextItem(): Item {
    this.item = { typ: T.EOF, pos: this.pos, val: "EOF", line: this.startLine };
    let state: (() => unknown) | null = this.insideAction ? this.lexInsideAction : this.lexText;
    while (state) state = state.call(this) as (() => unknown) | null;
    return this.item;
  }

  private hasLeftTrimMarker(at: number): boolean {
    return this.input.length - at >= 2 && this.input.charCodeAt(at) === 45 && isSpace(this.input.charCodeAt(at + 1));
  }

  private hasRightTrimMarker(at: number): boolean {
    return this.input.length - at >= 2 && isSpace(this.input.charCodeAt(at)) && this.input.charCodeAt(at + 1) === 45;
  }

  private lexText(): unknown {
    const x = this.input.indexOf(this.leftDelim, this.pos);
    if (x >= 0) {
      if (x > this.pos) {
        this.pos = x;
        let trimLength = 0;
        const delimEnd = this.pos + this.leftDelim.length;
        if (this.hasLeftTrimMarker(delimEnd)) {
          let j = this.pos;
          while (j > this.start && isSpace(this.input.charCodeAt(j - 1))) j--;
          trimLength = this.pos - j;
        }
        this.pos -= trimLength;
        this.line += this.countNewlines(this.start, this.pos);
        const i = this.thisItem(T.Text);
        this.pos += trimLength;
        this.ignore();
        if (i.val.length > 0) return this.emitItem(i);
      }
      return this.lexLeftDelim;
    }
    this.pos = this.input.length;
    if (this.pos > this.start) {
      this.line += this.countNewlines(this.start, this.pos);
      return this.emit(T.Text);
    }
    return this.emit(T.EOF);
  }

  private atRightDelim(): [boolean, boolean] {
    if (this.hasRightTrimMarker(this.pos) && this.input.startsWith(this.rightDelim, this.pos + 2)) return [true, true];
    if (this.input.startsWith(this.rightDelim, this.pos)) return [true, false];
    return [false, false];
  }

  private skipLeftSpaces(): void {
    while (this.pos < this.input.length && isSpace(this.input.charCodeAt(this.pos))) this.pos++;
  }

  private lexLeftDelim(): unknown {
    this.pos += this.leftDelim.length;
    const trimSpace = this.hasLeftTrimMarker(this.pos);
    const afterMarker = trimSpace ? 2 : 0;
    if (this.input.startsWith("/*", this.pos + afterMarker)) {
      this.pos += afterMarker;
      this.ignore();
      return this.lexComment;
    }
    const i = this.thisItem(T.LeftDelim);
    this.insideAction = true;
    this.pos += afterMarker;
    this.ignore();
    this.parenDepth = 0;
    return this.emitItem(i);
  }

  private lexComment(): unknown {
    this.pos += 2;
    const x = this.input.indexOf("*/", this.pos);
    if (x < 0) return this.errorf("unclosed comment");
    this.pos = x + 2;
    const [delim, trimSpace] = this.atRightDelim();
    if (!delim) return this.errorf("comment ends before closing delimiter");
    this.line += this.countNewlines(this.start, this.pos);
    const i = this.thisItem(T.Comment);
    if (trimSpace) this.pos += 2;
    this.pos += this.rightDelim.length;
    if (trimSpace) this.skipLeftSpaces();
    this.ignore();
    if (this.options.emitComment) return this.emitItem(i);
    return this.lexText;
  }

  private lexRightDelim(): unknown {
    const [, trimSpace] = this.atRightDelim();
    if (trimSpace) {
      this.pos += 2;
      this.ignore();
    }
    this.pos += this.rightDelim.length;
    const i = this.thisItem(T.RightDelim);
    if (trimSpace) {
      this.skipLeftSpaces();
      this.ignore();
    }
    this.insideAction = false;
    return this.emitItem(i);
  }

  private lexInsideAction(): unknown {
    const [delim] = this.atRightDelim();
    if (delim) {
      if (this.parenDepth === 0) return this.lexRightDelim;
      return this.errorf("unclosed left paren");
    }
    const r = this.next();
    if (r === EOF) return this.errorf("unclosed action");
    if (isSpace(r)) {
      this.backup();
      return this.lexSpace;
    }
    switch (r) {
      case 61: // =
        return this.emit(T.Assign);
      case 58: // :
        if (this.next() !== 61) return this.errorf("expected :=");
        return this.emit(T.Declare);
      case 124:
        return this.emit(T.Pipe);
      case 34:
        return this.lexQuote;
      case 96:
        return this.lexRawQuote;
      case 36:
        return this.lexVariable;
      case 39:
        return this.lexChar;
      case 40:
        this.parenDepth++;
        return this.emit(T.LeftParen);
      case 41:
        this.parenDepth--;
        if (this.parenDepth < 0) return this.errorf("unexpected right paren");
        return this.emit(T.RightParen);
    }
    if (r === 46) {
      if (this.pos < this.input.length) {
        const c = this.input.charCodeAt(this.pos);
        if (c < 48 || c > 57) return this.lexField;
      }
      this.backup();
      return this.lexNumber;
    }
    if (r === 43 || r === 45 || (r >= 48 && r <= 57)) {
      this.backup();
      return this.lexNumber;
    }
    if (isAlphaNumeric(r)) {
      this.backup();
      return this.lexIdentifier;
    }
    if (r < 0x80 && r >= 0x20 && r < 0x7f) return this.emit(T.Char);
    return this.errorf(`unrecognized character in action: ${goQuoteForU(r)}`);
  }

  private lexSpace(): unknown {
    let numSpaces = 0;
    while (isSpace(this.peek())) {
      this.next();
      numSpaces++;
    }
    if (this.hasRightTrimMarker(this.pos - 1) && this.input.startsWith(this.rightDelim, this.pos + 1)) {
      this.backup();
      if (numSpaces === 1) return this.lexRightDelim;
    }
    return this.emit(T.Space);
  }

  private lexIdentifier(): unknown {
    for (;;) {
      const r = this.next();
      if (isAlphaNumeric(r)) continue;
      this.backup();
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) return this.errorf(`bad character ${goQuoteForU(r)}`);
      const kw = KEYWORDS[word];
      if (kw !== undefined && kw > T.Keyword) {
        if ((kw === T.Break && !this.options.breakOK) || (kw === T.Continue && !this.options.continueOK)) return this.emit(T.Identifier);
        return this.emit(kw);
      }
      if (word[0] === ".") return this.emit(T.Field);
      if (word === "true" || word === "false") return this.emit(T.Bool);
      return this.emit(T.Identifier);
    }
  }

  private lexField(): unknown {
    return this.lexFieldOrVariable(T.Field);
  }

  private lexVariable(): unknown {
    if (this.atTerminator()) return this.emit(T.Variable);
    return this.lexFieldOrVariable(T.Variable);
  }

  private lexFieldOrVariable(typ: T): unknown {
    if (this.atTerminator()) return this.emit(typ === T.Variable ? T.Variable : T.Dot);
    let r: number;
    for (;;) {
      r = this.next();
      if (!isAlphaNumeric(r)) {
        this.backup();
        break;
      }
    }
    if (!this.atTerminator()) return this.errorf(`bad character ${goQuoteForU(r)}`);
    return this.emit(typ);
  }

  private atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF:
      case 46:
      case 44:
      case 124:
      case 58:
      case 41:
      case 40:
        return true;
    }
    return this.input.startsWith(this.rightDelim, this.pos);
  }

  private lexChar(): unknown {
    for (;;) {
      let r = this.next();
      if (r === 92) {
        r = this.next();
        if (r !== EOF && r !== 10) continue;
        return this.errorf("unterminated character constant");
      }
      if (r === EOF || r === 10) return this.errorf("unterminated character constant");
      if (r === 39) break;
    }
    return this.emit(T.CharConstant);
  }

  private lexNumber(): unknown {
    if (!this.scanNumber()) return this.errorf(`bad number syntax: ${goQuoteSimple(this.input.slice(this.start, this.pos))}`);
    const sign = this.peek();
    if (sign === 43 || sign === 45) {
      if (!this.scanNumber() || this.input[this.pos - 1] !== "i")
        return this.errorf(`bad number syntax: ${goQuoteSimple(this.input.slice(this.start, this.pos))}`);
      return this.emit(T.Complex);
    }
    return this.emit(T.Number);
  }

  private scanNumber(): boolean {
    this.accept("+-");
    let digits = "0123456789_";
    if (this.accept("0")) {
      if (this.accept("xX")) digits = "0123456789abcdefABCDEF_";
      else if (this.accept("oO")) digits = "01234567_";
      else if (this.accept("bB")) digits = "01_";
    }
    this.acceptRun(digits);
    if (this.accept(".")) this.acceptRun(digits);
    if (digits.length === 11 && this.accept("eE")) {
      this.accept("+-");
      this.acceptRun("0123456789_");
    }
    if (digits.length === 23 && this.accept("pP")) {
      this.accept("+-");
      this.acceptRun("0123456789_");
    }
    this.accept("i");
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }

  private lexQuote(): unknown {
    for (;;) {
      let r = this.next();
      if (r === 92) {
        r = this.next();
        if (r !== EOF && r !== 10) continue;
        return this.errorf("unterminated quoted string");
      }
      if (r === EOF || r === 10) return this.errorf("unterminated quoted string");
      if (r === 34) break;
    }
    return this.emit(T.String);
  }

  private lexRawQuote(): unknown {
    for (;;) {
      const r = this.next();
      if (r === EOF) return this.errorf("unterminated raw quoted string");
      if (r === 96) break;
    }
    return this.emit(T.RawString);
  }
}
