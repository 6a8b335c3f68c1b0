// A berth kube client on the test cluster, and small object builders.
import { after } from "node:test";
import { connectKube } from "../../src/kube/connect.js";
import type { KubeObject } from "../../src/model/object.js";
import { testKubeconfigPath } from "../helpers/cluster.js";

/** A client on the test cluster, closed after the file's tests. */
export function useKubeClient(fieldManager?: string) {
  const connection = connectKube({ kubeconfigPath: testKubeconfigPath() }, fieldManager ? { fieldManager } : {});
  after(() => connection.transport.close());
  return connection.client;
}

/** A ConfigMap object. */
export function configMap(namespace: string, name: string, data: Record<string, string>, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace, labels }, data };
}

/** A minimal Deployment object. */
export function deployment(namespace: string, name: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "app", image: "registry.example/app:1" }] } },
      ...spec,
    },
  };
}
