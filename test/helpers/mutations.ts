// Counts the mutating requests a cluster connection sends (POST/PUT/DELETE, PATCH without dryRun=All).
import type { Cluster } from "../../src/index.js";

/** One request the transport sent. */
export interface SentRequest {
  readonly method: string;
  readonly path: string;
}

/** True when the request can change the cluster: a write that is not a server-side dry run. */
export function isMutating(req: SentRequest): boolean {
  if (/[?&]dryRun=All(&|$)/.test(req.path)) return false;
  return ["POST", "PUT", "DELETE", "PATCH"].includes(req.method);
}

/** Starts recording the cluster's requests; `mutating()` lists the writes so far, `stop()` ends recording. */
export function spyRequests(cluster: Cluster): { readonly all: SentRequest[]; mutating(): SentRequest[]; stop(): void } {
  const all: SentRequest[] = [];
  const stop = cluster.config.transport!.observe((req) => all.push({ method: req.method, path: req.path }));
  return { all, mutating: () => all.filter(isMutating), stop };
}
