// GIVEN a tsconfig.json extending others (relative paths with and without .json, an array, a package's
// config, a cycle) WHEN its chain is asked THEN it is every file TypeScript would read, each once.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, realpath, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { tsconfigChain } from "../../src/runner/tsconfig-chain.js";

async function files(tree: Record<string, string>): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), "berth-tsconfig-")));
  for (const [name, text] of Object.entries(tree)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

describe("tsconfigChain", () => {
  it("GIVEN relative extends, with and without .json, in an array, with comments WHEN chained THEN every file, in order", async () => {
    const dir = await files({
      "tsconfig.json": `{\n  // the project's\n  "extends": ["./configs/base", "./configs/strict.json"],\n  "compilerOptions": {},\n}\n`,
      "configs/base.json": `{ "compilerOptions": { "target": "es2022" } }`,
      "configs/strict.json": `{ "extends": "../shared/root.json" }`,
      "shared/root.json": `{}`,
    });
    assert.deepEqual(tsconfigChain(join(dir, "tsconfig.json")), ["tsconfig.json", "configs/base.json", "configs/strict.json", "shared/root.json"].map((f) => join(dir, f)));
  });

  it("GIVEN a package's config and a cycle WHEN chained THEN the package's file once, and the cycle ends", async () => {
    const dir = await files({
      "tsconfig.json": `{ "extends": "@acme/tsconfig/node.json" }`,
      "node_modules/@acme/tsconfig/package.json": `{ "name": "@acme/tsconfig" }`,
      "node_modules/@acme/tsconfig/node.json": `{ "extends": "../../../tsconfig.json" }`,
    });
    assert.deepEqual(tsconfigChain(join(dir, "tsconfig.json")), [join(dir, "tsconfig.json"), join(dir, "node_modules/@acme/tsconfig/node.json")]);
  });

  it("GIVEN an extends naming no file WHEN chained THEN only the files that exist", async () => {
    const dir = await files({ "tsconfig.json": `{ "extends": "./missing.json" }` });
    assert.deepEqual(tsconfigChain(join(dir, "tsconfig.json")), [join(dir, "tsconfig.json")]);
  });
});
