import { join } from "node:path";

/** Ports and paths one local cluster run uses. */
export interface ClusterLayout {
  readonly dir: string;
  readonly etcdClientPort: number;
  readonly etcdPeerPort: number;
  readonly apiserverPort: number;
  readonly controllerManagerPort: number;
  readonly schedulerPort: number;
  readonly kwokPort: number;
}

/** Path of a file inside the run directory. */
export const at = (layout: ClusterLayout, name: string) => join(layout.dir, name);

/** The apiserver's self-signed serving certificate (with its CA), generated in `--cert-dir`. */
export const apiserverCert = (layout: ClusterLayout) => join(layout.dir, "certs", "apiserver.crt");

/** etcd: one member on loopback; fsync off because the data is thrown away. */
export function etcdArgs(l: ClusterLayout): string[] {
  const client = `http://127.0.0.1:${l.etcdClientPort}`;
  const peer = `http://127.0.0.1:${l.etcdPeerPort}`;
  return [
    "--name=berth",
    `--data-dir=${at(l, "etcd")}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=berth=${peer}`,
    "--unsafe-no-fsync=true",
    "--log-level=warn",
  ];
}

/** kube-apiserver: loopback only, token auth, RBAC, a per-run service-account key. */
export function apiserverArgs(l: ClusterLayout): string[] {
  return [
    `--etcd-servers=http://127.0.0.1:${l.etcdClientPort}`,
    "--bind-address=127.0.0.1",
    "--advertise-address=127.0.0.1",
    // The `kubernetes` Service's endpoints would be the advertised address, and a loopback one is
    // invalid there: the reconciler failed (and logged an error) every 10 s. No pod here calls it.
    "--endpoint-reconciler-type=none",
    `--secure-port=${l.apiserverPort}`,
    `--cert-dir=${join(l.dir, "certs")}`,
    `--token-auth-file=${at(l, "tokens.csv")}`,
    "--authorization-mode=RBAC",
    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
    `--service-account-key-file=${at(l, "sa.pub")}`,
    `--service-account-signing-key-file=${at(l, "sa.key")}`,
    "--service-cluster-ip-range=10.96.0.0/16",
    "--allow-privileged=true",
    "--profiling=false",
    "--v=1",
  ];
}

/** kube-controller-manager: every controller but node lifecycle (kwok nodes need no eviction). */
export function controllerManagerArgs(l: ClusterLayout): string[] {
  return [
    `--kubeconfig=${at(l, "kubeconfig")}`,
    "--leader-elect=false",
    "--bind-address=127.0.0.1",
    `--secure-port=${l.controllerManagerPort}`,
    "--controllers=*,-node-lifecycle-controller",
    `--root-ca-file=${apiserverCert(l)}`,
    `--service-account-private-key-file=${at(l, "sa.key")}`,
    "--use-service-account-credentials=false",
    "--service-cluster-ip-range=10.96.0.0/16",
    "--concurrent-deployment-syncs=10",
    "--concurrent-job-syncs=10",
    "--v=1",
  ];
}

/** kube-scheduler. */
export function schedulerArgs(l: ClusterLayout): string[] {
  return [`--kubeconfig=${at(l, "kubeconfig")}`, "--leader-elect=false", "--bind-address=127.0.0.1", `--secure-port=${l.schedulerPort}`, "--v=1"];
}

/** kwok: manages every node (the cluster has only kwok nodes) with berth's stages. */
export function kwokArgs(l: ClusterLayout): string[] {
  return [
    `--kubeconfig=${at(l, "kubeconfig")}`,
    `--config=${at(l, "kwok-stages.yaml")}`,
    "--manage-all-nodes=true",
    "--cidr=10.244.0.1/16",
    "--node-ip=10.0.0.1",
    `--server-address=127.0.0.1:${l.kwokPort}`,
  ];
}

/** The Node object kwok pretends to run. */
export const KWOK_NODE = {
  apiVersion: "v1",
  kind: "Node",
  metadata: {
    name: "kwok-node-0",
    labels: { "kubernetes.io/hostname": "kwok-node-0", "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64", type: "kwok" },
    annotations: { "kwok.x-k8s.io/node": "fake", "node.alpha.kubernetes.io/ttl": "0" },
  },
  spec: {},
};
