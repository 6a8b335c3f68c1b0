// Reads `node --cpu-prof` profiles: how much of a process's CPU went to loading modules.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Sampled CPU ms of all threads' profiles in `dir` (busy: not idle, not blocked on the loader-hooks thread) and of module loading. */
export interface ModuleLoadingShare {
  readonly busy: number;
  readonly modules: number;
  readonly mainBusy: number;
  readonly mainModules: number;
}

/**
 * A sample counts as module loading when its nearest frame with a URL is Node's module loader
 * (`node:internal/modules/…`: resolve, read, compile, link; native frames count with their caller).
 * Waiting for the module-hooks thread (tsx's loader) is neither busy nor loading: that thread's own
 * profile holds its work.
 */
export async function moduleLoadingShare(dir: string): Promise<ModuleLoadingShare> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".cpuprofile")).sort();
  const total = { busy: 0, modules: 0, mainBusy: 0, mainModules: 0 };
  for (const [i, file] of files.entries()) {
    const profile = JSON.parse(await readFile(join(dir, file), "utf8")) as Profile;
    const { busy, modules } = shareOf(profile);
    total.busy += busy;
    total.modules += modules;
    if (i === 0) Object.assign(total, { mainBusy: busy, mainModules: modules });
  }
  return total;
}

function shareOf(profile: Profile): { busy: number; modules: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const kinds = new Map<number, string>();
  const kind = (id: number): string => {
    const known = kinds.get(id);
    if (known) return known;
    const { functionName, url } = byId.get(id)!.callFrame;
    let k: string;
    if (functionName === "(idle)" || functionName === "waitForWorker" || functionName === "makeSyncRequest") k = "wait";
    else if (url.startsWith("node:internal/modules/")) k = "modules";
    else if (url || functionName.startsWith("(")) k = "other";
    else k = parent.has(id) ? kind(parent.get(id)!) : "other";
    kinds.set(id, k);
    return k;
  };
  let busy = 0;
  let modules = 0;
  for (const [i, id] of profile.samples.entries()) {
    const k = kind(id);
    const ms = profile.timeDeltas[i]! / 1000;
    if (k !== "wait") busy += ms;
    if (k === "modules") modules += ms;
  }
  return { busy, modules };
}
