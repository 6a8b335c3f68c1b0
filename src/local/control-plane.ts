import type { LocalCluster, LocalClusterOptions } from "./cluster-types.js";

export type { LocalCluster, LocalClusterEvent, LocalClusterOptions } from "./cluster-types.js";

// What starts it (start.ts: binaries, certificates, processes) is imported on first use: `import "berth"` does not load it.

/** Starts a fresh local control plane, building its binaries first if needed; ready when a kwok node is Ready and the default ServiceAccount exists. */
export async function startLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
  return await (await import("./start.js")).startLocalClusterNow(options);
}
