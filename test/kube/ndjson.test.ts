import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseJsonLines } from "../../src/kube/ndjson.js";

async function* chunks(parts: Array<string | Buffer>) {
  for (const part of parts) yield part;
}

describe("parseJsonLines", () => {
  it("GIVEN objects split across chunks (mid-object and mid-character) WHEN parsed THEN each line yields one value", async () => {
    const text = '{"type":"ADDED","n":"é"}\n{"type":"DELETED"}\n';
    const bytes = Buffer.from(text);
    const cut = bytes.indexOf(0xc3) + 1; // inside the two-byte "é"
    const out: unknown[] = [];
    for await (const v of parseJsonLines(chunks([bytes.subarray(0, cut), bytes.subarray(cut, cut + 5), bytes.subarray(cut + 5)]))) out.push(v);
    assert.deepEqual(out, [{ type: "ADDED", n: "é" }, { type: "DELETED" }]);
  });
  it("GIVEN a last line without newline and blank lines WHEN parsed THEN blanks are skipped and the tail is parsed", async () => {
    const out: unknown[] = [];
    for await (const v of parseJsonLines(chunks(["\n{\"a\":1}\n\n", "{\"b\":2}"]))) out.push(v);
    assert.deepEqual(out, [{ a: 1 }, { b: 2 }]);
  });
});
