import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { template } from "../../src/actions/template.js";
import { defineChart } from "../../src/chart/define.js";
import { BerthError } from "../../src/errors.js";
import type { ValuesInvalid } from "../../src/values/errors.js";
import { validateValues } from "../../src/values/schema.js";

const schema2020 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["image"],
  properties: {
    image: { type: "object", required: ["repository"], properties: { tag: { type: "string" } } },
    replicas: { type: "integer", minimum: 1 },
    hosts: { type: "array", items: { type: "object", properties: { name: { type: "string" } } } },
  },
};

describe("values schema", () => {
  it("GIVEN several violations WHEN validated (2020-12) THEN every one is listed with its value path", () => {
    const issues = validateValues(schema2020, { image: { tag: 1 }, replicas: 0, hosts: [{ name: 3 }] }, "s");
    assert.deepEqual(issues.map((i) => i.path).sort(), ["hosts[0].name", "image.repository", "image.tag", "replicas"]);
    assert.equal(issues.find((i) => i.path === "image.tag")?.message, "must be string");
  });

  it("GIVEN a draft-07 schema WHEN validated THEN violations are found too", () => {
    const schema = { $schema: "http://json-schema.org/draft-07/schema#", properties: { port: { type: "integer" }, url: { type: "string", format: "uri" } } };
    assert.deepEqual(validateValues(schema, { port: "80", url: "x" }, "s").map((i) => i.path), ["port"]);
  });

  it("GIVEN a validator function in code WHEN validated THEN its violations carry the subchart prefix", () => {
    const issues = validateValues(() => [{ path: "port", message: "must be even" }], {}, "s", "redis.");
    assert.equal(issues[0]?.path, "redis.port");
  });

  it("GIVEN a chart and a subchart with schemas WHEN template() gets bad values THEN one ValuesInvalid lists both", async () => {
    const sub = defineChart({ name: "sub", version: "1.0.0", values: { port: 1 }, schema: { properties: { port: { type: "integer" } } } });
    const chart = defineChart({ name: "top", version: "1.0.0", values: { image: { repository: "nginx", tag: "1" } }, schema: schema2020, dependencies: [sub] });
    await assert.rejects(
      template(chart, { release: "r", values: { image: { tag: 5 as unknown as string } }, set: ["sub.port=x"] }),
      (e: unknown) => {
        assert.ok(e instanceof BerthError && e.code === "ValuesInvalid");
        assert.deepEqual((e as ValuesInvalid).issues.map((i) => i.path).sort(), ["image.tag", "sub.port"]);
        return true;
      },
    );
  });
});
