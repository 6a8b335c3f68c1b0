import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { clonePlain, unusableData } from "../../src/util/plain-data.js";
import { defineLazy } from "../../src/util/lazy.js";

describe("clonePlain", () => {
  it("GIVEN nested plain data WHEN cloned THEN the copy is equal and shares no object with the original", () => {
    const original = { a: [1, { b: "x" }, null], c: { d: true, e: undefined }, f: 0 };
    const copy = clonePlain(original);
    assert.deepStrictEqual(copy, original);
    assert.notEqual(copy.a, original.a);
    assert.notEqual(copy.a[1], original.a[1]);
    assert.notEqual(copy.c, original.c);
  });

  it("GIVEN a __proto__ key (parsed from JSON) WHEN cloned THEN it stays an own key and the prototype is untouched", () => {
    const original = JSON.parse('{"data":{"__proto__":{"polluted":true},"k":"v"}}') as { data: Record<string, unknown> };
    const copy = clonePlain(original);
    assert.deepStrictEqual(Object.keys(copy.data), ["__proto__", "k"]);
    assert.equal(Object.getPrototypeOf(copy.data), Object.prototype);
    assert.equal((copy.data as { polluted?: boolean }).polluted, undefined);
    assert.deepStrictEqual(copy, original);
  });

  it("GIVEN a Date inside WHEN cloned THEN it is copied as a Date", () => {
    const when = new Date(0);
    const copy = clonePlain({ when });
    assert.ok(copy.when instanceof Date);
    assert.notEqual(copy.when, when);
    assert.equal(copy.when.getTime(), 0);
  });
});

describe("defineLazy", () => {
  it("GIVEN a lazy property WHEN read twice THEN it is computed once and then a plain enumerable value", () => {
    let calls = 0;
    const target: { value?: number; other: string } = { other: "x" };
    defineLazy(target, "value", () => ++calls);
    assert.equal(calls, 0);
    assert.equal(target.value, 1);
    assert.equal(target.value, 1);
    assert.equal(calls, 1);
    assert.deepEqual(Object.getOwnPropertyDescriptor(target, "value"), { value: 1, writable: true, enumerable: true, configurable: true });
  });

  it("GIVEN a computation that throws WHEN read THEN every read throws until it succeeds", () => {
    let fail = true;
    const target: { value?: string } = {};
    defineLazy(target, "value", () => {
      if (fail) throw new Error("not yet");
      return "done";
    });
    assert.throws(() => target.value, /not yet/);
    assert.throws(() => JSON.stringify(target), /not yet/);
    fail = false;
    assert.equal(target.value, "done");
  });
});

describe("unusableData", () => {
  it("GIVEN plain data WHEN checked THEN undefined", () => {
    assert.equal(unusableData({ a: [1, "x", null, { b: true }], c: undefined }), undefined);
  });

  it("GIVEN a problem at some depth WHEN checked THEN its value path is named (keys dotted, items indexed)", () => {
    assert.deepEqual(unusableData(() => 1), { path: "(the returned value)", problem: "is a function; call it and return its result" });
    assert.equal(unusableData({ spec: { containers: [{}, { env: Symbol("x") }] } })?.path, "spec.containers[1].env");
    assert.equal(unusableData([{ a: 1 }, { b: [Infinity] }])?.path, "[1].b[0]");
    assert.equal(unusableData({ n: 10n })?.path, "n");
    const cyclic: Record<string, unknown> = { a: {} };
    (cyclic["a"] as Record<string, unknown>)["back"] = cyclic;
    assert.deepEqual(unusableData(cyclic)?.path, "a.back");
    assert.equal(unusableData(JSON.parse('{"__proto__":{}}'))?.path, "__proto__");
    assert.equal(unusableData(JSON.parse('{"m":{"__proto__":{}}}'))?.path, "m.__proto__");
  });

  it("GIVEN a second object sharing a subtree (no cycle) WHEN checked THEN it is plain data", () => {
    const shared = { x: 1 };
    assert.equal(unusableData({ a: shared, b: shared }), undefined);
  });
});
