/** Pinned versions of the binaries the local control plane builds from Go modules. */
export const LOCAL_VERSIONS = {
  /** `k8s.io/kubernetes`; its staging modules are published as `v0.<minor>.<patch>`. */
  kubernetes: "1.36.3",
  /** `go.etcd.io/etcd/server/v3`, the line the apiserver above is built against. */
  etcd: "3.6.16",
  /** `sigs.k8s.io/kwok`. */
  kwok: "0.7.0",
  /** `helm.sh/helm/v3`, for interoperability tests. */
  helm: "3.22.0",
  /** `helm.sh/helm/v4`, for benchmarks (bench/). */
  helm4: "4.3.2",
  /** `github.com/distribution/distribution/v3` (the CNCF registry), an OCI registry for chart tests. */
  registry: "3.1.2",
} as const;

/** A binary the local control plane can build. */
export type LocalBinary = "kube-apiserver" | "kube-controller-manager" | "kube-scheduler" | "etcd" | "kwok" | "helm" | "helm4" | "kubectl" | "registry";
