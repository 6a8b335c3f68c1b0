// A real OCI registry for tests: the CNCF distribution registry, built from Go modules at a pinned
// version and cached like the control plane binaries, started on a free loopback port; with an
// htpasswd (bcrypt) user for the auth variant.
import { spawn, type ChildProcess } from "node:child_process";
import { access, mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBinary } from "../../src/local/binaries.js";
import { cacheDir } from "../../src/util/cache-dir.js";
import { withFileLock } from "../../src/local/cache.js";
import { findGo, runGo } from "../../src/local/go-build.js";
import { freePorts } from "../../src/local/ports.js";
import { until } from "./cluster.js";

/** A running registry. */
export interface TestRegistry {
  /** `127.0.0.1:<port>` (plain HTTP). */
  readonly host: string;
  close(): Promise<void>;
}

const BCRYPT_VERSION = "0.47.0";

/** A tiny bcrypt tool (golang.org/x/crypto/bcrypt), built once into the cache, for htpasswd files. */
async function ensureBcrypt(): Promise<string> {
  const root = cacheDir(process.env);
  const key = `bcrypt-x-crypto-v${BCRYPT_VERSION}`;
  const target = join(root, "bin", key, "bcrypt");
  if (await access(target).then(() => true, () => false)) return target;
  await withFileLock(join(root, "locks", `${key}.lock`), async () => {
    if (await access(target).then(() => true, () => false)) return;
    const work = join(root, "build", key);
    await rm(work, { recursive: true, force: true });
    await mkdir(work, { recursive: true });
    await writeFile(join(work, "go.mod"), `module berth.local/build/bcrypt\n\ngo 1.24.0\n\nrequire golang.org/x/crypto v${BCRYPT_VERSION}\n`);
    await writeFile(join(work, "main.go"), 'package main\n\nimport (\n\t"fmt"\n\t"os"\n\n\t"golang.org/x/crypto/bcrypt"\n)\n\nfunc main() {\n\th, err := bcrypt.GenerateFromPassword([]byte(os.Args[1]), bcrypt.MinCost)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\tfmt.Print(string(h))\n}\n');
    const log = join(root, "build", `${key}.log`);
    const go = await findGo(process.env);
    await runGo({ go, args: ["mod", "tidy"], cwd: work, env: process.env, log, what: "bcrypt tool" });
    await mkdir(`${join(root, "bin", key)}.partial`, { recursive: true });
    await runGo({ go, args: ["build", "-o", join(`${join(root, "bin", key)}.partial`, "bcrypt"), "."], cwd: work, env: process.env, log, what: "bcrypt tool" });
    await rename(`${join(root, "bin", key)}.partial`, join(root, "bin", key));
  });
  return target;
}

async function bcrypt(password: string): Promise<string> {
  const tool = await ensureBcrypt();
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [password]);
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`bcrypt tool exited ${code}`))));
  });
}

/** Starts a registry (built on first use: minutes) with its storage in a fresh temp folder. */
export async function startRegistry(options: { auth?: { username: string; password: string } } = {}): Promise<TestRegistry> {
  const binary = await ensureBinary("registry");
  const dir = await mkdtemp(join(tmpdir(), "berth-registry-"));
  const [port, debug] = await freePorts(2);
  let auth = "";
  if (options.auth) {
    await writeFile(join(dir, "htpasswd"), `${options.auth.username}:${await bcrypt(options.auth.password)}\n`);
    auth = `auth:\n  htpasswd:\n    realm: berth-test\n    path: ${join(dir, "htpasswd")}\n`;
  }
  await writeFile(
    join(dir, "config.yml"),
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, "data")}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${port}\n  debug:\n    addr: 127.0.0.1:${debug}\n${auth}`,
  );
  const child: ChildProcess = spawn(binary, ["serve", join(dir, "config.yml")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const host = `127.0.0.1:${port}`;
  await until(async () => {
    if (child.exitCode !== null) throw new Error(`registry exited: ${stderr}`);
    const res = await fetch(`http://${host}/v2/`).catch(() => undefined);
    return res !== undefined;
  }, { what: `registry on ${host}`, timeoutMs: 30_000 });
  return {
    host,
    async close() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
