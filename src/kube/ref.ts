import type { ObjectRef } from "./types.js";

/** The ref of an object: apiVersion, kind, name, and its namespace only when it has one. */
export function refOf(object: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }): ObjectRef {
  const { apiVersion, kind, metadata } = object;
  return metadata.namespace ? { apiVersion, kind, namespace: metadata.namespace, name: metadata.name } : { apiVersion, kind, name: metadata.name };
}
