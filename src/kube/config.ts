import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { KubeConfigError } from "./errors.js";

/**
 * Where the Kubernetes connection comes from.
 * @remarks With nothing set, the default places are used: `$KUBECONFIG`, then `~/.kube/config`, then in-cluster.
 */
export interface KubeConfigSource {
  /** Path of a kubeconfig file. */
  readonly kubeconfigPath?: string;
  /** Kubeconfig YAML text (wins over `kubeconfigPath`). */
  readonly kubeconfig?: string;
  /** Context to use. @defaultValue the kubeconfig's current context */
  readonly context?: string;
}

/** A loaded kubeconfig: the client-node object plus the facts berth needs from it. */
export interface LoadedKubeConfig {
  /** The client-node kubeconfig, with the context selected. */
  readonly kc: KubeConfig;
  /** API server URL, without a trailing slash. */
  readonly server: string;
  /** The context's default namespace. @defaultValue "default" */
  readonly namespace: string;
  /** The name of the selected context. */
  readonly context: string;
}

const NO_CLUSTER = "no Kubernetes cluster configured: set KUBECONFIG, create ~/.kube/config, or pass a kubeconfig in code (or start one with `berth local up`)";

/**
 * True when client-node's default loading would find a real cluster: `$KUBECONFIG` files,
 * `~/.kube/config`, or in-cluster service-account credentials. (Without them it would silently
 * fall back to http://localhost:8080.)
 */
export function hasDefaultKubeconfig(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const files = (env["KUBECONFIG"] ?? "").split(delimiter).filter(Boolean);
  if (files.length > 0) return files.some((f) => existsSync(f));
  if (existsSync(join(homedir(), ".kube", "config"))) return true;
  return env["KUBERNETES_SERVICE_HOST"] !== undefined && existsSync("/var/run/secrets/kubernetes.io/serviceaccount/token");
}

/** Loads a kubeconfig and selects the context. Throws `KubeConfigError` naming what is missing. */
export function loadKubeConfig(source: KubeConfigSource = {}): LoadedKubeConfig {
  const kc = new KubeConfig();
  try {
    if (source.kubeconfig !== undefined) kc.loadFromString(source.kubeconfig);
    else if (source.kubeconfigPath !== undefined) kc.loadFromFile(source.kubeconfigPath);
    else {
      if (!hasDefaultKubeconfig()) throw new KubeConfigError(NO_CLUSTER);
      kc.loadFromDefault();
    }
  } catch (e) {
    if (e instanceof KubeConfigError) throw e;
    throw new KubeConfigError(
      `cannot load kubeconfig${source.kubeconfigPath ? ` ${source.kubeconfigPath}` : ""}: ${(e as Error).message}`,
      { cause: e },
    );
  }
  if (source.context !== undefined) {
    if (!kc.getContextObject(source.context)) {
      const known = kc.getContexts().map((c) => c.name).join(", ") || "none";
      throw new KubeConfigError(`kubeconfig has no context "${source.context}" (known: ${known})`);
    }
    kc.setCurrentContext(source.context);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) {
    throw new KubeConfigError(NO_CLUSTER,
    );
  }
  const context = kc.getCurrentContext();
  const namespace = kc.getContextObject(context)?.namespace ?? "default";
  return { kc, server: cluster.server.replace(/\/+$/, ""), namespace, context };
}
