// The objects the deploy benchmarks apply: ConfigMaps, Secrets and Services in turn; `version` changes
// every tenth object (an upgrade of 10%). Imported by bench/deploy.ts and by the deploy script it writes.

/** One benchmark object (a Kubernetes object without a namespace). */
export interface BenchObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** `count` objects at `version`. */
export function benchObjects(count: number, version: number): BenchObject[] {
  return Array.from({ length: count }, (_, i): BenchObject => {
    const changed: Record<string, string> = i % 10 === 0 ? { version: String(version) } : {};
    const name = `o-${i}`;
    switch (i % 3) {
      case 0:
        return { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { index: String(i), payload: "x".repeat(200), ...changed } };
      case 1:
        return { apiVersion: "v1", kind: "Secret", metadata: { name }, type: "Opaque", stringData: { index: String(i), ...changed } };
      default:
        return { apiVersion: "v1", kind: "Service", metadata: { name, labels: { index: String(i), ...changed } }, spec: { ports: [{ port: 80 }], selector: { app: name } } };
    }
  });
}
