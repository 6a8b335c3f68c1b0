// Profiling helper: renders bitnami/nginx (custom values) in-process after warm-up, as the
// helm-template bench does (caches emptied per render); --keys-ready has the RSA keys made before
// each timed render (times the render's own work). Run: node --cpu-prof --import tsx bench/prof-nginx.ts [n] [--keys-ready]
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "../src/cli/main.js";
import { clearParseCache } from "../src/gotemplate/template.js";
import { clearRegexpCache } from "../src/gotemplate/sprig/re2.js";
import { clearKeyPool, requestKeys, settleKeyPool } from "../src/gotemplate/sprig/keypool.js";

const root = fileURLToPath(new URL("../../shared/helm-charts/", import.meta.url));
const args = ["template", join(root, "corpus/bitnami/nginx"), "--release-name", "rel", "--namespace", "default", "-f", join(root, "values/bitnami/nginx.yaml")];
const n = Number(process.argv[2] ?? "20");
const cpu: number[] = [];
const keysReady = process.argv.includes("--keys-ready");
async function once(): Promise<number> {
  clearParseCache();
  clearRegexpCache();
  clearKeyPool();
  if (keysReady) {
    // Keys made before the timed render: what is left is the render's own work.
    requestKeys(2048, 8);
    await settleKeyPool();
  }
  let out = "";
  const io = { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true }, env: {}, cwd: root, signal: new AbortController().signal };
  const t = performance.now();
  const c = process.cpuUsage();
  await runCli(args, io);
  const ms = performance.now() - t;
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
  await settleKeyPool();
  return ms;
}
for (let i = 0; i < 5; i++) await once();
const times: number[] = [];
cpu.length = 0;
for (let i = 0; i < n; i++) times.push(await once());
times.sort((a, b) => a - b);
process.stdout.write(`min ${times[0]!.toFixed(1)} ms, median ${times[n >> 1]!.toFixed(1)} ms; process CPU min ${Math.min(...cpu).toFixed(1)} ms, median ${cpu.sort((a, b) => a - b)[n >> 1]!.toFixed(1)} ms\n`);
