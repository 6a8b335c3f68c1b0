// A test namespace, a fault proxy in front of the test cluster, and a berth Cluster connected through
// it: for tests that hold or fail chosen requests. And a chart with enough ConfigMaps for one LIST.
import { after, before } from "node:test";
import { connect, defineChart, type Chart, type Cluster } from "../../src/index.js";
import { CoreV1Api } from "@kubernetes/client-node";
import { createTestNamespace, testKubeConfig, testKubeconfigPath } from "./cluster.js";
import { startFaultProxy, type FaultProxy } from "./fault-proxy.js";

/** The suite's namespace, proxy and cluster, set before its tests run. */
export interface ProxiedCluster {
  readonly namespace: string;
  readonly proxy: FaultProxy;
  readonly cluster: Cluster;
}

/** Registers the suite's namespace (`prefix-…`), proxy and cluster, closed after it. */
export function useProxiedCluster(prefix: string): ProxiedCluster {
  const state = {} as { namespace: string; proxy: FaultProxy; cluster: Cluster };
  before(async () => {
    state.namespace = await createTestNamespace(prefix);
    state.proxy = await startFaultProxy(testKubeconfigPath());
    state.cluster = await connect({ kubeconfig: state.proxy.kubeconfig, namespace: state.namespace });
  });
  after(async () => {
    state.cluster?.close();
    await state.proxy?.close();
    if (state.namespace) await testKubeConfig().makeApiClient(CoreV1Api).deleteNamespace({ name: state.namespace }).catch(() => undefined);
  });
  return state;
}

/** A chart of 20 ConfigMaps, `<name>-0` … `<name>-19`, each with `data.value` from the values: one LIST reads them. */
export function configMapsChart(name: string, value: string): Chart<{ value: string }> {
  return defineChart<{ value: string }>({
    name,
    version: "1.0.0",
    values: { value },
    templates: {
      "configmaps.yaml": ({ Values }) => Array.from({ length: 20 }, (_, i) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `${name}-${i}` }, data: { value: Values.value } })),
    },
  });
}
