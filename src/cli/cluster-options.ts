import type { ParseArgsConfig } from "node:util";
import { connect, type ConnectOptions } from "../actions/connect.js";
import type { Cluster } from "../actions/cluster.js";
import type { StorageKind } from "../actions/configuration.js";
import type { CliIO } from "./command.js";

/** The options every command that talks to a cluster takes. */
export const CLUSTER_OPTIONS = {
  namespace: { type: "string", short: "n" },
  "kube-context": { type: "string" },
  kubeconfig: { type: "string" },
  storage: { type: "string" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

/** Help text lines for {@link CLUSTER_OPTIONS}. */
export const CLUSTER_OPTIONS_HELP = `Cluster options:
  -n, --namespace <ns>      namespace of the release (default: the kubeconfig context's)
      --kube-context <name> kubeconfig context to use
      --kubeconfig <path>   kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)
      --storage <driver>    where release records live: secret (default, Helm's) | configmap
`;

/** Connects with the cluster options of a parsed command line. */
export async function connectFromArgs(values: Record<string, unknown>, io: CliIO): Promise<Cluster> {
  const options: ConnectOptions = {
    env: io.env,
    signal: io.signal,
    ...(typeof values["namespace"] === "string" ? { namespace: values["namespace"] } : {}),
    ...(typeof values["kube-context"] === "string" ? { context: values["kube-context"] } : {}),
    ...(typeof values["kubeconfig"] === "string" ? { kubeconfigPath: values["kubeconfig"] } : {}),
    ...(typeof values["storage"] === "string" ? { storage: values["storage"] as StorageKind } : {}),
  };
  return await connect(options);
}
