import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { queryString, resourcePath, splitApiVersion } from "../../src/kube/paths.js";

const deployments = { apiVersion: "apps/v1", kind: "Deployment", resource: "deployments", namespaced: true };
const namespaces = { apiVersion: "v1", kind: "Namespace", resource: "namespaces", namespaced: false };
const configmaps = { apiVersion: "v1", kind: "ConfigMap", resource: "configmaps", namespaced: true };

describe("resource paths", () => {
  it("GIVEN a namespaced group kind WHEN building an object path THEN /apis/<group>/<version>/namespaces/<ns>/<resource>/<name>", () => {
    assert.equal(resourcePath(deployments, { namespace: "web", name: "api" }), "/apis/apps/v1/namespaces/web/deployments/api");
  });
  it("GIVEN a core kind WHEN building a path THEN /api/v1", () => {
    assert.equal(resourcePath(configmaps, { namespace: "web", name: "cfg" }), "/api/v1/namespaces/web/configmaps/cfg");
  });
  it("GIVEN a cluster-scoped kind with a namespace WHEN building a path THEN the namespace is ignored", () => {
    assert.equal(resourcePath(namespaces, { namespace: "web", name: "prod" }), "/api/v1/namespaces/prod");
  });
  it("GIVEN no namespace WHEN building a collection path THEN it spans all namespaces", () => {
    assert.equal(resourcePath(deployments, {}), "/apis/apps/v1/deployments");
  });
  it("GIVEN a query WHEN building a path THEN values are encoded and unset/false ones left out", () => {
    const path = resourcePath(configmaps, { namespace: "a" }, { labelSelector: "app=web,tier in (a,b)", force: false, dryRun: undefined, watch: 1 });
    assert.equal(path, "/api/v1/namespaces/a/configmaps?labelSelector=app%3Dweb%2Ctier+in+%28a%2Cb%29&watch=1");
    assert.equal(queryString({ force: true }), "?force=true");
    assert.equal(queryString({}), "");
  });
  it("GIVEN keys and values with every kind of character WHEN building a query THEN it is what URLSearchParams (form encoding) writes", () => {
    const samples = ["a b", "x!y'z(1)~*", "50%+1&k=v", "é/ü?#[]", "tab\tnew\nline", "emoji 🚀", "-_.", "", "a,b;c:d@e$f"];
    for (const value of samples) {
      const query = { labelSelector: value, [`k ${value}`]: "1", dryRun: "All" };
      const expected = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== "")).toString();
      assert.equal(queryString(query), expected ? `?${expected}` : "", JSON.stringify(value));
    }
  });
  it("GIVEN apiVersions WHEN splitting THEN the core group is empty", () => {
    assert.deepEqual(splitApiVersion("v1"), ["", "v1"]);
    assert.deepEqual(splitApiVersion("rbac.authorization.k8s.io/v1"), ["rbac.authorization.k8s.io", "v1"]);
  });
});
