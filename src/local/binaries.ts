import { mkdir, rename, rm, writeFile, access } from "node:fs/promises";
import { join } from "node:path";
import { cacheDir } from "../util/cache-dir.js";
import { withFileLock } from "./cache.js";
import { findGo, runGo, stagingModules } from "./go-build.js";
import { LOCAL_VERSIONS, type LocalBinary } from "./versions.js";
import { readFile } from "node:fs/promises";
import type { LocalBuildEvent } from "./build-events.js";

/** How binaries are found or built. */
export interface BinaryOptions {
  /** Environment for `go` (PATH, GOPATH, proxies) and the cache location. @defaultValue process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Cache root. @defaultValue `cacheDir()` */
  readonly cacheDir?: string;
  /** Aborts finding or building. */
  readonly signal?: AbortSignal;
  /** Progress: called before a (slow) build starts. */
  readonly onBuild?: (what: string, log: string) => void;
  /** Progress of builds: each build's start (n of total, its log), a heartbeat while it runs, its end. */
  readonly onEvent?: (event: LocalBuildEvent) => void;
  /** How often a running build reports `build-progress`. @defaultValue 30000 */
  readonly progressIntervalMs?: number;
}

/** Where one build stands among the builds of a run. */
interface BuildSlot {
  readonly index: number;
  readonly total: number;
  /** When the run's first build started (`Date.now()`), shared by the run's builds. */
  readonly run: { startedAt?: number };
}

interface Recipe {
  /** Folder name under `<cache>/bin`, keyed by version. */
  readonly key: string;
  readonly binaries: readonly LocalBinary[];
  build(ctx: BuildContext): Promise<void>;
}

interface BuildContext {
  readonly go: string;
  readonly work: string;
  readonly out: string;
  readonly log: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
}

const K = LOCAL_VERSIONS.kubernetes;
const [kMajor, kMinor] = K.split(".");
const versionPkg = (pkg: string) =>
  [`-X ${pkg}.gitVersion=v${K}`, `-X ${pkg}.gitMajor=${kMajor}`, `-X ${pkg}.gitMinor=${kMinor}`, `-X ${pkg}.gitTreeState=clean`];

/** Builds `cmds` (commands of k8s.io/kubernetes, e.g. `kube-apiserver`) at the pinned version, its staging modules pinned alike. */
function kubernetesCommands(key: string, cmdNames: readonly LocalBinary[]): Recipe {
  return {
    key,
    binaries: cmdNames,
    async build(ctx) {
      const go = (args: string[], what = "k8s.io/kubernetes") => runGo({ ...ctx, args, cwd: ctx.work, what });
      await writeFile(join(ctx.work, "go.mod"), "module berth.local/build/kubernetes\n\ngo 1.24.0\n");
      await go(["mod", "download", "-json", `k8s.io/kubernetes@v${K}`]);
      const info = JSON.parse(await lastJson(ctx.log)) as { GoMod: string };
      const staging = await stagingModules(info.GoMod);
      const replaces = staging.map((m) => `\t${m} => ${m} v0.${K.split(".").slice(1).join(".")}`).join("\n");
      await writeFile(
        join(ctx.work, "go.mod"),
        `module berth.local/build/kubernetes\n\ngo 1.24.0\n\nrequire k8s.io/kubernetes v${K}\n\nreplace (\n${replaces}\n)\n`,
      );
      const cmds = cmdNames.map((c) => `k8s.io/kubernetes/cmd/${c}`);
      await writeFile(join(ctx.work, "tools.go"), `//go:build tools\n\npackage tools\n\nimport (\n${cmds.map((c) => `\t_ "${c}"`).join("\n")}\n)\n`);
      await go(["mod", "tidy"]);
      const ldflags = ["-s", "-w", ...versionPkg("k8s.io/component-base/version"), ...versionPkg("k8s.io/client-go/pkg/version")].join(" ");
      await go(["build", "-o", ctx.out + "/", "-ldflags", ldflags, ...cmds]);
    },
  };
}

const kubernetes = kubernetesCommands(`kubernetes-v${K}`, ["kube-apiserver", "kube-controller-manager", "kube-scheduler"]);

const etcd: Recipe = {
  key: `etcd-v${LOCAL_VERSIONS.etcd}`,
  binaries: ["etcd"],
  async build(ctx) {
    const what = "go.etcd.io/etcd/server/v3";
    await writeFile(join(ctx.work, "go.mod"), `module berth.local/build/etcd\n\ngo 1.24.0\n\nrequire go.etcd.io/etcd/server/v3 v${LOCAL_VERSIONS.etcd}\n`);
    await writeFile(
      join(ctx.work, "main.go"),
      'package main\n\nimport (\n\t"os"\n\n\t"go.etcd.io/etcd/server/v3/etcdmain"\n)\n\nfunc main() { etcdmain.Main(os.Args) }\n',
    );
    await runGo({ ...ctx, args: ["mod", "tidy"], cwd: ctx.work, what });
    await runGo({ ...ctx, args: ["build", "-o", join(ctx.out, "etcd"), "-ldflags", "-s -w", "."], cwd: ctx.work, what });
  },
};

