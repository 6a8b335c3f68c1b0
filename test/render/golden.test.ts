import { strict as assert } from "node:assert";
import { readFile, writeFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { template } from "../../src/actions/template.js";
import { loadChart } from "../../src/chart/load.js";
import { formatManifests } from "../../src/render/manifest.js";

const root = fileURLToPath(new URL("../../examples/webapp/", import.meta.url));
const golden = fileURLToPath(new URL("./golden/webapp.yaml", import.meta.url));

async function renderWebapp(valuesFile: string) {
  const chart = await loadChart(`${root}chart`);
  return template(chart, { release: "webapp", namespace: "prod", valueFiles: [`${root}${valuesFile}`] });
}

describe("examples/webapp golden file", () => {
  it("GIVEN the production values WHEN the chart is rendered THEN the output matches golden/webapp.yaml (UPDATE_GOLDEN=1 rewrites it)", async () => {
    const result = await renderWebapp("values-production.yaml");
    const text = `${formatManifests(result)}---\n# NOTES.txt\n${result.notes.replace(/^/gm, "# ")}\n`;
    if (process.env.UPDATE_GOLDEN === "1") await writeFile(golden, text);
    assert.equal(text, await readFile(golden, "utf8"));
  });

  it("GIVEN the staging values WHEN rendered THEN ingress is on, autoscaling off, and no warnings", async () => {
    const result = await renderWebapp("values-staging.yaml");
    const kinds = result.objects.map((o) => o.object.kind);
    assert.ok(kinds.includes("Ingress") && !kinds.includes("HorizontalPodAutoscaler"));
    assert.deepEqual(result.warnings, []);
    assert.equal(result.hooks[0]?.events[0], "test");
  });
});
