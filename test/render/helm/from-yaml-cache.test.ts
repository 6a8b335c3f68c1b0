// GIVEN a render's fromYaml/fromYamlArray, which remember each text's result
// WHEN a template modifies what one call returned, or parses a bad text twice
// THEN a later call with the same text returns the unmodified value, and the same error
import { test } from "node:test";
import assert from "node:assert/strict";
import { TemplateSet } from "../../../src/gotemplate/template.js";
import { helmBaseFunctions, installRenderFunctions } from "../../../src/render/helm/funcs.js";

function render(text: string): string {
  const t = new TemplateSet(helmBaseFunctions(), { missingKey: "zero", name: "gotpl" });
  installRenderFunctions(t, { included: new Map(), lookup: () => ({}) });
  t.parse("t.yaml", text);
  return t.execute("t.yaml", {});
}

test("GIVEN fromYaml of a text WHEN the result is modified THEN the next fromYaml of that text is unmodified", () => {
  const out = render(
    '{{- $a := fromYaml "a: 1\\nb: {c: [1, 2]}" }}{{- $_ := set $a "x" 9 }}{{- $_ := set $a.b "c" "gone" }}' +
      '{{- $d := fromYaml "a: 1\\nb: {c: [1, 2]}" }}{{ toJson $a }} {{ toJson $d }}',
  );
  assert.equal(out, '{"a":1,"b":{"c":"gone"},"x":9} {"a":1,"b":{"c":[1,2]}}');
});

test("GIVEN fromYamlArray of a text WHEN the result's map is modified THEN the next call of that text is unmodified", () => {
  const out = render('{{- $a := fromYamlArray "- k: v" }}{{- $_ := set (first $a) "k" "w" }}{{ toJson $a }} {{ toJson (fromYamlArray "- k: v") }}');
  assert.equal(out, '[{"k":"w"}] [{"k":"v"}]');
});

test("GIVEN a text that is not a mapping WHEN fromYaml reads it twice THEN both calls return the same Error entry", () => {
  const out = render('{{ (fromYaml "- 1").Error }}|{{ (fromYaml "- 1").Error }}');
  const [first, second] = out.split("|");
  assert.match(first!, /cannot unmarshal array/);
  assert.equal(second, first);
});
