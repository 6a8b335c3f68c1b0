// GIVEN a release whose record is over 2 MiB (three ConfigMaps of ~700 KB of incompressible data)
// WHEN deployed and upgraded THEN the record is stored (split across Secrets, where Helm would fail)
// and read back whole.
import { it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { connect, defineChart } from "../../src/index.js";
import { testKubeconfigPath, useTestNamespace } from "../helpers/cluster.js";

const ns = useTestNamespace("large");
const blob = () => randomBytes(520 * 1024).toString("base64"); // ~700 KB of base64, which gzip cannot shrink much

const chart = defineChart<{ a: string; b: string; c: string }>({
  name: "large",
  version: "0.1.0",
  values: { a: "", b: "", c: "" },
  templates: Object.fromEntries(["a", "b", "c"].map((k) => [`${k}.yaml`, `
apiVersion: v1
kind: ConfigMap
metadata:
  name: big-${k}
data:
  blob: {{Values.${k}}}
`])),
});

it("GIVEN a 2 MiB release record WHEN deployed and upgraded THEN it is stored in parts and read back whole", async () => {
  const cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns.name });
  const values = { a: blob(), b: blob(), c: blob() };
  const first = await cluster.deploy(chart, { release: "large", values });
  assert.equal(first.status, "deployed");
  const secrets = await cluster.config.kube.list("v1", "Secret", { namespace: ns.name });
  const total = secrets.items.reduce((n, s) => n + JSON.stringify(s).length, 0);
  assert.ok(total > 2 * 1024 * 1024, `records take ${total} bytes`);
  assert.ok(secrets.items.length > 1, "the record is split across several Secrets");
  const record = await cluster.get("large");
  assert.equal(record.config["a"], values.a);
  assert.equal((record.objects.find((o) => o.object.metadata.name === "big-c")!.object["data"] as { blob: string }).blob, values.c);
  const second = await cluster.deploy(chart, { release: "large", values: { ...values, b: blob() } });
  assert.equal(second.revision, 2);
  assert.deepEqual((await cluster.history("large")).map((h) => h.status), ["superseded", "deployed"]);
});
