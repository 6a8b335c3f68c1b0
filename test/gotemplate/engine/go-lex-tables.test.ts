// Go's own lexer tables (text/template/parse lex_test.go lexTests, lexDelimTests, lexPosTests)
// with the items Go's lexer produced for them (data/go-lex-tests.json, dumped by running Go):
// our lexer yields the same kinds, texts, lines and (for ASCII input) positions.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { Lexer, T, type Item } from "../../../src/gotemplate/lex.js";

interface GoItem {
  typ: number;
  pos: number;
  val: string;
  line: number;
}
interface GoLexCase {
  name: string;
  input: string;
  left?: string;
  right?: string;
  items: GoItem[];
}

const cases = JSON.parse(readFileSync(join(import.meta.dirname, "data", "go-lex-tests.json"), "utf8")) as GoLexCase[];

function collect(c: GoLexCase): Item[] {
  const l = new Lexer(c.input, c.left || "{{", c.right || "}}");
  l.options = { emitComment: true, breakOK: true, continueOK: true };
  const items: Item[] = [];
  for (;;) {
    const it = l.nextItem();
    items.push(it);
    if (it.typ === T.EOF || it.typ === T.Error) return items;
  }
}

describe("Go lex_test.go tables", () => {
  for (const c of cases) {
    test(`GIVEN ${c.name}: ${JSON.stringify(c.input).slice(0, 70)} WHEN lexed THEN the items are Go's`, () => {
      // eslint-disable-next-line no-control-regex
      const ascii = /^[\x00-\x7f]*$/.test(c.input);
      const got = collect(c).map((i) => ({ typ: i.typ as number, pos: ascii ? i.pos : 0, val: i.val, line: i.line }));
      const want = c.items.map((i) => ({ ...i, pos: ascii ? i.pos : 0 }));
      assert.deepEqual(got, want);
    });
  }
});
