import { KubeClient } from "./client.js";
import { loadKubeConfig, type KubeConfigSource } from "./config.js";
import { KubeTransport, type RetryOptions } from "./transport.js";

/** Options of {@link connectKube}. */
export interface ConnectKubeOptions {
  /** Retry tuning of the transport. */
  readonly retry?: RetryOptions;
  /** The field manager of server-side applies. @defaultValue "berth" */
  readonly fieldManager?: string;
}

/** A connection to one cluster: the client, its transport (to observe or close), and the context's facts. */
export interface KubeConnection {
  readonly client: KubeClient;
  readonly transport: KubeTransport;
  /** The context's default namespace. @defaultValue "default" */
  readonly namespace: string;
  /** The kubeconfig context in use. */
  readonly context: string;
}

/**
 * Loads the kubeconfig and builds a client; no request is sent yet. Throws `KubeConfigInvalid` when the
 * kubeconfig cannot be used. Call `transport.close()` when done to free pooled connections.
 */
export function connectKube(source: KubeConfigSource = {}, options: ConnectKubeOptions = {}): KubeConnection {
  const config = loadKubeConfig(source);
  const transport = new KubeTransport(config, options.retry);
  const client = new KubeClient(transport, {
    defaultNamespace: config.namespace,
    ...(options.fieldManager ? { fieldManager: options.fieldManager } : {}),
  });
  return { client, transport, namespace: config.namespace, context: config.context };
}
