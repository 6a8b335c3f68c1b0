// GIVEN berth packed as npm publishes it (npm pack, built by scripts/build.ts) and installed into a fresh
// project WHEN the installed `berth` (bundled dist/, no tsx at start) plans and deploys a TypeScript
// script THEN both work. The plan also shows that the CLI and the script's `import "berth"` share one
// library instance: plan mode reaches the script's deploys through the library's async context.
// Offline: the tarball is installed over a hard-linked copy of this checkout's node_modules.
import { before, after, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, readlink, realpath, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { testKubeconfigPath, testKubeConfig, useTestNamespace } from "../helpers/cluster.js";
import { CoreV1Api } from "@kubernetes/client-node";
import type { Metafile } from "esbuild";

const exec = promisify(execFile);
const root = join(import.meta.dirname, "..", "..");
const ns = useTestNamespace("packed");
let work = "";
let app = "";
/** esbuild's account of the bundle's ES modules, before each became a CommonJS file (`--metafile`). */
let metafile: Metafile = { inputs: {}, outputs: {} };

async function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  return await exec(cmd, args, { cwd, env: { PATH: process.env["PATH"] ?? "", HOME: work, ...env }, maxBuffer: 16 << 20 });
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), "berth-packed-"));
  // a staging copy of the package, built there: the checkout's own dist/ is left alone
  const pkg = join(work, "pkg");
  await mkdir(pkg);
  for (const f of ["package.json", "README.md", "bin"]) await cp(join(root, f), join(pkg, f), { recursive: true });
  await run(process.execPath, ["--import", "tsx", join(root, "scripts", "build.ts"), "--outDir", join(pkg, "dist"), "--metafile", join(work, "meta.json")], root);
  metafile = JSON.parse(await readFile(join(work, "meta.json"), "utf8")) as Metafile;
  const npmCache = join(process.env["HOME"] ?? "/root", ".npm");
  await run("npm", ["pack", "--pack-destination", work, "--cache", npmCache], pkg);
  const tarball = (await readdir(work)).find((f) => f.endsWith(".tgz"));
  assert.ok(tarball, "npm pack wrote no tarball");

  app = join(work, "app");
  await mkdir(app);
  await writeFile(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  // hard links, but not npm's hidden lockfile: npm rewrites that file in place
  await run("cp", ["-al", await realpath(join(root, "node_modules")), join(app, "node_modules")], work);
  await rm(join(app, "node_modules", ".package-lock.json"), { force: true });
  await run("npm", ["install", "--offline", "--no-save", "--no-audit", "--no-fund", "--ignore-scripts", "--cache", npmCache, join(work, tarball)], app);
  await writeFile(join(app, "data.ts"), `export const data: Record<string, string> = { greeting: "hello" };\n`);
  await writeFile(join(app, "fails.ts"), `import { connect } from "berth";\nawait connect({ kubeconfigPath: "/nonexistent/kubeconfig" });\n`);
  await writeFile(
    join(app, "deploy.ts"),
    `import { connect, defineChart } from "berth";
import { data } from "./data.js";

const chart = defineChart({
  name: "packed", version: "1.0.0", values: {},
  templates: { "cm.yaml": () => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "packed" }, data }) },
});
const cluster = await connect({ kubeconfigPath: process.env["KUBECONFIG"]! });
try {
  await cluster.deploy(chart, { release: "packed", namespace: process.env["NS"]! });
} finally {
  cluster.close();
}
`,
  );
}, { timeout: 300_000 });

/** Stops, by pid, the processes working in `dir`: the resident type checker the installed CLI started. */
async function stopProcessesIn(dir: string): Promise<void> {
  for (const pid of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => "");
    if (cwd.startsWith(`${dir}/`)) process.kill(Number(pid));
  }
}

after(async () => {
  if (!work) return;
  await stopProcessesIn(work);
  await rm(work, { recursive: true, force: true });
});

/**
 * Files a module of dist/ (`entry`: its path below dist/, as bundled: `cli/bin.js`) loads statically,
 * itself included, the packages they import, and the source modules bundled into them.
 */
