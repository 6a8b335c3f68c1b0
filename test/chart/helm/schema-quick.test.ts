import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { quickSchema } from "../../../src/chart/helm/schema-quick.js";
import { quickValid } from "../../../src/chart/helm/schema-quick-valid.js";
import { readYamlMap } from "../../../src/chart/helm/yaml-read.js";

// The quick check must agree with ajv (the options src/chart/helm/schema.ts uses) whenever it answers.
const require = createRequire(import.meta.url);
type Validate = (data: unknown) => boolean;
type AjvCtor = new (opts: Record<string, unknown>) => { compile(schema: unknown): Validate };
const Ajv = (require("ajv") as { default: AjvCtor }).default;
const Ajv2020 = (require("ajv/dist/2020") as { default: AjvCtor }).default;

function ajv(schema: Record<string, unknown> | boolean): Validate | Error {
  const draft = typeof schema === "object" ? String(schema["$schema"] ?? "") : "";
  const Ctor = draft.includes("2020-12") ? Ajv2020 : Ajv;
  try {
    return new Ctor({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
  } catch (e) {
    return e as Error;
  }
}

const defs = {
  port: { type: "integer", minimum: 1, maximum: 65535 },
  name: { type: "string", pattern: "^[a-z]([-a-z0-9]*[a-z0-9])?$", maxLength: 10 },
};

/** [schema, data, whether the quick check answers (it declines on what it does not implement)]. */
const cases: [Record<string, unknown> | boolean, unknown, boolean][] = [
  [{ type: "object" }, {}, true],
  [{ type: "object" }, [], true],
  [{ type: ["string", "null"] }, null, true],
  [{ type: "integer" }, 1.5, true],
  [{ type: "integer" }, 3, true],
  [{ type: "number" }, 3, true],
  [{ type: "integer" }, Number.POSITIVE_INFINITY, false],
  [{ type: "string" }, new Date(0), false],
  [{ properties: { a: { type: "string" } } }, { a: 1 }, true],
  [{ properties: { a: { type: "string" } } }, { b: 1 }, true],
  [{ properties: { a: { type: "string" } } }, "not an object", true],
  [{ required: ["a", "b"] }, { a: 1 }, true],
  [{ required: ["a"] }, { a: null }, true],
  [{ required: ["a"] }, [1], true],
  [{ properties: { a: true }, additionalProperties: false }, { a: 1, b: 2 }, true],
  [{ properties: { a: true }, patternProperties: { "^x-": { type: "string" } }, additionalProperties: false }, { a: 1, "x-b": "s" }, true],
  [{ properties: { a: true }, patternProperties: { "^x-": { type: "string" } }, additionalProperties: false }, { "x-b": 2 }, true],
  [{ additionalProperties: { type: "integer" } }, { a: 1, b: "2" }, true],
  [{ items: { type: "string" }, minItems: 1, maxItems: 2 }, ["a", "b"], true],
  [{ items: { type: "string" }, minItems: 1, maxItems: 2 }, ["a", "b", "c"], true],
  [{ items: { type: "string" } }, ["a", 1], true],
  [{ items: [{ type: "string" }] }, ["a", 1], false],
  [{ uniqueItems: true }, [{ a: [1] }, { a: [1] }], true],
  [{ uniqueItems: true }, [{ a: [1] }, { a: [2] }], true],
  [{ enum: ["a", 1, { b: [null] }] }, { b: [null] }, true],
  [{ enum: ["a", 1, { b: [null] }] }, { b: [] }, true],
  [{ const: { a: 1 } }, { a: 1, b: 2 }, true],
  [{ minLength: 2, maxLength: 2 }, "😀😀", true],
  [{ minLength: 3 }, "😀😀", true],
  [{ pattern: "^\\p{L}+$" }, "héllo", true],
  [{ pattern: "^[a-z]+$" }, "abc1", true],
  [{ minimum: 1, exclusiveMaximum: 10 }, 10, true],
  [{ minimum: 1, exclusiveMaximum: 10 }, 9.5, true],
  [{ exclusiveMinimum: 0 }, 0, true],
  [{ multipleOf: 0.5 }, 2.5, true],
  [{ multipleOf: 3 }, 10, true],
  [{ minProperties: 1, maxProperties: 1 }, { a: 1, b: 2 }, true],
  [{ anyOf: [{ type: "string" }, { type: "integer" }] }, 1, true],
  [{ anyOf: [{ type: "string" }, { type: "integer" }] }, true, true],
  [{ oneOf: [{ type: "number" }, { type: "integer" }] }, 1, true],
  [{ oneOf: [{ type: "number" }, { type: "string" }] }, 1, true],
  [{ allOf: [{ minimum: 1 }, { maximum: 2 }] }, 3, true],
  [{ not: { type: "null" } }, null, true],
  [{ if: { properties: { kind: { const: "a" } } }, then: { required: ["x"] }, else: { required: ["y"] } }, { kind: "a", y: 1 }, true],
  [{ if: { properties: { kind: { const: "a" } } }, then: { required: ["x"] }, else: { required: ["y"] } }, { kind: "b", y: 1 }, true],
  [{ then: false }, 1, true],
  [{ $ref: "#/definitions/port", definitions: defs }, 8080, true],
  [{ $ref: "#/definitions/port", definitions: defs }, 0, true],
  // ajv applies a $ref's sibling keywords too (draft-07 as well).
  [{ $ref: "#/definitions/port", maximum: 100, definitions: defs }, 8080, true],
  [{ $schema: "https://json-schema.org/draft/2020-12/schema", properties: { n: { $ref: "#/$defs/name" } }, $defs: defs }, { n: "Bad" }, true],
  [{ $schema: "https://json-schema.org/draft/2020-12/schema", properties: { n: { $ref: "#/$defs/name" } }, $defs: defs }, { n: "good" }, true],
  [{ properties: { tree: { $ref: "#/definitions/node" } }, definitions: { node: { type: "object", properties: { kids: { type: "array", items: { $ref: "#/definitions/node" } } }, additionalProperties: false } } }, { tree: { kids: [{ kids: [] }, { kids: [{ x: 1 }] }] } }, true],
  [{ properties: { "a/b": { type: "string" }, c: { $ref: "#/properties/a~1b" } } }, { c: 1 }, true],
  [{ "x-ui": { widget: "text" }, form: true, type: "object" }, {}, true],
  [{ format: "email" }, "not-an-email", true],
  [true, 1, true],
  [false, 1, true],
  [{ properties: { a: false } }, { a: 1 }, true],
  // What the quick check declines: ajv decides (including rejecting the schema).
  [{ $schema: "http://json-schema.org/draft-04/schema#", type: "object" }, {}, false],
  [{ type: "strin" }, "x", false],
  [{ title: 5 }, 1, false],
  [{ enum: [] }, 1, false],
  [{ required: ["a", "a"] }, {}, false],
  [{ $ref: "#/definitions/missing" }, 1, false],
  [{ $ref: "other.json#/x" }, 1, false],
  [{ pattern: "(" }, "x", false],
  [{ type: "object", nullable: true }, null, false],
  [{ propertyNames: { maxLength: 1 } }, { ab: 1 }, false],
  [{ dependencies: { a: ["b"] } }, { a: 1 }, false],
  [{ properties: { a: { $id: "http://example.com/a", type: "string" } } }, { a: 1 }, false],
];

test("the quick schema check agrees with ajv whenever it answers, and declines what it does not implement", () => {
  for (const [schema, data, answers] of cases) {
    const what = `${JSON.stringify(schema)} on ${String(JSON.stringify(data))}`;
    const q = quickSchema(schema);
    const quick = q ? quickValid(q, data) : undefined;
    const validate = ajv(schema);
    const expected = validate instanceof Error ? "schema error" : validate(data);
    if (!answers) {
      assert.equal(quick, undefined, `declines ${what}`);
      continue;
    }
    assert.notEqual(q, undefined, `understands ${what}`);
    // It answers only "valid"; invalid values go to ajv for its error list.
    assert.equal(quick === true, expected === true, `${what}: quick ${String(quick)}, ajv ${String(expected)}`);
  }
});

test("every values.schema.json of the chart corpus is understood and accepts the chart's default values as ajv does", () => {
  const root = fileURLToPath(new URL("../../../../shared/helm-charts/corpus/", import.meta.url));
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === "values.schema.json") found.push(p);
    }
  };
  walk(root);
  assert.ok(found.length > 50, `found ${found.length} schemas`);
  for (const file of found) {
    const schema = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    const q = quickSchema(schema);
    assert.ok(q, `understands ${file}`);
    const validate = ajv(schema);
    assert.ok(!(validate instanceof Error), `ajv compiles ${file}`);
    const valuesFile = join(dirname(file), "values.yaml");
    const defaults = existsSync(valuesFile) ? JSON.parse(JSON.stringify(readYamlMap(readFileSync(valuesFile, "utf8")), (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v))) as unknown : {};
    for (const data of [defaults, {}, { unexpected: { nested: [1, "two"] } }, []]) {
      assert.equal(quickValid(q, data) === true, validate(data), `${file} on ${JSON.stringify(data)}`);
    }
  }
});
