import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { defineChart } from "../../src/chart/define.js";
import { applyOverrides, stackOverrides } from "../../src/values/coalesce.js";
import { computeValues } from "../../src/values/compute.js";

describe("values coalescing", () => {
  it("GIVEN defaults and overrides WHEN applied THEN maps merge deeply and arrays replace", () => {
    const out = applyOverrides({ a: { b: 1, c: 2 }, list: [1, 2, 3] }, { a: { c: 3 }, list: [9] });
    assert.deepEqual(out, { a: { b: 1, c: 3 }, list: [9] });
  });

  it("GIVEN an override of null WHEN applied THEN the default key is deleted", () => {
    const out = applyOverrides({ a: { b: 1, c: 2 }, d: 4 }, { a: { b: null }, d: null });
    assert.deepEqual(out, { a: { c: 2 } });
  });

  it("GIVEN a null in the defaults themselves WHEN nothing overrides it THEN it is kept", () => {
    assert.deepEqual(applyOverrides({ a: null }, {}), { a: null });
  });

  it("GIVEN two user layers WHEN stacked THEN a null in the lower one survives until applied", () => {
    const stacked = stackOverrides({ a: null }, { b: 1 });
    assert.deepEqual(applyOverrides({ a: 1, b: 0 }, stacked), { b: 1 });
  });

  it("GIVEN defaults WHEN applied THEN the defaults are not mutated", () => {
    const defaults = { a: { b: 1 } };
    applyOverrides(defaults, { a: { b: 2 } });
    assert.deepEqual(defaults, { a: { b: 1 } });
  });
});

describe("subchart values", () => {
  const redis = defineChart({ name: "redis", version: "1.0.0", values: { port: 6379, auth: { enabled: true, user: "x" }, global: { region: "sub" } } });
  const web = defineChart({
    name: "web", version: "1.0.0",
    values: { global: { environment: "dev" }, redis: { enabled: true, port: 6380 }, cache: { enabled: false } },
    dependencies: [{ chart: redis, condition: "redis.enabled" }, { chart: redis, alias: "cache", condition: "cache.enabled" }],
  });

  it("GIVEN a subchart WHEN values are computed THEN it sees defaults ← parent values ← user values under its name", () => {
    const tree = computeValues(web, [{ redis: { auth: { user: "u" } } }]);
    const sub = tree.children[0]!;
    assert.equal(sub.values.port, 6380);
    assert.deepEqual(sub.values.auth, { enabled: true, user: "u" });
    assert.equal((tree.values.redis as { port: number }).port, 6380, "the parent sees the subchart's coalesced values");
  });

  it("GIVEN globals WHEN values are computed THEN global flows to every subchart and the parent's wins", () => {
    const tree = computeValues(web, [{ global: { environment: "prod" } }]);
    assert.deepEqual(tree.children[0]!.values.global, { region: "sub", environment: "prod" });
  });

  it("GIVEN a user null for a subchart key set by the parent WHEN computed THEN the subchart's default is deleted too", () => {
    const tree = computeValues(web, [{ redis: { port: null } }]);
    assert.equal("port" in tree.children[0]!.values, false);
  });

  it("GIVEN a condition that is false WHEN computed THEN the subchart is left out; an alias is enabled on its own", () => {
    assert.deepEqual(computeValues(web, []).children.map((c) => c.sourcePath), ["web/charts/redis"]);
    const tree = computeValues(web, [{ redis: { enabled: false }, cache: { enabled: true } }]);
    assert.deepEqual(tree.children.map((c) => c.sourcePath), ["web/charts/cache"]);
  });

  it("GIVEN tags WHEN no condition is set THEN any true tag enables the subchart", () => {
    const chart = defineChart({ name: "p", version: "1.0.0", values: {}, dependencies: [{ chart: redis, tags: ["backend"] }] });
    assert.equal(computeValues(chart, [{ tags: { backend: false } }]).children.length, 0);
    assert.equal(computeValues(chart, [{ tags: { backend: true } }]).children.length, 1);
    assert.equal(computeValues(chart, []).children.length, 1);
  });
});
