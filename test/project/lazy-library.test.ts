// GIVEN `import "berth"` and what deploying or planning a chart written in TypeScript loads (the
// deploy and rollback actions, the CLI's plan and deploy commands) WHEN their static imports are
// followed THEN none of them reaches the Helm machinery: the Go template engine and Sprig, Helm's
// chart loader and renderer, chart packages, repositories, OCI and dependencies. Those load on first
// use (a dynamic `import()` where a Helm chart is loaded or rendered); only their error classes,
// small modules of their own, are imported up front (index exports them; `instanceof` must work).
// So do what starts a local control plane and what writes values types (startLocalCluster, generateValuesTypes).
import { it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chainTo, staticClosure, staticImportsOf } from "../helpers/static-closure.js";

const src = join(import.meta.dirname, "..", "..", "src");

/** Modules only a Helm chart (or a chart package) needs: folders end with "/". */
const HEAVY: readonly string[] = [
  "gotemplate/",
  "render/helm/",
  "chart/helm/",
  "chart/package/",
  "chart/repo/",
  "chart/oci/",
  "chart/deps/",
  "chart/semver/",
  "chart/helm-view.ts",
  "chart/chart-files.ts",
  "render/go-engine.ts",
  "render/go-values.ts",
  "render/helm-manifests.ts",
  // not Helm, but not needed to deploy either: starting a local control plane, writing values types
  "local/start.ts",
  "local/binaries.ts",
  "local/pki.ts",
  "typegen/values-types.ts",
  "typegen/from-schema.ts",
  "typegen/from-values.ts",
];
/** Light modules inside HEAVY that may load up front: error classes index exports, and what a release record keeps of a chart. */
const ALLOWED: readonly string[] = [
  "gotemplate/errors.ts",
  "gotemplate/sprig/errors.ts",
  "chart/helm/errors.ts",
  "chart/helm/yaml-errors.ts",
  "chart/package/errors.ts",
  "chart/package/release-chart.ts",
];
/** What `import "berth"` and a TypeScript chart's plan and deploy load before they run. */
const ENTRIES: readonly string[] = [
  "index.ts",
  "actions/deploy.ts",
  "actions/apply-saved.ts",
  "actions/rollback.ts",
  "cli/commands/plan.ts",
  "cli/commands/deploy.ts",
];

const isHeavy = (m: string) => HEAVY.some((h) => (h.endsWith("/") ? m.startsWith(h) : m === h)) && !ALLOWED.includes(m);

it("GIVEN import forms WHEN static imports are read THEN type-only imports and import() are not followed", () => {
  const text = [
    `import type { A } from "./type-only.js";`,
    `import { type B, type C } from "./types-only.js";`,
    `import { type D, e } from "./mixed.js";`,
    `import f from "./default.js";`,
    `import * as g from "./namespace.js";`,
    `import "./side-effect.js";`,
    `export { h } from "./re-export.js";`,
    `export type { I } from "./type-re-export.js";`,
    `export * from "./star.js";`,
    `import { k } from "yaml";`,
    `const lazy = () => import("./dynamic.js");`,
  ].join("\n");
  assert.deepEqual(staticImportsOf(text), ["./mixed.js", "./default.js", "./namespace.js", "./side-effect.js", "./re-export.js", "./star.js"]);
});

it("GIVEN the heavy and allowed lists THEN each names modules that exist", () => {
  for (const m of [...HEAVY, ...ALLOWED]) assert.ok(existsSync(join(src, m)), `src/${m} does not exist: update the lists`);
  for (const m of ALLOWED) assert.ok(HEAVY.some((h) => m.startsWith(h)), `${m} is not inside a HEAVY folder`);
});

for (const entry of ENTRIES) {
  it(`GIVEN src/${entry} WHEN its static imports are followed THEN no Helm, Go-template or chart-package module is loaded`, () => {
    const closure = staticClosure(src, entry);
    const heavy = [...closure.keys()].filter(isHeavy).sort();
    assert.deepEqual(heavy.map((m) => chainTo(closure, m)), [], "load these with import() where a Helm chart or package needs them");
  });
}

it("GIVEN the Helm machinery THEN it is still reachable, through import(), from loadChart and the render stage (and local start, typegen from their entries)", () => {
  // what is lazy must still be imported somewhere: loadChart and renderChart load it on first use
  const load = staticImportsOf(readSource("chart/load.ts"));
  const render = staticImportsOf(readSource("render/render.ts"));
  assert.ok(!load.some((s) => /helm-view|package\//.test(s)) && !render.includes("./go-engine.js"), "statically imported again");
  assert.match(readSource("chart/load.ts"), /import\("\.\/helm-view\.js"\)/);
  assert.match(readSource("chart/load.ts"), /import\("\.\/package\/resolve\.js"\)/);
  assert.match(readSource("render/render.ts"), /import\("\.\/go-engine\.js"\)/);
  // and what they load is the heavy part: the Go template engine behind the Go-template engine
  assert.ok([...staticClosure(src, "render/go-engine.ts").keys()].some((m) => m.startsWith("gotemplate/sprig/")));
  assert.match(readSource("local/control-plane.ts"), /import\("\.\/start\.js"\)/);
  assert.match(readSource("typegen/generate.ts"), /import\("\.\/values-types\.js"\)/);
});

function readSource(module: string): string {
  return readFileSync(join(src, module), "utf8");
}
