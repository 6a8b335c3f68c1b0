// GIVEN a generated corpus of bad inputs (broken mustache and Go templates, broken YAML in templates and
// values files, schema violations, unknown fields, injection strings, huge and deep values, bad names,
// object cycles, malformed --set) WHEN each is deployed through the library THEN it ends in a BerthError
// with the expected stable code, naming the file/line or value path, showing no secret value, and the
// cluster receives zero mutating requests. One release per family; cases of a family run concurrently.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Cluster } from "../../src/index.js";
import { mapLimit } from "../../src/util/map-limit.js";
import { useClusterFixture } from "../helpers/cluster-fixture.js";
import { spyRequests } from "../helpers/mutations.js";
import { FAMILIES, badInputCorpus, type BadInputCase } from "./fixtures/bad-inputs.js";
import { judge, prepareCase } from "./fixtures/bad-inputs-run.js";

const corpus = badInputCorpus();
/** Cases of one family in flight at once: most fail before any request, the rest wait on the server. */
const CONCURRENCY = 8;

let cluster: Cluster;
let dir: string;
useClusterFixture("corpus", (f) => ({ cluster, dir } = f), { tempDir: true });

describe("the bad-input corpus", () => {
  it("GIVEN the generator THEN it yields 300+ cases, in every family, each named once", () => {
    assert.ok(corpus.length >= 300, `only ${corpus.length} cases`);
    for (const family of FAMILIES) assert.ok(corpus.filter((c) => c.family === family).length >= 10, `family ${family} has fewer than 10 cases`);
    const names = corpus.map((c) => `${c.family}: ${c.name}`);
    assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
  });

  for (const family of FAMILIES) {
    const cases = corpus.filter((c) => c.family === family);
    it(`GIVEN ${cases.length} bad inputs of family ${family} WHEN deployed THEN each ends in a typed error naming where, with no secret, and nothing is written`, async () => {
      const spy = spyRequests(cluster);
      const problems: string[] = [];
      try {
        await mapLimit(cases, CONCURRENCY, async (c: BadInputCase, i: number) => {
          const { chart, args } = await prepareCase(c, join(dir, family, String(i)));
          const outcome = await chart()
            .then((loaded) => cluster.deploy(loaded, args as never))
            .then((result) => ({ result }), (error: unknown) => ({ error }));
          const problem = judge(c, outcome);
          if (problem) problems.push(`${c.name}: ${problem}`);
        });
      } finally {
        spy.stop();
      }
      assert.deepEqual(problems, [], `${problems.length} of ${cases.length} cases failed wrongly:\n${problems.join("\n")}`);
      assert.deepEqual(spy.mutating(), [], "a bad input led to a write");
      assert.ok(spy.all.length > 0, "the spy saw the deploys' reads");
    });
  }
});
