import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { runBerth } from "../helpers/cli.js";

const examples = fileURLToPath(new URL("../../examples/webapp/", import.meta.url));

const run = (argv: string[]) => runBerth(argv, { cwd: examples });

describe("berth template", () => {
  it("GIVEN a chart dir, -f and --set WHEN run THEN it prints YAML documents with # Source headers", async () => {
    const { code, stdout } = await run(["template", "chart", "-f", "values-staging.yaml", "--set", "replicaCount=3", "--release-name", "demo", "-n", "stage"]);
    assert.equal(code, 0);
    assert.match(stdout, /^---\n# Source: webapp\/templates\/secret\.yaml\n/);
    assert.match(stdout, /# Source: webapp\/charts\/redis\/templates\/deployment\.yaml/);
    assert.match(stdout, /replicas: 3/);
    assert.match(stdout, /namespace: stage/);
  });

  it("GIVEN --show-only WHEN run THEN only that template's objects are printed", async () => {
    const { code, stdout } = await run(["template", "chart", "--show-only", "templates/service.yaml"]);
    assert.equal(code, 0);
    assert.deepEqual(stdout.match(/# Source: .*/g), ["# Source: webapp/templates/service.yaml"]);
  });

  it("GIVEN bad values WHEN run THEN it exits non-zero with the error code and every violation", async () => {
    const { code, stderr, stdout } = await run(["template", "chart", "--set", "replicaCount=zero,service.port=x"]);
    assert.equal(code, 1);
    assert.equal(stdout, "");
    assert.match(stderr, /ValuesInvalid/);
    assert.match(stderr, /replicaCount/);
    assert.match(stderr, /service\.port/);
  });

  it("GIVEN no chart dir WHEN run THEN it exits non-zero", async () => {
    assert.equal((await run(["template"])).code, 1);
  });
});
