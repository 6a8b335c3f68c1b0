// `berth template` on Helm charts prints exactly what `helm template` v3.22.0 prints: against goldens
// of the shared corpus (../shared/helm-charts beside the project, as in CI) and against the helm binary.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ensureBinary } from "../../src/local/binaries.js";
import { runBerth } from "../helpers/cli.js";

const root = fileURLToPath(new URL("../../../shared/helm-charts/", import.meta.url));
const golden = (path: string) => readFile(`${root}golden/${path}`, "utf8");
const berth = (argv: string[]) => runBerth(argv, { cwd: root });

describe("berth template on Helm charts: the goldens", () => {
  const cases: [string, string[], string][] = [
    ["helm's alpine test chart", ["template", "rel", "corpus/helm-v3/alpine", "--namespace", "default"], "helm-v3/alpine.yaml"],
    ["cert-manager with a values file (CRDs, webhooks, RBAC)", ["template", "rel", "corpus/cert-manager/cert-manager", "--namespace", "default", "-f", "values/cert-manager/cert-manager.yaml"], "cert-manager/cert-manager@custom.yaml"],
    ["stable/ambassador with its ci values", ["template", "rel", "corpus/stable/ambassador", "--namespace", "default", "-f", "corpus/stable/ambassador/ci/ci-values.yaml"], "stable/ambassador@ci-ci-values.yaml"],
    ["stable/chartmuseum with its ingress values and --release-name", ["template", "corpus/stable/chartmuseum", "--release-name", "rel", "-f", "corpus/stable/chartmuseum/ci/ingress-values.yaml"], "stable/chartmuseum@ci-ingress-values.yaml"],
  ];
  for (const [what, argv, file] of cases) {
    it(`GIVEN ${what} WHEN berth template runs THEN stdout is byte-identical to helm's (golden/${file})`, async () => {
      const { code, stdout, stderr } = await berth(argv);
      assert.equal(code, 0, stderr);
      assert.equal(stdout, await golden(file));
    });
  }

  it("GIVEN a chart whose template fails at run time (helm exits 1) WHEN berth template runs THEN exit 1 with Go's error naming file:line:col", async () => {
    const { code, stdout, stderr } = await berth(["template", "rel", "corpus/helm-v3/issue1979"]);
    assert.equal(code, 1);
    assert.equal(stdout, "");
    assert.match(stderr, /Error \[TemplateExecError\]: template: alpine\/templates\/alpine-pod\.yaml:16:21: /);
  });
});

describe("berth template on Helm charts: the helm binary", () => {
  let helm = "";
  before(async () => {
    helm = await ensureBinary("helm"); // built from its Go module the first time (minutes), cached after
  }, { timeout: 900_000 });

  it("GIVEN -f, --set, --set-string and --namespace WHEN berth and helm render the same chart THEN the bytes are the same", async () => {
    const args = ["rel", "corpus/stable/chartmuseum", "-f", "corpus/stable/chartmuseum/ci/ingress-values.yaml", "--set", "replicaCount=3,env.open.DEBUG=true", "--set-string", "service.externalPort=8081", "--namespace", "web"];
    const { stdout: expected } = await promisify(execFile)(helm, ["template", ...args], { cwd: root, env: { PATH: process.env["PATH"] ?? "", HOME: "/tmp" }, maxBuffer: 64 * 1024 * 1024 });
    const { code, stdout } = await berth(["template", ...args]);
    assert.equal(code, 0);
    assert.match(stdout, /replicas: 3\n/);
    assert.equal(stdout, expected);
  });
});
