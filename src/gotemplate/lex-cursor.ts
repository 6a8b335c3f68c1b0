// The lexer's cursor over its input: runes forward and back (UTF-16 pairs as one rune), the token
// in progress, line counting, and the delimiter and terminator tests the lexer's states share.
import { EOF, type Item, T, isSpace } from "./lex-token.js";

/** Options the parser gives the lexer. */
export interface LexOptions {
  emitComment: boolean;
  breakOK: boolean;
  continueOK: boolean;
}

/** The position and token in progress of a lexer over its input; the lexer's states are the subclass's methods (lex.ts). */
export class LexCursor {
  protected input: string;
  protected pos = 0;
  protected start = 0;
  protected atEOF = false;
  protected parenDepth = 0;
  protected line = 1;
  protected startLine = 1;
  protected insideAction = false;
  protected item: Item;
  /** What the parser allows and wants (comments as tokens, `break`/`continue` as keywords). */
  options: LexOptions = { emitComment: false, breakOK: true, continueOK: true };

  constructor(
    input: string,
    protected readonly leftDelim = "{{",
    protected readonly rightDelim = "}}",
  ) {
    this.input = input;
    this.item = { typ: T.EOF, pos: 0, val: "EOF", line: 1 };
  }

  protected next(): number {
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

  protected peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  protected backup(): void {
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

  protected thisItem(t: T): Item {
    const i: Item = { typ: t, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine };
    this.start = this.pos;
    this.startLine = this.line;
    return i;
  }

  protected emit(t: T): null {
    this.item = this.thisItem(t);
    return null;
  }

  protected emitItem(i: Item): null {
    this.item = i;
    return null;
  }

  protected countNewlines(from: number, to: number): number {
    let n = 0;
    for (let i = this.input.indexOf("\n", from); i >= 0 && i < to; i = this.input.indexOf("\n", i + 1)) n++;
    return n;
  }

  protected ignore(): void {
    this.line += this.countNewlines(this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  protected accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  protected acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || !valid.includes(String.fromCodePoint(r))) break;
    }
    this.backup();
  }

  protected errorf(msg: string): null {
    this.item = { typ: T.Error, pos: this.start, val: msg, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input = "";
    return null;
  }


  protected hasLeftTrimMarker(at: number): boolean {
    return this.input.length - at >= 2 && this.input.charCodeAt(at) === 45 && isSpace(this.input.charCodeAt(at + 1));
  }
  protected hasRightTrimMarker(at: number): boolean {
    return this.input.length - at >= 2 && isSpace(this.input.charCodeAt(at)) && this.input.charCodeAt(at + 1) === 45;
  }
  protected atRightDelim(): [boolean, boolean] {
    if (this.hasRightTrimMarker(this.pos) && this.input.startsWith(this.rightDelim, this.pos + 2)) return [true, true];
    if (this.input.startsWith(this.rightDelim, this.pos)) return [true, false];
    return [false, false];
  }
  protected skipLeftSpaces(): void {
    while (this.pos < this.input.length && isSpace(this.input.charCodeAt(this.pos))) this.pos++;
  }
  protected atTerminator(): boolean {
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
}