function staticImports(entry: string): { files: number; packages: string[]; modules: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const modules = new Set<string>();
  const visit = (output: string): void => {
    if (files.has(output)) return;
    files.add(output);
    const { imports, inputs } = metafile.outputs[output]!;
    for (const input of Object.keys(inputs)) modules.add(input);
    for (const imported of imports) {
      if (imported.kind !== "import-statement") continue;
      if (!imported.external) visit(imported.path);
      else if (!imported.path.startsWith("node:")) packages.add(imported.path);
    }
  };
  const output = Object.keys(metafile.outputs).find((o) => o.endsWith(`/dist/${entry}`));
  assert.ok(output, `no ${entry} in the metafile`);
  visit(output);
  return { files: files.size, packages: [...packages].sort(), modules: [...modules].sort() };
}

it("GIVEN the installed package THEN it runs bundled CommonJS files under ES module entries: the CLI's imports shared chunks, yaml is one file", async () => {
  const dist = join(app, "node_modules", "berth", "dist");
  const all = await readdir(dist, { recursive: true });
  const js = all.filter((f) => /\.js$/.test(f));
  const cjs = all.filter((f) => /\.cjs$/.test(f));
  // the ES module entries users import and run, nothing else
  assert.deepEqual(js.sort(), [join("cli", "bin.js"), "index.js"].sort());
  for (const f of [join("cli", "bin.cjs"), "index.cjs", join("vendor", "yaml.cjs"), "commonjs-hook.cjs"]) assert.ok(cjs.includes(f), `no ${f}: ${cjs.join(", ")}`);
  // the resident type checker's server is started by this path
  assert.ok(cjs.includes(join("runner", "typecheck-server.cjs")), cjs.join(", "));
  // a module per source file (~350) would mean tsc's output, not the bundle
  assert.ok(!cjs.includes(join("cli", "main.cjs")), "dist/cli/main.cjs exists: dist/ is not the bundle");
  assert.ok(cjs.length < 150, `${cjs.length} CommonJS files in dist/`);
  assert.match(await readFile(join(dist, "cli", "bin.cjs"), "utf8"), /require\("\.\.\/chunks\/chunk-\w+\.cjs"\)/);
  // every bundled module became a CommonJS file, with its source map
  for (const output of Object.keys(metafile.outputs).filter((o) => o.endsWith(".js"))) {
    const name = output.slice(output.lastIndexOf("/dist/") + "/dist/".length).replace(/\.js$/, ".cjs");
    assert.ok(cjs.includes(join(...name.split("/"))) && all.includes(join(...`${name}.map`.split("/"))), `no ${name} or its map`);
  }
});

