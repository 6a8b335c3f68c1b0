// The quickstart: deploy a chart defined in code (./chart.ts) and wait until it is ready.
// Run: npm run example — uses your kubeconfig's cluster, or starts a local control plane when none is
// configured (or BERTH_CLUSTER=local). BERTH_NAMESPACE picks the namespace (default: default).
import { connect, describeLocalClusterEvent } from "berth";
import { hello } from "./chart.js";

const namespace = process.env["BERTH_NAMESPACE"] ?? "default";
// On the very first run the local control plane is built from Go modules (minutes, once): print its progress.
const cluster = await connect({
  local: "auto",
  onLocalEvent: (e) => {
    const line = describeLocalClusterEvent(e);
    if (line !== undefined) console.error(line);
  },
});
if (cluster.localKubeconfig) {
  console.log(`no kubeconfig configured: using berth's local control plane (KUBECONFIG=${cluster.localKubeconfig}; stop it with \`npx berth local down\`)`);
}
try {
  const result = await cluster.deploy(hello, {
    release: "hello",
    namespace,
    values: { message: "hello from the quickstart", replicas: 2 },
  }, {
    wait: { timeout: "2m" },
    onEvent: (e) => { if (e.type === "object-applied") console.log(`${e.op} ${e.object.kind}/${e.object.name}`); },
  });
  console.log(`release ${result.namespace}/${result.release}: ${result.status}, revision ${result.revision ?? "(unchanged)"}`);
} finally {
  cluster.close();
}
