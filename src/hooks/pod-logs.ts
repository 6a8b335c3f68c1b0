import type { KubeApi } from "../kube/types.js";
import type { KubeObject } from "../model/object.js";
import { podSelectorOf } from "../wait/selector.js";
import type { HookPodLog } from "./errors.js";

/**
 * The logs of a failed hook's Pods: the Pod itself, or a Job's Pods. A Pod whose logs cannot be read (e.g. simulated Pods) gets the reason instead.
 */
export async function hookPodLogs(kube: KubeApi, hook: KubeObject, signal?: AbortSignal, tailLines = 50, logTimeoutMs = 2000): Promise<HookPodLog[]> {
  const namespace = hook.metadata.namespace;
  if (!namespace) return [];
  let pods: string[] = [];
  if (hook.kind === "Pod") pods = [hook.metadata.name];
  else {
    const selector = podSelectorOf(hook);
    if (!selector) return [];
    const listed = await kube.list("v1", "Pod", { namespace, labelSelector: selector, ...(signal ? { signal } : {}) }).catch(() => undefined);
    pods = (listed?.items ?? []).map((p) => p.metadata.name).slice(0, 5);
  }
  const logs: HookPodLog[] = [];
  for (const pod of pods) {
    try {
      // Bounded: without a kubelet (simulated nodes) the API server's log proxy fails only after retries.
      const bounded = AbortSignal.any([...(signal ? [signal] : []), AbortSignal.timeout(logTimeoutMs)]);
      logs.push({ pod, text: await kube.podLogs(namespace, pod, { tailLines, signal: bounded }) });
    } catch (error) {
      logs.push({ pod, text: `(logs unavailable: ${(error as Error)?.message ?? String(error)})` });
    }
  }
  return logs;
}