it("GIVEN the bundle THEN what was loaded on first use still is: the CLI entry loads no package, the library only yaml and no Helm machinery", () => {
  // commands are chunks of their own; `berth --version` loads a handful of modules (and the ES module
  // entry over them, and the loader hook)
  const cli = staticImports("cli/bin.js");
  assert.deepEqual(cli.packages, []);
  assert.ok(cli.files <= 7, `dist/cli/bin.cjs loads ${cli.files} files`);
  // @kubernetes/client-node, ts-morph, tsx, ajv and the deploy/rollback actions load when used
  const library = staticImports("index.js");
  assert.deepEqual(library.packages, ["#yaml"]);
  // lazy modules that run with the library import it first (scripts/build.ts), so it is a few large
  // chunks rather than one per set of lazy modules reaching a part of it (37 files before)
  assert.ok(library.files <= 14, `dist/index.cjs loads ${library.files} files`);
  // so do the Go template engine, Helm's loader and renderer, chart packages: only their error classes load up front
  assert.ok(library.modules.includes("src/chart/define.ts"), `no source modules in the metafile: ${library.modules.join(", ")}`);
  const helm = library.modules.filter((m) => /^src\/(gotemplate|render\/helm|chart\/(helm|package|repo|oci|deps|semver))\//.test(m) && !/(errors|release-chart)\.ts$/.test(m));
  assert.deepEqual(helm, []);
});

it("GIVEN a Helm chart WHEN the installed CLI templates it THEN the Go-template engine, loaded on first use, renders it", async () => {
  const chart = join(app, "helm-chart");
  await mkdir(join(chart, "templates"), { recursive: true });
  await writeFile(join(chart, "Chart.yaml"), "apiVersion: v2\nname: helm-chart\nversion: 1.0.0\n");
  await writeFile(join(chart, "values.yaml"), "greeting: hello\n");
  await writeFile(join(chart, "templates", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting | upper | quote }}\n");
  const out = await run(join(app, "node_modules", ".bin", "berth"), ["template", "web", "helm-chart"], app);
  assert.match(out.stdout, /name: web-cm/);
  assert.match(out.stdout, /greeting: "HELLO"/);
});

it("GIVEN a script whose import \"berth\" throws WHEN the installed CLI runs it THEN the error is the CLI's own class: its code is shown", async () => {
  const berth = join(app, "node_modules", ".bin", "berth");
  // ScriptFailed shows the cause's code only when it is an instance of the CLI's BerthError
  await assert.rejects(run(berth, ["plan", "fails.ts", "--no-typecheck", "--no-color"], app), (e: { stderr: string }) => {
    assert.match(e.stderr, /Error \[ScriptFailed\]: .*\[KubeConfigInvalid\] cannot load kubeconfig/);
    return true;
  });
});

it("GIVEN the installed package WHEN berth plan and berth deploy --yes run a .ts script THEN it plans a create and deploys it", { timeout: 180_000 }, async () => {
  const berth = join(app, "node_modules", ".bin", "berth");
  const env = { KUBECONFIG: testKubeconfigPath(), NS: ns.name };
  const plan = await run(berth, ["plan", "deploy.ts", "--no-color"], app, env);
  assert.match(plan.stdout, /\+ v1 ConfigMap \S+\/packed/);
  const deploy = await run(berth, ["deploy", "deploy.ts", "--yes", "--no-color"], app, env);
  assert.match(deploy.stdout, /packed: deployed revision 1/);
  const cm = await testKubeConfig().makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: "packed", namespace: ns.name });
  assert.deepEqual(cm.data, { greeting: "hello" });
  // it ran as a bundle of deploy.ts and data.ts, with no TypeScript loader
  const bundles = (await readdir(join(app, "node_modules", ".cache", "berth", "scripts"))).filter((f) => f.startsWith("b-"));
  assert.ok(bundles.length > 0, "a script bundle was written");
  assert.ok(bundles.some((f) => readFileSync(join(app, "node_modules", ".cache", "berth", "scripts", f), "utf8").includes("greeting")), "the bundle holds data.ts");
  // and through tsx when bundling is off
  const viaTsx = await run(berth, ["plan", "deploy.ts", "--no-color"], app, { ...env, BERTH_BUNDLE_SCRIPTS: "0" });
  assert.match(viaTsx.stdout, /packed: upgrade from revision 1\n[^]*No changes\./);
});

it("GIVEN the installed CLI THEN berth's modules and yaml compile with V8 code caches: written by a deploy, then used (not written again)", { timeout: 120_000 }, async () => {
  const berth = join(app, "node_modules", ".bin", "berth");
  const env = { KUBECONFIG: testKubeconfigPath(), NS: ns.name };
  const v8 = join(work, ".cache", "berth", "v8");
  const caches = async () => new Map(await Promise.all((await readdir(v8).catch(() => [] as string[])).map(async (f) => [f, (await stat(join(v8, f))).mtimeMs] as const)));
  await rm(v8, { recursive: true, force: true });
  // a deploy ends within the optimizer's delay: the caches must still be written under V8's default flags
  await run(berth, ["deploy", "deploy.ts", "--yes", "--no-color", "--no-typecheck"], app, env);
  const written = await caches();
  const names = [...written.keys()];
  assert.ok(names.some((f) => /^yaml\.cjs-.+\.v8cache$/.test(f)), `no code cache of yaml: ${names.join(", ")}`);
  assert.ok(names.some((f) => /^script-commands-\w+\.cjs-.+\.v8cache$/.test(f)), `no code cache of the deploy command's module: ${names.join(", ")}`);
  // code compiled with a cache imports the script and packages through the hook: on Node 20 an
  // import() in it fails ("A dynamic import callback was not specified")
  const again = await run(berth, ["plan", "deploy.ts", "--no-color"], app, env);
  assert.match(again.stdout, /No changes\./);
  const list = await run(berth, ["list", "-n", ns.name], app, env);
  assert.match(list.stdout, /packed/);
  // a cache V8 rejected (or none) would be written again
  const after = await caches();
  for (const [name, mtime] of written) assert.equal(after.get(name), mtime, `${name} was written again`);
});
