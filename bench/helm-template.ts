// Renders the Helm chart corpus (../shared/helm-charts, every helm v3.22.0 render of golden/index.tsv)
// with `berth template` (in-process, the CLI command users run) and with the `helm template` binary
// (v3.22.0, built from its Go module and cached like the interop tests' helm), side by side.
// Prints per render: both times (min of N runs), their ratio, and whether berth's output is
// byte-identical to the golden; then the totals. helm's times include its process start (~tens of
// ms); berth's do not include Node's.
// Run: node --import tsx bench/helm-template.ts [--runs 3] [--filter podinfo]
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { runCli } from "../src/cli/main.js";
import { ensureBinary } from "../src/local/binaries.js";

const run = promisify(execFile);
const { values: opts } = parseArgs({ options: { runs: { type: "string", default: "1" }, filter: { type: "string" } } });
const RUNS = Math.max(1, Number(opts.runs));
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
    }))
    .filter((c) => !opts.filter || c.name.includes(opts.filter));
}

async function berth(args: string[]): Promise<{ ms: number; code: number; stdout: string }> {
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

async function minOf<T extends { ms: number }>(work: () => Promise<T>): Promise<T> {
  let best: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const result = await work();
    if (!best || result.ms < best.ms) best = result;
  }
  return best!;
}

const helmBin = await ensureBinary("helm");
const all = cases();
const fmt = (ms: number) => ms.toFixed(1).padStart(8);
console.log(`${all.length} renders, min of ${RUNS} run(s) each\n`);
console.log(`${"berth ms".padStart(8)} ${"helm ms".padStart(8)} ${"ratio".padStart(6)}  same  chart`);
let berthTotal = 0;
let helmTotal = 0;
let same = 0;
let sameExit = 0;
for (const c of all) {
  const b = await minOf(() => berth(c.args));
  const h = await minOf(() => helm(helmBin, c.args));
  berthTotal += b.ms;
  helmTotal += h.ms;
  const golden = c.exitCode === 0 && c.golden ? readFileSync(join(root, c.golden), "utf8") : undefined;
  const identical = golden !== undefined ? b.stdout === golden : b.code !== 0;
  if ((b.code === 0) === (c.exitCode === 0)) sameExit++;
  if (identical) same++;
  const mark = identical ? "yes" : c.deterministic ? "no" : "n/d";
  console.log(`${fmt(b.ms)} ${fmt(h.ms)} ${(b.ms / h.ms).toFixed(2).padStart(6)}  ${mark.padEnd(4)}  ${c.name}`);
}
console.log(`\ntotal: berth ${(berthTotal / 1000).toFixed(2)} s, helm ${(helmTotal / 1000).toFixed(2)} s, ratio berth/helm ${(berthTotal / helmTotal).toFixed(2)}`);
console.log(`same exit status as helm: ${sameExit}/${all.length}; byte-identical to the golden (or failing where helm fails): ${same}/${all.length} (n/d: helm's output is not deterministic, compare by shape)`);
