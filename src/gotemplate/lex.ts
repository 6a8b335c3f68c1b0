/**
 * The lexer of Go's text/template: the same tokens, trim markers, comments and error texts.
 * Positions are JS string indexes (converted to Go's byte columns only when an error is shown).
 */
import { LexCursor } from "./lex-cursor.js";
import { EOF, type Item, KEYWORDS, T, goQuoteForU, goQuoteSimple, isAlphaNumeric, isSpace } from "./lex-token.js";

export { type LexOptions } from "./lex-cursor.js";
export { T, type Item, itemString, isAlphaNumeric } from "./lex-token.js";

/** Go's template lexer, producing one item per call to {@link Lexer.nextItem}. */
export class Lexer extends LexCursor {
  /** The next token. */
  nextItem(): Item {
    this.item = { typ: T.EOF, pos: this.pos, val: "EOF", line: this.startLine };
    let state: (() => unknown) | null = this.insideAction ? this.lexInsideAction : this.lexText;
    while (state) state = state.call(this) as (() => unknown) | null;
    return this.item;
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
