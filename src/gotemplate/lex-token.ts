// The tokens of Go's text/template lexer, and the rune tests and quoting its errors use.

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

/** Keywords and their kinds (`.` too, as Go's lexer treats it). */
export const KEYWORDS: Record<string, T> = {
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

/** What the cursor returns past the input's end. */
export const EOF = -1;
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;

/** Go's template isSpace: space, tab, CR, LF. */
export function isSpace(r: number): boolean {
  return r === 32 || r === 9 || r === 13 || r === 10;
}

/** Go's `_ || unicode.IsLetter || unicode.IsDigit`. */
export function isAlphaNumeric(r: number): boolean {
  if (r < 0x80) return r === 95 || (r >= 48 && r <= 57) || (r >= 65 && r <= 90) || (r >= 97 && r <= 122);
  return r !== EOF && LETTER_OR_DIGIT.test(String.fromCodePoint(r));
}

/** A rune as Go's `%#U` prints it in lexer errors. */
export function goQuoteForU(r: number): string {
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

/** Go's strconv.Quote for the texts of tokens and bad numbers. */
export function goQuoteSimple(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f]/g, (c) => "\\x" + c.charCodeAt(0).toString(16).padStart(2, "0"));
}
