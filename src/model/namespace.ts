import { isNamespacedByTable, type IsNamespaced } from "./kinds.js";
import type { KubeObject } from "./object.js";

/** True when an object of a namespaced kind names no namespace (decided by `isNamespaced`, else berth's table). */
export function lacksNamespace(object: KubeObject, isNamespaced?: IsNamespaced): boolean {
  if (object.metadata.namespace) return false;
  return isNamespaced?.(object.apiVersion, object.kind) ?? isNamespacedByTable(object.apiVersion, object.kind);
}

/**
 * The object with `namespace` filled in when it is of a namespaced kind and names none; the same
 * object otherwise (never mutated). `metadata.namespace` is placed right after `metadata.name`, so
 * printed manifests read naturally. The one place berth fills a release namespace into an object:
 * render, hooks and records (Helm-written ones name none) all use it.
 */
export function withNamespace<T extends KubeObject>(object: T, namespace: string, isNamespaced?: IsNamespaced): T {
  if (!lacksNamespace(object, isNamespaced)) return object;
  const { name, namespace: _absent, ...rest } = object.metadata;
  return { ...object, metadata: { name, namespace, ...rest } };
}
