import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { authFor, type HttpsAuthOptions } from "./auth.js";
import { KubeConfigInvalid } from "./errors.js";
import { parseKubeconfig, readKubeconfigFiles, type KubeconfigData } from "./kubeconfig-file.js";

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

/** A loaded kubeconfig: the selected context's facts and a way to apply its credentials to a request. */
export interface LoadedKubeConfig {
  /** API server URL, without a trailing slash. */
  readonly server: string;
  /** The context's default namespace. @defaultValue "default" */
  readonly namespace: string;
  /** The name of the selected context. */
  readonly context: string;
  /**
   * Adds the context's TLS material and credentials to Node https request options (`ca`, `cert`,
   * `key`, `rejectUnauthorized`, `servername`, `auth`, `headers.Authorization`). exec plugins and
   * auth providers run through `@kubernetes/client-node`, loaded on first use.
   */
  applyToHTTPSOptions(options: HttpsAuthOptions): Promise<void>;
}

const NO_CLUSTER = "no Kubernetes cluster configured: set KUBECONFIG, create ~/.kube/config, or pass a kubeconfig in code (or start one with `berth local up`)";
const SERVICE_ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";

/**
 * True when the default loading would find a real cluster: `$KUBECONFIG` files, `~/.kube/config`, or
 * in-cluster service-account credentials.
 */
export function hasDefaultKubeconfig(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const files = (env["KUBECONFIG"] ?? "").split(delimiter).filter(Boolean);
  if (files.length > 0) return files.some((f) => existsSync(f));
  if (existsSync(join(homedir(), ".kube", "config"))) return true;
  return env["KUBERNETES_SERVICE_HOST"] !== undefined && existsSync(`${SERVICE_ACCOUNT}/token`);
}

/** The in-cluster service account as a kubeconfig (its token re-read on every request, as it rotates). */
function inCluster(): KubeconfigData {
  const host = process.env["KUBERNETES_SERVICE_HOST"] ?? "";
  const port = process.env["KUBERNETES_SERVICE_PORT"] ?? "443";
  const namespaceFile = `${SERVICE_ACCOUNT}/namespace`;
  const namespace = existsSync(namespaceFile) ? readFileSync(namespaceFile, "utf8").trim() : undefined;
  return {
    clusters: new Map([["inCluster", { server: `https://${host.includes(":") ? `[${host}]` : host}:${port}`, "certificate-authority": `${SERVICE_ACCOUNT}/ca.crt` }]]),
    users: new Map([["inClusterUser", { tokenFile: `${SERVICE_ACCOUNT}/token` }]]),
    contexts: new Map([["inClusterContext", { cluster: "inCluster", user: "inClusterUser", ...(namespace ? { namespace } : {}) }]]),
    currentContext: "inClusterContext",
  };
}

function readDefault(): KubeconfigData {
  if (!hasDefaultKubeconfig()) throw new KubeConfigInvalid(NO_CLUSTER);
  const files = (process.env["KUBECONFIG"] ?? "").split(delimiter).filter(Boolean);
  if (files.length > 0) return readKubeconfigFiles(files.filter((f) => existsSync(f)));
  const home = join(homedir(), ".kube", "config");
  return existsSync(home) ? readKubeconfigFiles([home]) : inCluster();
}

/** Loads a kubeconfig and selects the context. Throws `KubeConfigInvalid` naming what is missing. */
export function loadKubeConfig(source: KubeConfigSource = {}): LoadedKubeConfig {
  let data: KubeconfigData;
  try {
    if (source.kubeconfig !== undefined) data = parseKubeconfig(source.kubeconfig);
    else if (source.kubeconfigPath !== undefined) data = readKubeconfigFiles([source.kubeconfigPath]);
    else data = readDefault();
  } catch (e) {
    if (e instanceof KubeConfigInvalid) throw e;
    throw new KubeConfigInvalid(
      `cannot load kubeconfig${source.kubeconfigPath ? ` ${source.kubeconfigPath}` : ""}: ${(e as Error).message}`,
      { cause: e },
    );
  }
  const contextName = source.context ?? data.currentContext;
  if (source.context !== undefined && !data.contexts.has(source.context)) {
    const known = [...data.contexts.keys()].join(", ") || "none";
    throw new KubeConfigInvalid(`kubeconfig has no context "${source.context}" (known: ${known})`);
  }
  const context = contextName === undefined ? undefined : data.contexts.get(contextName);
  const cluster = context === undefined ? undefined : data.clusters.get(context.cluster);
  if (contextName === undefined || !context || !cluster) throw new KubeConfigInvalid(NO_CLUSTER);
  const user = context.user === undefined ? undefined : data.users.get(context.user);
  let apply: ((options: HttpsAuthOptions) => Promise<void>) | undefined;
  return {
    server: cluster.server.replace(/\/+$/, ""),
    namespace: context.namespace ?? "default",
    context: contextName,
    // built on first use: reading CA and certificate files can fail, and should fail on a request
    applyToHTTPSOptions: (options) => (apply ??= authFor(contextName, context, cluster, user))(options),
  };
}
