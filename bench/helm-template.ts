// Renders the Helm chart corpus (../shared/helm-charts, every helm v3.22.0 render of golden/index.tsv)
// with `berth template` (in-process, the CLI command users run) and with the `helm template` binary
// (v3.22.0, built from its Go module and cached like the interop tests' helm), side by side.
//
// Fairness: berth is timed in-process (the library model: one Node process renders many charts),
// helm as one process per render (how it is used), including its process start. One-time costs
// of the Node process (module loading, JIT warm-up, OpenSSL's first RSA key, the key worker's start)
// are paid by untimed warm-up renders before the first timed one, and berth's parse and regexp
// caches and its pool of RSA keys are emptied before every timed render, so each chart is rendered
// as if seen for the first time (--warm-cache keeps them). berth and helm runs alternate, and each
// time is the minimum of --runs runs.
//
// Prints per render: both times, their ratio, and whether berth's output is byte-identical to the
// golden; then the totals, the total ratio and the renders where berth is slower than helm.
// Run: node --import tsx bench/helm-template.ts [--runs 3] [--warmup 5] [--filter podinfo] [--warm-cache]
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { runCli } from "../src/cli/main.js";
import { clearParseCache } from "../src/gotemplate/template.js";
import { clearRegexpCache } from "../src/gotemplate/sprig/re2.js";
import { clearKeyPool, rsaPrivateKey, settleKeyPool } from "../src/gotemplate/sprig/keypool.js";
import { ensureBinary } from "../src/local/binaries.js";

const run = promisify(execFile);
const { values: opts } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    warmup: { type: "string", default: "5" },
    filter: { type: "string" },
    "warm-cache": { type: "boolean", default: false },
  },
});
const RUNS = Math.max(1, Number(opts.runs));
const WARMUP = Math.max(0, Number(opts.warmup));
const root = fileURLToPath(new URL("../../shared/helm-charts/", import.meta.url));

interface Case {
  readonly name: string;
  readonly args: string[];
  readonly exitCode: number;
  readonly golden: string;
  readonly deterministic: boolean;
}

function cases(): Case[] {
  const [header, ...rows] = readFileSync(join(root, "golden/index.tsv"), "utf8").trimEnd().split("\n").map((l) => l.split("\t"));
  const col = (name: string) => header!.indexOf(name);
  return rows
    .filter((r) => r[col("helm")] === "v3.22.0")
    .map((r) => ({
      name: `${r[col("chart")]!.replace(/^corpus\//, "")}${r[col("variant")] === "default" ? "" : ` (${r[col("variant")]})`}`,
      args: r[col("command")]!.split(" ").slice(2).map((a) => (a.startsWith("corpus/") || a.startsWith("values/") ? join(root, a) : a)),
      exitCode: Number(r[col("exit_code")]),
      golden: r[col("golden")] ?? "",
      deterministic: r[col("deterministic")] !== "no",
    }));
}

async function berth(args: string[]): Promise<{ ms: number; code: number; stdout: string }> {
  if (!opts["warm-cache"]) {
    clearParseCache();
    clearRegexpCache();
    clearKeyPool();
  }
  let stdout = "";
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true }, env: {}, cwd: root, signal: new AbortController().signal };
  const started = performance.now();
  // `helm template rel <chart>` → `berth template <chart> --release-name rel`
  const code = await runCli(["template", args[1]!, "--release-name", args[0]!, ...args.slice(2)], io);
  return { ms: performance.now() - started, code, stdout };
}

async function helm(bin: string, args: string[]): Promise<{ ms: number; code: number }> {
  const started = performance.now();
  const code = await run(bin, ["template", ...args], { maxBuffer: 256 * 1024 * 1024, env: { PATH: process.env["PATH"] ?? "", HOME: "/tmp" } }).then(() => 0, (e: { code?: number }) => e.code ?? 1);
  return { ms: performance.now() - started, code };
}

