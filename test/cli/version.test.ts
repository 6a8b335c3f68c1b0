// `berth --version` prints the version of berth's own package.json.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { it } from "node:test";
import { runBerth } from "../helpers/cli.js";

it("GIVEN berth WHEN --version or -v THEN it prints its package.json version and exits 0", async () => {
  const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  for (const flag of ["--version", "-v"]) {
    const run = await runBerth([flag]);
    assert.deepEqual([run.code, run.stdout], [0, `${version}\n`]);
  }
});
