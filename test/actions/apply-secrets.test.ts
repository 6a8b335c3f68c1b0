// GIVEN a server rejection at apply time that quotes an x-sensitive value and a Secret's data WHEN
// the deploy fails THEN neither appears in the error, its cause, the events, the stored revision's
// description, `history`, `history -o json` or `status`.
import { after, before, it } from "node:test";
import assert from "node:assert/strict";
import { connect, defineChart, type Cluster } from "../../src/index.js";
import { createTestNamespace, testKubeconfigPath, uniqueName } from "../helpers/cluster.js";
import { runBerth } from "../helpers/cli.js";

let ns: string;
let created: string;
let cluster: Cluster;
before(async () => {
  ns = await createTestNamespace("leak");
  created = uniqueName("leak-made");
  cluster = await connect({ kubeconfigPath: testKubeconfigPath(), namespace: ns });
});
after(async () => {
  for (const name of [ns, created]) await cluster.config.kube.delete({ apiVersion: "v1", kind: "Namespace", name }).catch(() => undefined);
  cluster.close();
});

const TOKEN = "tok sensitive value!";
const PASSWORD = "pw from secret data!";

// The ConfigMap lives in a namespace this release creates, so it is not dry-run at plan time: the
// server rejects its invalid label values (quoting them) only when it is applied.
const chart = (namespace: string) =>
  defineChart<{ token: string; password: string }>({
    name: "leak",
    version: "1.0.0",
    values: { token: TOKEN, password: PASSWORD },
    schema: { type: "object", properties: { token: { type: "string", "x-sensitive": true }, password: { type: "string" } } },
    templates: {
      "ns.yaml": () => ({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } }),
      "secret.yaml": ({ Values }) => ({ apiVersion: "v1", kind: "Secret", metadata: { name: "leak-secret" }, stringData: { password: Values.password } }),
      "cm.yaml": ({ Values }) => ({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "leak-cm", namespace, labels: { token: Values.token, password: Values.password } },
        data: { a: "b" },
      }),
    },
  });

it("GIVEN an apply-time rejection quoting secrets WHEN the deploy fails THEN no message, event or record shows them", async () => {
  const events: string[] = [];
  const error = await cluster.deploy(chart(created), { release: "leak" }, { onEvent: (e) => events.push(JSON.stringify(e)) }).then(() => undefined, (e: unknown) => e);
  assert.equal((error as { code?: string })?.code, "OperationFailed");
  const cause = (error as Error).cause as Error & { body?: string };
  assert.match(cause.message, /Invalid value/, "the server did reject the labels");
  const history = await cluster.history("leak");
  assert.equal(history.at(-1)?.status, "failed");
  const record = await cluster.get("leak");
  const cli = await Promise.all([
    runBerth(["history", "leak", "-n", ns, "--kubeconfig", testKubeconfigPath()]),
    runBerth(["history", "leak", "-n", ns, "--kubeconfig", testKubeconfigPath(), "-o", "json"]),
    runBerth(["status", "leak", "-n", ns, "--kubeconfig", testKubeconfigPath()]),
    runBerth(["status", "leak", "-n", ns, "--kubeconfig", testKubeconfigPath(), "-o", "json"]),
  ]);
  assert.match(cli[1]!.stdout, /failed/);
  const shown: Record<string, string> = {
    message: (error as Error).message,
    stack: (error as Error).stack ?? "",
    cause: `${cause.message}\n${cause.stack ?? ""}\n${cause.body ?? ""}`,
    events: events.join("\n"),
    history: JSON.stringify(history),
    description: record.description,
    ...Object.fromEntries(cli.map((run, i) => [`cli ${i}`, run.stdout + run.stderr])),
  };
  for (const [where, text] of Object.entries(shown)) {
    for (const secret of [TOKEN, PASSWORD]) assert.ok(!text.includes(secret), `${secret} appears in ${where}: ${text.slice(0, 600)}`);
  }
  assert.match(record.description, /\(sensitive\)/);
});
