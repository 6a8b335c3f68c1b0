// Example helper: create the release namespace when it is missing (berth, like Helm, does not create it).
import { KubeApiError, type Cluster } from "berth";

/** Creates namespace `name` unless it exists. */
export async function ensureNamespace(cluster: Cluster, name: string): Promise<void> {
  const ref = { apiVersion: "v1", kind: "Namespace", name };
  if (await cluster.kube.get(ref)) return;
  await cluster.kube.create({ apiVersion: "v1", kind: "Namespace", metadata: { name } }).catch((e: unknown) => {
    if (!(e instanceof KubeApiError && e.reason === "AlreadyExists")) throw e;
  });
}
