// The TemplateSet API beyond Go's tables: clone independence, lookup/names, function checks at
// parse time, missingkey per set, GO_METHODS on maps and slices, parse caching.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { TemplateError } from "../../../src/gotemplate/errors.js";
import { TemplateSet } from "../../../src/gotemplate/template.js";
import { GO_METHODS, withSignature } from "../../../src/gotemplate/value.js";

describe("TemplateSet", () => {
  test("GIVEN a cloned set WHEN each side defines a template THEN neither sees the other's", () => {
    const root = new TemplateSet({}, { name: "gotpl" });
    root.parse("a", '{{define "x"}}X{{end}}{{template "x"}}');
    const clone = root.clone();
    clone.parse("a", '{{define "x"}}Y{{end}}{{template "x"}}');
    root.parse("b", '{{define "z"}}Z{{end}}');
    assert.equal(root.execute("a", null), "X");
    assert.equal(clone.execute("a", null), "Y");
    assert.equal(clone.lookup("z"), undefined);
    assert.deepEqual(root.names(), ["a", "b", "x", "z"]);
    assert.equal(root.definedTemplates(), '; defined templates are: "a", "b", "x", "z"');
  });

  test("GIVEN a function added after parsing WHEN a new text uses it THEN it parses; before it was a parse error", () => {
    const set = new TemplateSet();
    assert.throws(() => set.parse("t", "{{ shout 1 }}"), (e: unknown) => e instanceof TemplateError && e.code === "TemplateParseError");
    set.addFuncs({ shout: (x) => `${String(x)}!` });
    set.parse("t", "{{ shout 1 }}");
    assert.equal(set.execute("t", null), "1!");
  });

  test("GIVEN a missing template WHEN executed THEN the error code is TemplateNotDefined", () => {
    const set = new TemplateSet({}, { name: "gotpl" });
    assert.throws(() => set.execute("nope", null), (e: unknown) => e instanceof TemplateError && e.code === "TemplateNotDefined");
  });

  test("GIVEN missingKey changed on a clone WHEN a missing key is read THEN only the clone errors", () => {
    const set = new TemplateSet({}, { missingKey: "zero" });
    set.parse("t", "{{ .a }}");
    const strict = set.clone();
    strict.missingKey = "error";
    assert.equal(set.execute("t", {}), "<no value>");
    assert.throws(() => strict.execute("t", {}), /map has no entry for key "a"/);
  });

  test("GIVEN a map and a slice carrying Go methods WHEN a template calls them THEN the methods run, keys still work", () => {
    const files: Record<string, unknown> = { "a.txt": "A" };
    Object.defineProperty(files, GO_METHODS, { value: { Get: withSignature({ params: ["string"] }, (n) => `got ${String(n)}`) } });
    const versions = ["v1", "apps/v1"];
    Object.defineProperty(versions, GO_METHODS, { value: { Has: (v: unknown) => versions.includes(String(v)) } });
    const set = new TemplateSet();
    set.parse("t", '{{ .Files.Get "a.txt" }}|{{ index .Files "a.txt" }}|{{ .V.Has "apps/v1" }}|{{ .V.Has "x" }}|{{ len .V }}');
    assert.equal(set.execute("t", { Files: files, V: versions }), "got a.txt|A|true|false|2");
    set.parse("u", "{{ .Files.Get }}");
    assert.throws(() => set.execute("u", { Files: files }), /wrong number of args for Get: want 1 got 0/);
  });

  test("GIVEN the same text parsed twice WHEN executed THEN both parses give the same output (parse cache)", () => {
    const a = new TemplateSet();
    const b = new TemplateSet();
    const text = "{{ range . }}<{{ . }}>{{ end }}";
    a.parse("t", text);
    b.parse("t", text);
    assert.equal(a.execute("t", [1, 2]), "<1><2>");
    assert.equal(b.execute("t", ["x"]), "<x>");
    assert.equal(a.lookup("t"), b.lookup("t"));
  });

  test("GIVEN a function throwing WHEN executed THEN the TemplateError keeps the thrown error as cause", () => {
    const boom = new Error("boom");
    const set = new TemplateSet({ f: () => { throw boom; } });
    set.parse("t", "{{ f }}");
    assert.throws(() => set.execute("t", null), (e: unknown) => e instanceof TemplateError && e.code === "TemplateExecError" && e.cause === boom);
  });
});
