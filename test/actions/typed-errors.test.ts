// GIVEN inputs that used to throw raw JavaScript errors (mustache syntax, YAML alias bombs, cyclic
// template output, a missing release, go-yaml-invalid values files) WHEN deployed THEN a BerthError
// with a code naming the file/line or value path, zero writes, and the CLI prints no stack trace.
import { it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BerthError, defineChart, template, type Cluster } from "../../src/index.js";
import { useClusterFixture } from "../helpers/cluster-fixture.js";
import { spyRequests } from "../helpers/mutations.js";
import { runBerth } from "../helpers/cli.js";

let cluster: Cluster;
let dir: string;
useClusterFixture("typed", (f) => ({ cluster, dir } = f), { tempDir: true });

const cm = defineChart<{ data: string }>({
  name: "cm",
  version: "1.0.0",
  values: { data: "a" },
  templates: { "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{Release.Name}}-cm\ndata:\n  value: {{Values.data}}\n" },
});

/** Deploys and returns the error, asserting it is a BerthError and that nothing was written. */
async function failure(run: () => Promise<unknown>): Promise<BerthError> {
  const spy = spyRequests(cluster);
  const error = await run().then(() => undefined, (e: unknown) => e).finally(() => spy.stop());
  assert.ok(error instanceof BerthError, `expected a BerthError, got ${String(error)}`);
  assert.deepEqual(spy.mutating(), []);
  return error;
}

const BOMB = ["a: &a [x, x, x, x, x, x, x, x, x]", ...["b", "c", "d", "e", "f"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcde"[i]}`).join(", ")}]`)].join("\n") + "\n";

it("GIVEN an unclosed mustache tag WHEN deployed THEN RenderFailed names the template and line", async () => {
  const chart = defineChart({ name: "bad", version: "1.0.0", values: {}, templates: { "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{Release.Name\n" } });
  const error = await failure(() => cluster.deploy(chart, { release: "mus" }));
  assert.equal(error.code, "RenderFailed");
  const issue = (error as BerthError & { issues: { source?: string; line?: number }[] }).issues[0]!;
  assert.match(issue.source ?? "", /cm\.yaml$/);
  assert.equal(issue.line, 4);
});

it("GIVEN an unclosed section in a partial WHEN deployed THEN RenderFailed names the partial", async () => {
  const chart = defineChart({ name: "bad", version: "1.0.0", values: {}, partials: { broken: "{{#Values.x}}\n" }, templates: { "cm.yaml": "{{> broken}}\n" } });
  const error = await failure(() => cluster.deploy(chart, { release: "part" }));
  assert.equal(error.code, "RenderFailed");
  assert.match(error.message, /broken/);
});

it("GIVEN a template function returning a cyclic object WHEN deployed THEN RenderFailed names the value path", async () => {
  const chart = defineChart({
    name: "cyc",
    version: "1.0.0",
    values: {},
    templates: {
      "cm.yaml": () => {
        const data: Record<string, unknown> = { a: "b" };
        const object = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cyc" }, data };
        data["self"] = object;
        return object;
      },
    },
  });
  const error = await failure(() => cluster.deploy(chart, { release: "cyc" }));
  assert.equal(error.code, "RenderFailed");
  assert.equal((error as BerthError & { issues: { path?: string }[] }).issues[0]!.path, "data.self");
});

it("GIVEN a values file that is an alias bomb WHEN deployed THEN ValuesInvalid names the file", async () => {
  const file = join(dir, "bomb.yaml");
  await writeFile(file, BOMB);
  const error = await failure(() => cluster.deploy(cm, { release: "bomb", valueFiles: [file] }));
  assert.equal(error.code, "ValuesInvalid");
  assert.match(error.message, /bomb\.yaml/);
});

for (const [what, text] of [["a %YAML 9.9 directive", "%YAML 9.9\n---\ndata: x\n"], ["a control character", "data: \"a\u0007b\"\n"], ["a NUL byte", "data: a\u0000\n"]] as const) {
  it(`GIVEN a values file with ${what} WHEN deployed THEN ValuesInvalid names the file and line`, async () => {
    const file = join(dir, `strict-${what.length}.yaml`);
    await writeFile(file, text);
    const error = await failure(() => cluster.deploy(cm, { release: "strict", valueFiles: [file] }));
    assert.equal(error.code, "ValuesInvalid");
    assert.match(error.message, new RegExp(`strict-${what.length}\\.yaml`));
  });
}

it("GIVEN a JavaScript caller that forgets release WHEN it deploys, templates, uninstalls or reads THEN InvalidReleaseName", async () => {
  const noArgs = {} as { release: string };
  assert.equal((await failure(() => cluster.deploy(cm, noArgs))).code, "InvalidReleaseName");
  assert.equal((await failure(() => template(cm, noArgs))).code, "InvalidReleaseName");
  assert.equal((await failure(() => cluster.uninstall(undefined as unknown as string))).code, "InvalidReleaseName");
  assert.equal((await failure(() => cluster.rollback(undefined as unknown as string))).code, "InvalidReleaseName");
  assert.equal((await failure(() => cluster.deploy(cm, undefined as unknown as { release: string }))).code, "InvalidArguments");
  assert.equal((await failure(() => cluster.deploy(undefined as never, { release: "x" }))).code, "InvalidArguments");
});

it("GIVEN an alias bomb or a broken template on the command line WHEN `berth template` runs THEN one error line with a code, no stack trace", async () => {
  const chartDir = join(dir, "chart");
  await mkdir(join(chartDir, "templates"), { recursive: true });
  await writeFile(join(chartDir, "Chart.yaml"), "apiVersion: v2\nname: broken\nversion: 1.0.0\nannotations:\n  berth.dev/engine: mustache\n");
  await writeFile(join(chartDir, "values.yaml"), "x: 1\n");
  await writeFile(join(chartDir, "templates", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{#Values.x}}cm\n");
  await writeFile(join(dir, "bomb.yaml"), BOMB);
  for (const argv of [["template", chartDir], ["template", chartDir, "-f", join(dir, "bomb.yaml")]]) {
    const { code, stderr } = await runBerth(argv);
    assert.equal(code, 1);
    assert.match(stderr, /^Error \[(RenderFailed|ValuesInvalid)\]/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  }
});
