// TLS and credentials of one kubeconfig context, as Node https request options.
import { readFileSync } from "node:fs";
import type https from "node:https";
import { toKubeconfigObject, type KubeconfigCluster, type KubeconfigContext, type KubeconfigUser } from "./kubeconfig-file.js";
import { importDynamic } from "../util/import-dynamic.js";

/** Request options the transport sends with: TLS material, `auth`, headers. */
export type HttpsAuthOptions = https.RequestOptions & { headers: Record<string, string> };

/** Applies one context's credentials to request options (tokens re-read from their file every time). */
export type ApplyAuth = (options: HttpsAuthOptions) => Promise<void>;

function fileOrData(path: unknown, data: unknown): Buffer | undefined {
  if (typeof data === "string" && data !== "") return Buffer.from(data, "base64");
  if (typeof path === "string" && path !== "") return readFileSync(path);
  return undefined;
}

/**
 * The credentials of a context. Tokens, basic auth and client certificates are applied here; exec
 * plugins and auth providers are delegated to @kubernetes/client-node, imported on first use only.
 */
export function authFor(contextName: string, context: KubeconfigContext, cluster: KubeconfigCluster, user: KubeconfigUser | undefined): ApplyAuth {
  const ca = fileOrData(cluster["certificate-authority"], cluster["certificate-authority-data"]);
  const tls = {
    ...(ca ? { ca } : {}),
    ...(cluster["insecure-skip-tls-verify"] === true ? { rejectUnauthorized: false } : {}),
    ...(typeof cluster["tls-server-name"] === "string" ? { servername: cluster["tls-server-name"] } : {}),
  };
  if (user?.exec !== undefined || user?.["auth-provider"] !== undefined) {
    return delegated(contextName, context, cluster, user, tls);
  }
  const cert = fileOrData(user?.["client-certificate"], user?.["client-certificate-data"]);
  const key = fileOrData(user?.["client-key"], user?.["client-key-data"]);
  return async (options) => {
    Object.assign(options, tls, cert ? { cert } : {}, key ? { key } : {});
    const token = typeof user?.token === "string" && user.token !== "" ? user.token : typeof user?.tokenFile === "string" ? readFileSync(user.tokenFile, "utf8").trim() : undefined;
    if (typeof user?.as === "string" && user.as !== "") options.headers["Impersonate-User"] = user.as;
    if (token) options.headers["Authorization"] = `Bearer ${token}`;
    else if (typeof user?.username === "string" && typeof user.password === "string") options.auth = `${user.username}:${user.password}`;
  };
}

const CLIENT_NODE: string = "@kubernetes/client-node";

/** The part of client-node's KubeConfig used here. */
interface ClientNodeKubeConfig {
  loadFromString(text: string): void;
  applyToHTTPSOptions(options: object): Promise<void>;
}

function delegated(contextName: string, context: KubeconfigContext, cluster: KubeconfigCluster, user: KubeconfigUser, tls: object): ApplyAuth {
  let kc: Promise<ClientNodeKubeConfig> | undefined;
  return async (options) => {
    // a module name the compiler does not follow: type-checking a deploy script against berth's
    // sources would otherwise load client-node's ~1,000 declaration files
    kc ??= importDynamic<{ KubeConfig: new () => ClientNodeKubeConfig }>(CLIENT_NODE).then(({ KubeConfig }) => {
      const loaded = new KubeConfig();
      // JSON is YAML: client-node reads it as a kubeconfig
      loaded.loadFromString(JSON.stringify(toKubeconfigObject(contextName, context, cluster, user)));
      return loaded;
    });
    Object.assign(options, tls);
    await (await kc).applyToHTTPSOptions(options);
  };
}
