import type { Capabilities } from "../chart/context.js";

/** What the target cluster offers, for `Capabilities` in templates. */
export interface CapabilitiesInput {
  /** e.g. `v1.31.0`. @defaultValue "v1.31.0" */
  readonly kubeVersion?: string;
  /** Available group/versions (`apps/v1`), optionally also `group/version/Kind`. @defaultValue the built-in APIs of a current Kubernetes (`DEFAULT_API_VERSIONS`) */
  readonly apiVersions?: readonly string[];
}

/** The API versions assumed without a cluster: the built-in APIs of a current Kubernetes. */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  "v1", "admissionregistration.k8s.io/v1", "apiextensions.k8s.io/v1", "apiregistration.k8s.io/v1",
  "apps/v1", "authentication.k8s.io/v1", "authorization.k8s.io/v1", "autoscaling/v1", "autoscaling/v2",
  "batch/v1", "certificates.k8s.io/v1", "coordination.k8s.io/v1", "discovery.k8s.io/v1", "events.k8s.io/v1",
  "flowcontrol.apiserver.k8s.io/v1", "networking.k8s.io/v1", "node.k8s.io/v1", "policy/v1",
  "rbac.authorization.k8s.io/v1", "scheduling.k8s.io/v1", "storage.k8s.io/v1",
];

/** Builds `Capabilities`; the `has` table holds each version as written and with dots as underscores. */
export function buildCapabilities(input: CapabilitiesInput = {}): Capabilities {
  const version = input.kubeVersion ?? "v1.31.0";
  const [, major = "1", minor = "31"] = /^v?(\d+)\.(\d+)/.exec(version) ?? [];
  const list = [...new Set(input.apiVersions ?? DEFAULT_API_VERSIONS)].sort();
  const has: Record<string, boolean> = {};
  for (const apiVersion of list) {
    has[apiVersion] = true;
    has[apiVersion.replace(/\./g, "_")] = true;
  }
  return {
    KubeVersion: { Version: version.startsWith("v") ? version : `v${version}`, Major: major, Minor: minor },
    APIVersions: { list, has },
  };
}
