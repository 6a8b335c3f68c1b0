// Reads kubeconfig files with `yaml` alone: loading @kubernetes/client-node costs ~0.7 s of start-up,
// and most kubeconfigs (tokens, client certificates, CAs) need nothing more. exec and auth-provider
// credentials are handed to client-node, loaded only then (see auth.ts).
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { yamlModule } from "../util/yaml-lazy.js";

/** One named cluster of a kubeconfig, its file paths made absolute. */
export interface KubeconfigCluster {
  readonly server: string;
  readonly "certificate-authority"?: string;
  readonly "certificate-authority-data"?: string;
  readonly "insecure-skip-tls-verify"?: boolean;
  readonly "tls-server-name"?: string;
  readonly [key: string]: unknown;
}

/** One named user (credentials) of a kubeconfig, its file paths made absolute. */
export interface KubeconfigUser {
  readonly token?: string;
  readonly tokenFile?: string;
  readonly username?: string;
  readonly password?: string;
  readonly "client-certificate"?: string;
  readonly "client-certificate-data"?: string;
  readonly "client-key"?: string;
  readonly "client-key-data"?: string;
  readonly exec?: unknown;
  readonly "auth-provider"?: unknown;
  readonly [key: string]: unknown;
}

/** One named context of a kubeconfig. */
export interface KubeconfigContext {
  readonly cluster: string;
  readonly user?: string;
  readonly namespace?: string;
}

/** A kubeconfig merged from one or more files (first definition of a name wins, as kubectl merges). */
export interface KubeconfigData {
  readonly clusters: ReadonlyMap<string, KubeconfigCluster>;
  readonly users: ReadonlyMap<string, KubeconfigUser>;
  readonly contexts: ReadonlyMap<string, KubeconfigContext>;
  readonly currentContext: string | undefined;
}

const PATH_KEYS = ["certificate-authority", "client-certificate", "client-key", "tokenFile"] as const;

type Named = { name?: unknown; [key: string]: unknown };

function namedEntries(list: unknown, field: string, baseDir: string | undefined): Array<[string, Record<string, unknown>]> {
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list)) throw new Error(`"${field}s" must be a list`);
  return (list as Named[]).flatMap((entry) => {
    if (typeof entry?.name !== "string") throw new Error(`an entry of "${field}s" has no name`);
    const body = entry[field];
    const value: Record<string, unknown> = body && typeof body === "object" ? { ...(body as Record<string, unknown>) } : {};
    if (baseDir !== undefined) {
      for (const key of PATH_KEYS) {
        const path = value[key];
        if (typeof path === "string" && path !== "" && !isAbsolute(path)) value[key] = resolve(baseDir, path);
      }
    }
    return [[entry.name, value]];
  });
}

/** Parses kubeconfig YAML text; relative file paths in it resolve against `baseDir` (the file's folder). */
export function parseKubeconfig(text: string, baseDir?: string): KubeconfigData {
  const doc = (yamlModule().parse(text) ?? {}) as Record<string, unknown>;
  if (typeof doc !== "object" || Array.isArray(doc)) throw new Error("a kubeconfig must be a mapping");
  const contexts = new Map<string, KubeconfigContext>();
  for (const [name, c] of namedEntries(doc["contexts"], "context", undefined)) {
    if (typeof c["cluster"] !== "string") throw new Error(`context "${name}" names no cluster`);
    contexts.set(name, {
      cluster: c["cluster"],
      ...(typeof c["user"] === "string" ? { user: c["user"] } : {}),
      ...(typeof c["namespace"] === "string" && c["namespace"] !== "" ? { namespace: c["namespace"] } : {}),
    });
  }
  const clusters = new Map<string, KubeconfigCluster>();
  for (const [name, c] of namedEntries(doc["clusters"], "cluster", baseDir)) {
    if (typeof c["server"] !== "string") throw new Error(`cluster "${name}" has no server`);
    clusters.set(name, c as KubeconfigCluster);
  }
  const users = new Map(namedEntries(doc["users"], "user", baseDir) as Array<[string, KubeconfigUser]>);
  const current = doc["current-context"];
  return { clusters, users, contexts, currentContext: typeof current === "string" && current !== "" ? current : undefined };
}

/** Reads and merges kubeconfig files in order: the first file defining a name (or current-context) wins. */
export function readKubeconfigFiles(paths: readonly string[]): KubeconfigData {
  const merged = { clusters: new Map<string, KubeconfigCluster>(), users: new Map<string, KubeconfigUser>(), contexts: new Map<string, KubeconfigContext>(), currentContext: undefined as string | undefined };
  for (const path of paths) {
    const data = parseKubeconfig(readFileSync(path, "utf8"), dirname(resolve(path)));
    for (const [k, v] of data.clusters) if (!merged.clusters.has(k)) merged.clusters.set(k, v);
    for (const [k, v] of data.users) if (!merged.users.has(k)) merged.users.set(k, v);
    for (const [k, v] of data.contexts) if (!merged.contexts.has(k)) merged.contexts.set(k, v);
    merged.currentContext ??= data.currentContext;
  }
  return merged;
}

/** Writes a kubeconfig (one context, its cluster and user) back as a plain object, for client-node. */
export function toKubeconfigObject(contextName: string, context: KubeconfigContext, cluster: KubeconfigCluster, user: KubeconfigUser | undefined): object {
  return {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: context.cluster, cluster }],
    users: [{ name: context.user ?? "user", user: user ?? {} }],
    contexts: [{ name: contextName, context: { ...context, user: context.user ?? "user" } }],
    "current-context": contextName,
  };
}