function goInstall(binary: LocalBinary, pkg: string, version: string, ldflags: string): Recipe {
  return {
    key: `${binary}-v${version}`,
    binaries: [binary],
    async build(ctx) {
      await runGo({
        ...ctx,
        env: { ...ctx.env, GOBIN: ctx.out },
        args: ["install", "-ldflags", `-s -w ${ldflags}`, `${pkg}@v${version}`],
        cwd: ctx.work,
        what: `${pkg}@v${version}`,
      });
      const built = pkg.slice(pkg.lastIndexOf("/") + 1);
      if (built !== binary) await rename(join(ctx.out, built), join(ctx.out, binary));
    },
  };
}

const RECIPES: Record<LocalBinary, Recipe> = {
  "kube-apiserver": kubernetes,
  "kube-controller-manager": kubernetes,
  "kube-scheduler": kubernetes,
  etcd,
  kwok: goInstall("kwok", "sigs.k8s.io/kwok/cmd/kwok", LOCAL_VERSIONS.kwok, `-X sigs.k8s.io/kwok/pkg/consts.Version=v${LOCAL_VERSIONS.kwok}`),
  helm: goInstall("helm", "helm.sh/helm/v3/cmd/helm", LOCAL_VERSIONS.helm, `-X helm.sh/helm/v3/internal/version.version=v${LOCAL_VERSIONS.helm}`),
  helm4: goInstall("helm4", "helm.sh/helm/v4/cmd/helm", LOCAL_VERSIONS.helm4, `-X helm.sh/helm/v4/internal/version.version=v${LOCAL_VERSIONS.helm4}`),
  kubectl: kubernetesCommands(`kubectl-v${K}`, ["kubectl"]),
  registry: goInstall("registry", "github.com/distribution/distribution/v3/cmd/registry", LOCAL_VERSIONS.registry, ""),
};

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}

async function lastJson(log: string): Promise<string> {
  const text = await readFile(log, "utf8");
  return text.slice(text.lastIndexOf("\n{") + 1);
}

/**
 * Returns the path of a control-plane binary, building it from its Go module at the pinned
 * version the first time (cached under `<cache>/bin/<name>-<version>/`, one build at a time).
 */
export async function ensureBinary(binary: LocalBinary, options: BinaryOptions = {}): Promise<string> {
  return ensureIn(binary, options, { index: 1, total: 1, run: {} });
}

async function ensureIn(binary: LocalBinary, options: BinaryOptions, slot: BuildSlot): Promise<string> {
  const env = options.env ?? process.env;
  const root = options.cacheDir ?? cacheDir(env);
  const recipe = RECIPES[binary];
  const dir = join(root, "bin", recipe.key);
  const target = join(dir, binary);
  if (await exists(target)) return target;
  await withFileLock(join(root, "locks", `${recipe.key}.lock`), async () => {
    if (await exists(target)) return;
    const go = await findGo(env);
    const work = join(root, "build", recipe.key);
    const out = `${dir}.partial`;
    await rm(work, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
    await mkdir(work, { recursive: true });
    await mkdir(out, { recursive: true });
    const log = join(root, "build", `${recipe.key}.log`);
    await writeFile(log, "");
    const started = Date.now();
    const runStart = (slot.run.startedAt ??= started);
    const what = recipe.key;
    const { index, total } = slot;
    options.onBuild?.(what, log);
    options.onEvent?.({ type: "building", what, binaries: recipe.binaries, index, total, log, cacheDir: join(root, "bin"), elapsedMs: started - runStart });
    const heartbeat = setInterval(() => {
      const now = Date.now();
      options.onEvent?.({ type: "build-progress", what, index, total, log, ms: now - started, elapsedMs: now - runStart });
    }, options.progressIntervalMs ?? 30_000);
    heartbeat.unref();
    try {
      await recipe.build({ go, work, out, log, env, ...(options.signal ? { signal: options.signal } : {}) });
    } finally {
      clearInterval(heartbeat);
    }
    await rename(out, dir);
    const now = Date.now();
    options.onEvent?.({ type: "built", what, index, total, ms: now - started, elapsedMs: now - runStart });
  }, options.signal);
  return target;
}

type ControlPlaneBinary = Exclude<LocalBinary, "helm" | "helm4" | "kubectl" | "registry">;
const CONTROL_PLANE: readonly ControlPlaneBinary[] = ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd", "kwok"];

/**
 * Builds (or finds) every binary the local control plane runs; returns their paths. Builds are
 * numbered among the ones still missing (kube-apiserver, -controller-manager and -scheduler are one build).
 */
export async function ensureControlPlaneBinaries(options: BinaryOptions = {}): Promise<Record<ControlPlaneBinary, string>> {
  const root = options.cacheDir ?? cacheDir(options.env ?? process.env);
  const missing: string[] = [];
  for (const binary of CONTROL_PLANE) {
    const key = RECIPES[binary].key;
    if (!missing.includes(key) && !(await exists(join(root, "bin", key, binary)))) missing.push(key);
  }
  const run = {};
  const paths = {} as Record<ControlPlaneBinary, string>;
  for (const binary of CONTROL_PLANE) {
    const index = missing.indexOf(RECIPES[binary].key) + 1;
    paths[binary] = await ensureIn(binary, options, { index: Math.max(index, 1), total: Math.max(missing.length, 1), run });
  }
  return paths;
}
