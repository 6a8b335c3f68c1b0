// Sample releases for storage tests.
import { randomBytes } from "node:crypto";
import type { Release, ReleaseStatus } from "../../src/storage/release.js";
import type { ReleaseDraft } from "../../src/storage/lock.js";

/** A release name unique to one test. */
export function releaseName(prefix = "rel"): string {
  return `${prefix}-${randomBytes(3).toString("hex")}`;
}

/** A small but complete revision: objects, a hook with a last run, a CRD, values, notes, custom labels. */
export function sampleRelease(name: string, revision = 1, status: ReleaseStatus = "deployed", namespace = "apps"): Release {
  return {
    name,
    namespace,
    revision,
    status,
    chart: { name: "web", version: "1.2.3", appVersion: "4.5.6", apiVersion: "v2", description: "A web app", type: "application", keywords: ["web"] },
    config: { replicas: 3, image: { tag: "1.4.2" } },
    values: { replicas: 3, image: { repository: "nginx", tag: "1.4.2" }, tricky: ["yes", "0755", "1e3", "~", "null", "multi\nline", "ünï"] },
    objects: [
      {
        source: "web/templates/configmap.yaml",
        object: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `${name}-cfg`, namespace }, data: { on: "yes", mode: "0755", n: "1e3", empty: "", date: "2024-01-01" } },
      },
      {
        source: "web/templates/deployment.yaml",
        object: {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name, namespace, labels: { app: name } },
          spec: { replicas: 3, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "web", image: "nginx:1.4.2" }] } } },
        },
      },
    ],
    hooks: [
      {
        source: "web/templates/migrate.yaml",
        object: { apiVersion: "batch/v1", kind: "Job", metadata: { name: `${name}-migrate`, namespace, annotations: { "helm.sh/hook": "pre-upgrade" } }, spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "m", image: "busybox" }] } } } },
        events: ["pre-upgrade"],
        weight: -5,
        deletePolicies: ["before-hook-creation", "hook-succeeded"],
        lastRun: { phase: "Succeeded", startedAt: "2024-05-01T10:00:00.000Z", completedAt: "2024-05-01T10:00:05.000Z" },
      },
    ],
    crds: [{ source: "web/crds/widgets.yaml", object: { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "widgets.example.com" } } }],
    notes: "Thanks for installing web.",
    description: status === "deployed" ? "Install complete" : `Status ${status}`,
    firstDeployed: "2024-05-01T10:00:00.000Z",
    lastDeployed: `2024-05-0${Math.min(revision, 9)}T10:00:00.000Z`,
    labels: { team: "payments" },
  };
}

/** The draft of a pending revision, as the deploy action would give it. */
export function sampleDraft(name: string, status: ReleaseDraft["status"] = "pending-install"): ReleaseDraft {
  const { name: _n, revision: _r, status: _s, lock: _l, firstDeployed: _f, lastDeployed: _d, deleted: _x, ...rest } = sampleRelease(name);
  return { ...rest, status, description: "Install in progress" };
}
