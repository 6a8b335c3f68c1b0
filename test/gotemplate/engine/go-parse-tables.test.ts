// Go's own parser tables (text/template/parse parse_test.go parseTests and errorTests), with the
// results Go's parser gives for them (data/go-parse-tests.json, dumped by running Go's parser):
// our parser accepts and rejects the same texts, prints the same trees and the same errors.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { TemplateError } from "../../../src/gotemplate/errors.js";
import { nodeString } from "../../../src/gotemplate/nodes.js";
import { parseTemplates } from "../../../src/gotemplate/parse.js";

interface GoParseCase {
  name: string;
  input: string;
  ok: boolean;
  out?: string;
  err?: string;
}

const cases = JSON.parse(readFileSync(join(import.meta.dirname, "data", "go-parse-tests.json"), "utf8")) as GoParseCase[];
// parse_test.go's function map.
const hasFunction = (name: string): boolean => name === "printf" || name === "contains";
// parse_test.go lowers Go's expression depth limit to 3 for all its tables.
const maxExpressionDepth = 3;
// Complex (imaginary) literals are a non-goal (Helm charts never use them): we reject them.
const IMAGINARY = /[0-9.]i\b/;

describe("Go parse_test.go tables", () => {
  for (const c of cases) {
    test(`GIVEN ${c.name}: ${JSON.stringify(c.input).slice(0, 70)} WHEN parsed THEN ${c.ok ? "the tree prints as Go's" : "it fails with Go's error"}`, () => {
      let trees: ReturnType<typeof parseTemplates> | undefined;
      let err: unknown;
      try {
        trees = parseTemplates(c.name.replace(/^error: /, ""), c.input, { hasFunction, maxExpressionDepth });
      } catch (e) {
        err = e;
      }
      if (c.ok && IMAGINARY.test(c.input)) {
        assert.ok(err instanceof TemplateError && /complex numbers are not supported/.test(err.message));
      } else if (c.ok) {
        if (err) throw err;
        assert.equal(nodeString(trees!.get(c.name)!.root), c.out ?? "");
      } else {
        assert.ok(err instanceof TemplateError, `expected a parse error, got ${String(err)}`);
        assert.equal(err.code, "TemplateParseError");
        if (c.err !== undefined) assert.equal(err.message, c.err);
      }
    });
  }
});
