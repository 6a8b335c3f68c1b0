// CLI cold start, installed form (compiled dist/): `berth --version`, `list`, `history` and `status`
// of a release with many revisions, against `helm` v3 and v4 doing the same, measured in the same run.
// Goal: each ≤ 2x helm v3's wall time.
// The three tools run in turn in every repeat, so load from other work on the machine hits them alike.
// Run: BERTH_TEST_KUBECONFIG=… node --import tsx bench/cli-start.ts [revisions=200] [repeats=5] [namespace]
// (an existing namespace holding release "start" with its revisions skips the set-up and is kept)
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { benchKubeconfig, comparedTools, helmEnv, installedBerth, ratio, timed } from "./tools.js";

const REVISIONS = Number(process.argv[2] ?? 200);
const REPEATS = Number(process.argv[3] ?? 5);
const kubeconfig = benchKubeconfig();
if (!kubeconfig) {
  console.log("bench/cli-start.ts needs a cluster: set BERTH_TEST_KUBECONFIG or KUBECONFIG (e.g. `berth local status`).");
  process.exit(0);
}
const exec = promisify(execFile);
const tools = await comparedTools();
const { berth } = await installedBerth();
const env = { ...(await helmEnv()), KUBECONFIG: kubeconfig };
const reuse = process.argv[4];
const namespace = reuse ?? `bench-start-${Date.now().toString(36)}`;
const kubectl = (...args: string[]) => exec(tools.kubectl, [...args, "--kubeconfig", kubeconfig]);

const chart = await mkdtemp(join(tmpdir(), "berth-bench-chart-"));
await mkdir(join(chart, "templates"));
await writeFile(join(chart, "Chart.yaml"), "apiVersion: v2\nname: start\nversion: 1.0.0\n");
await writeFile(join(chart, "templates", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: start\ndata:\n  rev: {{ .Release.Revision | quote }}\n");

try {
  if (!reuse) {
    await kubectl("create", "namespace", namespace);
    const t0 = performance.now();
    await exec(tools.helm3, ["install", "start", chart, "-n", namespace], { env: { ...process.env, ...env } });
    for (let i = 1; i < REVISIONS; i++) await exec(tools.helm3, ["upgrade", "start", chart, "-n", namespace, "--history-max", "0"], { env: { ...process.env, ...env } });
    console.log(`setup: a release with ${REVISIONS} revisions (helm) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }

  const commands: Array<[string, string[], string[]]> = [
    ["--version", ["--version"], ["version"]],
    ["list", ["list", "-n", namespace], ["list", "-n", namespace]],
    ["history", ["history", "start", "-n", namespace], ["history", "start", "-n", namespace, "--max", String(REVISIONS)]],
    ["status", ["status", "start", "-n", namespace], ["status", "start", "-n", namespace]],
  ];
  // berth, helm v3 and helm v4 in turn in each repeat; the best (least disturbed) run of each counts
  const best = async (runs: Array<[string, string[]]>) => {
    const out = runs.map(() => ({ s: Infinity, rss: 0 }));
    for (let i = 0; i < REPEATS; i++) {
      for (const [j, [cmd, args]] of runs.entries()) {
        const t = await timed(cmd, args, { env });
        out[j]!.s = Math.min(out[j]!.s, t.seconds);
        out[j]!.rss = Math.max(out[j]!.rss, t.rssMiB);
      }
    }
    return out;
  };
  console.log(`\n${"command".padEnd(10)} ${"berth".padStart(8)} ${"helm v3".padStart(8)} ${"helm v4".padStart(8)}  berth/helm3  berth/helm4  goal ≤ 2x helm3   (best of ${REPEATS}, wall s; peak RSS MiB)`);
  for (const [name, berthArgs, helmArgs] of commands) {
    const [b, h3, h4] = (await best([[berth, berthArgs], [tools.helm3, helmArgs], [tools.helm4, helmArgs]])) as [{ s: number; rss: number }, { s: number; rss: number }, { s: number; rss: number }];
    console.log(
      `${name.padEnd(10)} ${b.s.toFixed(3).padStart(8)} ${h3.s.toFixed(3).padStart(8)} ${h4.s.toFixed(3).padStart(8)}  ${ratio(b.s, h3.s).padStart(11)}  ${ratio(b.s, h4.s).padStart(11)}  ${b.s <= 2 * h3.s ? "met" : "MISSED"}   RSS ${b.rss.toFixed(0)}/${h3.rss.toFixed(0)}/${h4.rss.toFixed(0)}`,
    );
  }
} finally {
  if (!reuse) await kubectl("delete", "namespace", namespace, "--wait=false").catch(() => undefined);
}
