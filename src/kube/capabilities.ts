import type { KubeApi } from "./types.js";

/** What the cluster offers, for `Capabilities` in templates. */
export async function clusterCapabilities(kube: KubeApi): Promise<{ kubeVersion: string; apiVersions: string[] }> {
  const [version, apiVersions] = await Promise.all([kube.serverVersion(), kube.apiVersions()]);
  return { kubeVersion: version.gitVersion, apiVersions };
}
