// GIVEN the few classes in src/ that extend plain Error (internal signals, not failures a user
// handles) WHEN their failures are provoked through public calls THEN what escapes is a BerthError:
// each signal is caught and wrapped (or recovered from) inside berth. A new plain-Error class fails
// the first test until it is listed here with the test proving it never escapes.
import { it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { BerthError, loadChart, template, type BerthErrorCode } from "../../src/index.js";
import { KubeApiError } from "../../src/kube/errors.js";
import type { KubeApi, ListOptions } from "../../src/kube/types.js";
import type { KubeObject } from "../../src/model/object.js";
import type { ObjectRef } from "../../src/model/ref.js";
import { secretDriver } from "../../src/storage/secret.js";
import { releaseKey } from "../../src/storage/name.js";
import { sampleRelease } from "../storage/sample.js";
import { quickManifestHead } from "../../src/render/helm/manifest-head.js";
import { quickSchema } from "../../src/chart/helm/schema-quick.js";
import { quickValid } from "../../src/chart/helm/schema-quick-valid.js";
import { helmTemplate } from "../../src/render/helm/helm-template.js";

const src = join(import.meta.dirname, "..", "..", "src");

/** Every plain-Error class in src/, with the file it is declared in and where it is caught. */
const SIGNALS: Record<string, string> = {
  BuiltinError: "gotemplate/builtins.ts — caught by Exec.safeCall (gotemplate/exec.ts) as TemplateExecError",
  SyntaxErr: "gotemplate/unquote.ts — caught by Parser.unquote (gotemplate/parse.ts) as TemplateParseError",
  ParseError: "gotemplate/parse.ts — caught by parseTemplates in the same file as TemplateParseError",
  HelmIgnoreError: "chart/helm/ignore.ts — caught by loadHelmDir (HelmChartInvalid), safeMatch and helmTemplate's --show-only",
  TypeErr: "chart/helm/metadata.ts — caught in the same file as HelmChartInvalid",
  TarFormatError: "chart/package/tar.ts — caught by readChartArchive (chart/package/archive.ts) as ChartArchiveInvalid",
  PartMissing: "storage/record-parts.ts — caught by the kube drivers' decode (storage/kube-driver.ts): read again, then StorageCorrupt",
  PartialLoop: "render/mustache/template-writer.ts — caught in the same file as a render issue",
  SyntaxFailure: "render/mustache/template-writer.ts — caught in the same file as a render issue",
  Unsupported: "render/mustache/fast-build.ts and render/helm/to-yaml.ts — caught in the same file (the general path is used)",
  Decline: "render/helm/manifest-head.ts — caught by quickManifestHead in the same file (the full YAML parser reads the document)",
  Undecided: "chart/helm/schema-quick-valid.ts — caught by quickValid in the same file (ajv decides)",
};

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

async function rejectsWith(call: () => Promise<unknown>, code: BerthErrorCode, message: RegExp): Promise<void> {
  await assert.rejects(call, (e: unknown) => {
    assert.ok(e instanceof BerthError, `not a BerthError: ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, message);
    return true;
  });
}

function helmChart(templates: Record<string, string>, extra: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "berth-signals-"));
  mkdirSync(join(dir, "templates"));
  writeFileSync(join(dir, "Chart.yaml"), "apiVersion: v2\nname: c\nversion: 0.1.0\n");
  writeFileSync(join(dir, "values.yaml"), "list: [1, 2]\nname: web\n");
  for (const [name, text] of Object.entries(templates)) writeFileSync(join(dir, "templates", name), text);
  for (const [name, data] of Object.entries(extra)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return dir;
}

const configMap = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: ${value}\n`;

it("GIVEN src/ WHEN classes extending plain Error are listed THEN they are exactly the known internal signals", () => {
  const found = new Set<string>();
  for (const file of files(src)) {
    for (const m of readFileSync(file, "utf8").matchAll(/^(?:export )?class (\w+) extends Error\b/gm)) if (m[1] !== "BerthError") found.add(m[1]!);
  }
  assert.deepEqual([...found].sort(), Object.keys(SIGNALS).sort(), `a plain-Error class was added or removed (${relative(process.cwd(), src)}): make it a BerthError, or list it in SIGNALS with a test proving it never escapes`);
});

it("GIVEN Go template builtins called wrongly WHEN templated THEN a BerthError (not BuiltinError) escapes, with Go's message", async () => {
  const cases: Array<[string, RegExp]> = [
    ['{{ index .Values.list 5 | quote }}', /error calling index: index out of range: 5/],
    ['{{ lt 1 "a" | quote }}', /error calling lt: incompatible types for comparison/],
    ['{{ len 3 | quote }}', /error calling len: len of type int/],
    ['{{ index .Values.name "k" | quote }}', /error calling index: cannot index slice\/array with type string/],
    ['{{ call .Values.name | quote }}', /error calling call: non-function/],
  ];
  for (const [expr, message] of cases) {
    const chart = await loadChart(helmChart({ "cm.yaml": configMap(expr) }));
    await rejectsWith(() => template(chart, { release: "r" }), "RenderFailed", message);
  }
});

it("GIVEN malformed string and character literals WHEN templated THEN a BerthError (not SyntaxErr) escapes", async () => {
  for (const expr of ['{{ "\\q" }}', '{{ "\\xZZ" }}', '{{ "\\400" }}', "{{ '\\q' }}", "{{ '\\400' }}"]) {
    const chart = await loadChart(helmChart({ "cm.yaml": configMap(expr) }));
    await rejectsWith(() => template(chart, { release: "r" }), "RenderFailed", /parse error .*: (invalid syntax|malformed character constant)/);
  }
});

it("GIVEN a .helmignore Helm refuses WHEN the chart is loaded THEN ChartInvalid escapes (not HelmIgnoreError); a pattern bad only at match time is no match", async () => {
  await rejectsWith(() => loadChart(helmChart({ "cm.yaml": configMap("x") }, { ".helmignore": "a**\n" })), "ChartInvalid", /double-star/);
  await rejectsWith(() => loadChart(helmChart({ "cm.yaml": configMap("x") }, { ".helmignore": "[\n" })), "ChartInvalid", /syntax error in pattern/);
  // Valid against "abc" when parsed, malformed when matched against "x": Helm logs it and does not ignore the file.
  const chart = await loadChart(helmChart({ "cm.yaml": configMap('{{ .Files.Get "x" | quote }}') }, { ".helmignore": "x[\n", x: "kept" }));
  const rendered = await template(chart, { release: "r" });
  assert.deepEqual(rendered.objects.map((o) => o.object["data"]), [{ a: "kept" }]);
});

it("GIVEN a .tgz that is gzip but not tar WHEN loaded THEN ChartArchiveInvalid escapes (not TarFormatError)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "berth-signals-"));
  writeFileSync(join(dir, "bad.tgz"), gzipSync(Buffer.alloc(1024, 7)));
  await rejectsWith(() => loadChart(join(dir, "bad.tgz")), "ChartArchiveInvalid", /not a tar archive: bad tar header checksum/);
  const truncated = Buffer.alloc(512);
  truncated.write("c/Chart.yaml");
  truncated.write("0000644\0", 100);
  truncated.write("00000001000\0", 124); // 512 bytes of content promised, none present
  truncated.write("0", 156);
  truncated.write("        ", 148);
  const sum = truncated.reduce((a, b) => a + b, 0);
  truncated.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  writeFileSync(join(dir, "truncated.tgz"), gzipSync(truncated));
  await rejectsWith(() => loadChart(join(dir, "truncated.tgz")), "ChartArchiveInvalid", /truncated/);
});

/** Records in a map: just what the Secret driver calls. */
class MapKube {
  readonly objects = new Map<string, KubeObject>();
  private rv = 1;
  async create(object: KubeObject): Promise<KubeObject> {
    const key = `${object.metadata.namespace}/${object.metadata.name}`;
    if (this.objects.has(key)) throw new KubeApiError("POST", key, 409, JSON.stringify({ reason: "AlreadyExists", code: 409 }));
    const stored = structuredClone(object);
    stored.metadata["resourceVersion"] = String(++this.rv);
    this.objects.set(key, stored);
    return structuredClone(stored);
  }
  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    const o = this.objects.get(`${ref.namespace}/${ref.name}`);
    return o && structuredClone(o);
  }
  async list(_apiVersion: string, _kind: string, options: ListOptions = {}): Promise<{ items: KubeObject[]; resourceVersion: string }> {
    const wanted = (options.labelSelector ?? "").split(",").filter(Boolean).map((kv) => kv.split("="));
    const items = [...this.objects.values()].filter((o) => wanted.every(([k, v]) => o.metadata.labels?.[k!] === v));
    return { items: structuredClone(items), resourceVersion: String(this.rv) };
  }
  async delete(ref: ObjectRef): Promise<boolean> {
    return this.objects.delete(`${ref.namespace}/${ref.name}`);
  }
}

it("GIVEN a record split into parts WHEN a part is gone for good THEN reading it throws StorageCorrupt (PartMissing is retried, never escapes)", async () => {
  const fake = new MapKube();
  const driver = secretDriver({ kube: fake as unknown as KubeApi, namespace: "apps", chunkChars: 200 });
  const release = sampleRelease("web", 1, "deployed", "apps");
  await driver.create(releaseKey("web", 1), release);
  assert.equal((await driver.get("web", 1)).release.name, "web");
  const part = [...fake.objects.keys()].find((k) => k.includes(".part-"));
  assert.ok(part, "the record should have been split into parts");
  fake.objects.delete(part);
  await rejectsWith(() => driver.get("web", 1), "StorageCorrupt", /a part of it is missing/);
});

it("GIVEN documents and values the quick readers decline WHEN read THEN no Decline or Undecided escapes: the full parser or ajv decides", async () => {
  assert.equal(quickManifestHead("kind: Pod\nspec: {a: 1}\n"), undefined);
  assert.equal(quickValid(quickSchema({ type: "object", properties: { when: { type: "string" } } })!, { when: new Date(0) }), undefined);
  // Through helm template: a document the quick reader declines is read by the full parser, and its YAML error is a BerthError.
  const dir = helmChart({ "a.yaml": "kind: ConfigMap\nmetadata:\n  name: a\ndata: {b: 1}\n", "b.yaml": "kind: ConfigMap\nmetadata:\n  name: b\n labels: {}\n" });
  await assert.rejects(helmTemplate(dir), (e: unknown) => e instanceof BerthError && /YAML parse error on c\/templates\/b.yaml/.test(e.message));
  writeFileSync(join(dir, "templates", "b.yaml"), "kind: ConfigMap\nmetadata:\n  name: b\n");
  writeFileSync(join(dir, "values.schema.json"), JSON.stringify({ type: "object", properties: { name: { type: "integer" } } }));
  await assert.rejects(helmTemplate(dir), (e: unknown) => e instanceof BerthError && /- at '\/name': got string, want integer/.test(e.message));
});
