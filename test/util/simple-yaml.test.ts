import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { parse, parseDocument, stringify } from "yaml";
import { parseSimpleYaml } from "../../src/util/simple-yaml.js";

/** Kubeconfigs as kubectl, kind, berth local and cloud CLIs write them, and variations of that style. */
const SIMPLE = [
  `apiVersion: v1
kind: Config
clusters:
- name: berth-local
  cluster:
    server: https://127.0.0.1:44837
    certificate-authority-data: LS0tLS1CRUdJTi==
users:
- name: berth-admin
  user:
    token: 35876e3ba615fac26315e065e9f5ee50b78e3d14ffc43249
contexts:
- name: berth-local
  context:
    cluster: berth-local
    user: berth-admin
    namespace: default
current-context: berth-local
`,
  `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0t
    server: https://127.0.0.1:6443
    insecure-skip-tls-verify: true
  name: kind-kind
contexts:
- context:
    cluster: kind-kind
    user: kind-kind
  name: kind-kind
current-context: kind-kind
kind: Config
preferences: {}
users:
- name: kind-kind
  user:
    client-certificate-data: LS0t
    client-key-data: LS0t
`,
  `# a comment
apiVersion: "v1"   # trailing comment
kind: 'Config'
clusters:
  - name: "it's \\"quoted\\" \\u00e9"
    cluster:
      server: 'https://h:1/path#frag'
      proxy-url: http://proxy:3128
      extensions: []
contexts:
  - name: c
    context: {cluster: x}
`.replace("context: {cluster: x}", "context:\n      cluster: x\n      namespace: ~"),
  "a: 1\nb: 1.5\nc: 1e3\nd: +7\ne: TRUE\nf: False\ng: null\nh:\ni: 0123\nj: yes\nk: a b  c\nl: x#y\nm: 'it''s'\no: '#'\r\n",
  "",
  "# only a comment\n",
];

/** Outside the subset: the caller falls back to the yaml package. */
const UNSUPPORTED = [
  "a: &x 1\nb: *x\n",
  "a: !!str 1\n",
  "a: |\n  text\n",
  "a: >\n  text\n",
  "a: plain\n  continued\n",
  "a: [1, 2]\n",
  "a: {b: 1}\n",
  '{"apiVersion": "v1"}',
  "---\na: 1\n",
  "a: 1\na: 2\n",
  "a:\tb\n",
  'a: "unterminated\n  rest"\n',
  'a: "\\x41"\n',
  "a: 0x1F\n",
  "a: .inf\n",
  "a: -1\n",
  "just a scalar\n",
  "a: b: c\n",
  "a:\n    b: 1\n  c: 2\n",
  "__proto__: 1\n",
];

describe("parseSimpleYaml", () => {
  for (const [i, text] of SIMPLE.entries()) {
    it(`GIVEN plain block YAML #${i} WHEN parsed THEN it equals yaml.parse`, () => {
      const simple = parseSimpleYaml(text);
      assert.notEqual(simple, undefined, "expected the subset reader to accept it");
      assert.deepStrictEqual(simple, parse(text) ?? null);
    });
  }

  for (const [i, text] of UNSUPPORTED.entries()) {
    it(`GIVEN YAML outside the subset #${i} (${JSON.stringify(text.slice(0, 24))}) WHEN parsed THEN it gives up`, () => {
      assert.equal(parseSimpleYaml(text), undefined);
    });
  }
});

describe("parseSimpleYaml under YAML 1.1 (manifests)", () => {
  const as11 = (text: string) => JSON.parse(JSON.stringify(parseDocument(text, { version: "1.1" }).toJS() ?? null)) as unknown;
  const objects = [
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web", labels: { "app.kubernetes.io/name": "web" }, annotations: { "helm.sh/hook": "pre-install" } }, data: { yes: "no", on: "off", octal: "0755", date: "2001-12-14", time: "1:20", empty: "", num: "12", text: "a: b", hash: "# x", multi: "line1\nline2", quote: "it's \"q\"" } },
    { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 3, paused: false, selector: { matchLabels: { app: "web" } }, template: { spec: { containers: [{ name: "c", image: "nginx:1.27", args: ["--port", "8080"], ports: [{ containerPort: 80 }], env: [{ name: "E", value: "1.5" }] }] } } } },
    { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { ports: [{ port: 80, targetPort: "http" }], selector: {}, clusterIP: null } },
  ];
  for (const [i, object] of objects.entries()) {
    it(`GIVEN object #${i} as berth writes it WHEN parsed as 1.1 THEN it equals yaml's 1.1 reading (or gives up)`, () => {
      const text = `# Source: web/templates/x.yaml\n${stringify(object, { version: "1.1", lineWidth: 0, aliasDuplicateObjects: false })}`;
      const simple = parseSimpleYaml(text, { version: "1.1" });
      if (simple !== undefined) assert.deepStrictEqual(simple, as11(text));
      assert.deepStrictEqual(as11(text), JSON.parse(JSON.stringify(object)));
    });
  }

  for (const text of ["a: yes\n", "a: On\n", "a: 0755\n", "a: 2001-12-14\n", "a: 1:20\n", "a: 1.5\n", "a: +1\n", "on: x\n", "1: x\n", "a: .5\n"]) {
    it(`GIVEN ${JSON.stringify(text)} WHEN parsed as 1.1 THEN it gives up (1.1 reads it otherwise than 1.2)`, () => {
      assert.equal(parseSimpleYaml(text, { version: "1.1" }), undefined);
    });
  }

  it("GIVEN plain integers, booleans and nulls WHEN parsed as 1.1 THEN they read as yaml reads them", () => {
    const text = "a: 12\nb: true\nc: ~\nd: null\ne: word\nf: '0755'\n";
    assert.deepStrictEqual(parseSimpleYaml(text, { version: "1.1" }), as11(text));
  });
});
