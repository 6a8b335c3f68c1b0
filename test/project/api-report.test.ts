// GIVEN the public API (src/index.ts) WHEN api-extractor checks it THEN etc/berth.api.md is current (refresh with `npm run api`).
import { it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");
const run = (cmd: string, args: string[]) =>
  promisify(execFile)(process.execPath, [cmd, ...args], { cwd: root, maxBuffer: 16 << 20 }).then(
    (r) => ({ ok: true, out: r.stdout + r.stderr }),
    (e: { stdout?: string; stderr?: string }) => ({ ok: false, out: `${e.stdout ?? ""}${e.stderr ?? ""}` }),
  );

it("GIVEN the public API WHEN api-extractor runs in check mode THEN the committed API report matches", async () => {
  const build = await run(join(root, "node_modules", "typescript", "bin", "tsc"), ["-p", "tsconfig.build.json"]);
  assert.ok(build.ok, `build failed:\n${build.out}`);
  const check = await run(join(root, "node_modules", "@microsoft", "api-extractor", "bin", "api-extractor"), ["run"]);
  assert.ok(check.ok, `etc/berth.api.md is stale — run \`npm run api\` and commit it:\n${check.out.slice(-3000)}`);
});
