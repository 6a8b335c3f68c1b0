// GIVEN a Helm chart with a bad template WHEN planned or deployed on a real control plane THEN the
// error is typed (RenderFailed) and names file:line:col, and no mutating request reaches the API.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, loadChart, type Cluster, type RenderFailed } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";

const ns = useTestNamespace("helmbad");
let cluster: Cluster;

async function chartWith(template: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "berth-helm-bad-"));
  await mkdir(join(dir, "templates"));
  await writeFile(join(dir, "Chart.yaml"), "apiVersion: v2\nname: bad\nversion: 0.1.0\n");
  await writeFile(join(dir, "values.yaml"), "name: x\nport: 80\n");
  await writeFile(join(dir, "templates", "ok.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-ok\n");
  await writeFile(join(dir, "templates", "bad.yaml"), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-bad\ndata:\n${template}\n`);
  return dir;
}

const cases: [string, string, RegExp, { line: number; column?: number }][] = [
  // Go reports where the text ended (line 7), and where the action started.
  ["an unclosed action", "  a: {{ .Values.name ", /unclosed action started at bad\/templates\/bad\.yaml:6/, { line: 7 }],
  ["an unknown function", "  a: {{ nosuchfunc .Values.name }}", /function "nosuchfunc" not defined/, { line: 6 }],
  ["a wrong argument type", "  a: {{ upper .Values.port }}", /wrong type for value; expected string; got float64/, { line: 6, column: 21 }],
  ["a required value missing", "  a: {{ required \"image.tag is required\" .Values.image }}", /image\.tag is required/, { line: 6, column: 8 }],
  ["fail", "  a: {{ fail \"this chart refuses\" }}", /this chart refuses/, { line: 6, column: 8 }],
];

describe("bad Helm templates in plan and deploy", () => {
  before(async () => {
    cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
  });
  after(() => cluster?.close());

  for (const [what, template, message, at] of cases) {
    it(`GIVEN ${what} WHEN planned and deployed THEN RenderFailed names bad.yaml:${at.line}${at.column ? `:${at.column}` : ""} and nothing is written`, async () => {
      const chart = await loadChart(await chartWith(template));
      const calls: { method: string; path: string }[] = [];
      const stop = cluster.config.transport!.observe((req) => calls.push(req));
      const check = (e: RenderFailed) => {
        assert.equal(e.code, "RenderFailed");
        const issue = e.issues[0]!;
        assert.equal(issue.source, "bad/templates/bad.yaml");
        assert.equal(issue.line, at.line);
        if (at.column !== undefined) assert.equal(issue.column, at.column);
        assert.match(issue.message, message);
        return true;
      };
      try {
        await assert.rejects(cluster.plan(chart, { release: "bad" }), check);
        await assert.rejects(cluster.deploy(chart, { release: "bad" }), check);
      } finally {
        stop();
      }
      const mutating = calls.filter((c) => c.method !== "GET" && !(c.method === "PATCH" && /[?&]dryRun=All(&|$)/.test(c.path)));
      assert.deepEqual(mutating, []);
      assert.ok(calls.length > 0, "the spy saw the reads");
    });
  }
});
