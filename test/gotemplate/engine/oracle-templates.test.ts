// Every template case Go's text/template ran (gen/oracle.go): same output bytes, same error text.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { TemplateError } from "../../../src/gotemplate/errors.js";
import { TemplateSet } from "../../../src/gotemplate/template.js";
import { dataFor, expected, oracleFuncs } from "./fixtures.js";

describe("Go text/template oracle cases", () => {
  for (const c of expected.cases) {
    const what = c.err !== undefined ? "fails with Go's error" : "prints what Go prints";
    test(`GIVEN ${c.name}: ${JSON.stringify(c.tpl).slice(0, 80)} WHEN executed THEN it ${what}`, () => {
      const set = new TemplateSet(oracleFuncs(), { name: "root", missingKey: c.missingkey ?? "default" });
      let out: string | undefined;
      let err: unknown;
      try {
        set.parse("t.yaml", c.tpl);
        out = set.execute(c.exec ?? "t.yaml", dataFor(c.data));
      } catch (e) {
        err = e;
      }
      if (c.err !== undefined) {
        assert.ok(err instanceof TemplateError, `expected a TemplateError, got ${String(err)} / output ${JSON.stringify(out)}`);
        assert.match(err.code, /^Template(ParseError|ExecError|NotDefined)$/);
        // Helm prints Go's message verbatim, so the text itself is the behaviour under test.
        assert.equal(err.message, c.err);
      } else {
        if (err) throw err;
        assert.equal(out, c.out);
      }
    });
  }
});