interface Timed {
  readonly berth: { ms: number; code: number; stdout: string };
  readonly helm: { ms: number; code: number };
}

/** Runs berth and helm alternately RUNS times; keeps each one's fastest run. */
async function timeBoth(helmBin: string, args: string[]): Promise<Timed> {
  let b: Timed["berth"] | undefined;
  let h: Timed["helm"] | undefined;
  for (let i = 0; i < RUNS; i++) {
    const rb = await berth(args);
    if (!b || rb.ms < b.ms) b = rb;
    // Keys requested but not used are still being generated: not while helm is timed.
    await settleKeyPool();
    const rh = await helm(helmBin, args);
    if (!h || rh.ms < h.ms) h = rh;
  }
  return { berth: b!, helm: h! };
}

const helmBin = await ensureBinary("helm");
const corpus = cases();
const all = corpus.filter((c) => !opts.filter || c.name.includes(opts.filter));
// Warm-up: untimed renders of the corpus's first charts (Node loads modules and compiles hot code).
for (let i = 0; i < WARMUP; i++) await berth(corpus[i % corpus.length]!.args);
// …and RSA keys: one made on the spot, then a render whose templates make a CA and a certificate
// (OpenSSL's first key and the key worker's start are one-time costs of the process).
if (WARMUP > 0) rsaPrivateKey(2048);
if (WARMUP > 0) await berth([corpus[0]!.args[0]!, join(root, "corpus/stable/stash")]);
const fmt = (ms: number) => ms.toFixed(1).padStart(8);
console.log(`${all.length} renders, min of ${RUNS} run(s) each, berth and helm alternating`);
console.log(`berth: in-process after ${WARMUP} untimed warm-up render(s); ${opts["warm-cache"] ? "parse/regexp caches and RSA keys kept between renders" : "parse/regexp caches and RSA key pool cleared before every timed render"}`);
console.log(`helm:  ${helmBin}, one process per render (its start included)\n`);
console.log(`${"berth ms".padStart(8)} ${"helm ms".padStart(8)} ${"ratio".padStart(6)}  same  chart`);
let berthTotal = 0;
let helmTotal = 0;
let same = 0;
let sameExit = 0;
const slower: { name: string; ratio: number; b: number; h: number }[] = [];
for (const c of all) {
  const { berth: b, helm: h } = await timeBoth(helmBin, c.args);
  berthTotal += b.ms;
  helmTotal += h.ms;
  const golden = c.exitCode === 0 && c.golden ? readFileSync(join(root, c.golden), "utf8") : undefined;
  const identical = golden !== undefined ? b.stdout === golden : b.code !== 0;
  if ((b.code === 0) === (c.exitCode === 0)) sameExit++;
  if (identical) same++;
  const ratio = b.ms / h.ms;
  if (ratio >= 1) slower.push({ name: c.name, ratio, b: b.ms, h: h.ms });
  const mark = identical ? "yes" : c.deterministic ? "no" : "n/d";
  console.log(`${fmt(b.ms)} ${fmt(h.ms)} ${ratio.toFixed(2).padStart(6)}  ${mark.padEnd(4)}  ${c.name}${ratio >= 1 ? "  << berth slower" : ""}`);
}
console.log(`\ntotal: berth ${(berthTotal / 1000).toFixed(2)} s, helm ${(helmTotal / 1000).toFixed(2)} s, ratio berth/helm ${(berthTotal / helmTotal).toFixed(2)}`);
console.log(`berth slower than helm: ${slower.length}/${all.length}`);
for (const s of slower.sort((x, y) => y.ratio - x.ratio)) console.log(`  ${s.ratio.toFixed(2)}×  ${s.b.toFixed(1)} ms vs ${s.h.toFixed(1)} ms  ${s.name}`);
console.log(`same exit status as helm: ${sameExit}/${all.length}; byte-identical to the golden (or failing where helm fails): ${same}/${all.length} (n/d: helm's output is not deterministic, compare by shape)`);
