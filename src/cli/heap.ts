// Peak memory of the CLI's long commands (deploy, plan): V8 doubles a heap's young generation while
// allocation runs high, up to 32 MiB for the main thread and as much again for the script loader's
// thread, and that space stays resident. Startup (loading berth and its dependencies) grows it to its
// working size; after that, holding it there keeps a 500-object deploy's peak RSS ~15 MiB lower with no
// measurable CPU cost (bench/RESULTS.md, install-cost).
import { changeV8Flag } from "./v8-flags.js";

/**
 * Stops V8 from growing young generations beyond their current size (`--semi-space-growth-factor=1`,
 * read by V8 each time it would grow one), in every thread. Starting a worker thread (e.g. the script
 * loader's) sets V8's flags back: call once startup is done and the loader is registered, before the
 * work whose allocations would grow them.
 */
export function holdYoungGeneration(): void {
  changeV8Flag("--semi-space-growth-factor=1", "--semi-space-growth-factor=2");
}
