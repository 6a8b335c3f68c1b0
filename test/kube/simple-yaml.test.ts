import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { parseSimpleYaml } from "../../src/kube/simple-yaml.js";

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
  "a: 1\nb: 1.5\nc: 1e3\nd: +7\ne: TRUE\nf: False\ng: null\nh:\ni: 0123\nj: yes\nk: a b  c\nl: x#y\nm: 'it''s'\nn: '#'\r\n",
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
