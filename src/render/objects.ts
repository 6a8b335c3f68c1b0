import type { Issue } from "../model/issue.js";
import { objectKeyOf } from "../model/ref.js";
import { objectIssues } from "./checks.js";
import { compareHooks } from "../hooks/order.js";
import { parseHook } from "../hooks/parse.js";
import { compareKinds, compareText, isNamespacedByTable, type IsNamespaced } from "../model/kinds.js";
import type { KubeObject } from "../model/object.js";
import { withNamespace } from "../model/namespace.js";
import type { RenderedHook, RenderedObject, RenderWarning } from "../model/rendered.js";

/** A document to turn into an object, with where it came from. */
export interface SourcedValue {
  readonly value: unknown;
  /** The template path the object belongs to (`web/templates/x.yaml`). */
  readonly template: string;
  /** Where the document starts (may be a partial), for messages. */
  readonly at: Omit<Issue, "message">;
}

/** Objects and hooks sorted, plus every problem found. */
export interface CollectedObjects {
  readonly objects: RenderedObject[];
  readonly hooks: RenderedHook[];
  readonly issues: Issue[];
  readonly warnings: RenderWarning[];
}

/**
 * Checks documents as Kubernetes objects, fills in the release namespace for namespaced
 * kinds, splits off hooks, rejects duplicates, and sorts objects into install order and hooks
 * into run order (`compareHooks`).
 */
export function collectObjects(values: readonly SourcedValue[], namespace: string, isNamespaced: IsNamespaced | undefined): CollectedObjects {
  const result: CollectedObjects = { objects: [], hooks: [], issues: [], warnings: [] };
  const seen = new Map<string, string>();
  for (const { value, template, at } of values) {
    const problems = objectIssues(value, at);
    if (problems.length > 0) {
      result.issues.push(...problems);
      continue;
    }
    const object = fillNamespace(value as KubeObject, namespace, isNamespaced, template, result.warnings);
    const id = objectKeyOf(object);
    const first = seen.get(id);
    if (first !== undefined) {
      result.issues.push({ ...at, message: `${object.kind} ${object.metadata.name} is rendered twice (also by ${first}); names must be unique per kind and namespace` });
      continue;
    }
    seen.set(id, template);
    const hook = parseHook(object, at, result.issues);
    if (hook) result.hooks.push({ object, source: template, ...hook });
    else result.objects.push({ object, source: template });
  }
  result.objects.sort(compareObjects);
  result.hooks.sort(compareHooks);
  return result;
}

function fillNamespace(object: KubeObject, namespace: string, isNamespaced: IsNamespaced | undefined, source: string, warnings: RenderWarning[]): KubeObject {
  const namespaced = isNamespaced?.(object.apiVersion, object.kind) ?? isNamespacedByTable(object.apiVersion, object.kind);
  if (namespaced) return withNamespace(object, namespace, () => true);
  if (object.metadata.namespace === undefined) return object;
  warnings.push({ code: "NamespaceIgnored", source, message: `${object.kind} ${object.metadata.name} is cluster-scoped; its metadata.namespace was removed` });
  const { namespace: _removed, ...metadata } = object.metadata;
  return { ...object, metadata };
}

/** Install order: kind order, then namespace, then name. */
export function compareObjects(a: RenderedObject, b: RenderedObject): number {
  return (
    compareKinds(a.object.kind, b.object.kind) ||
    compareText(a.object.metadata.namespace ?? "", b.object.metadata.namespace ?? "") ||
    compareText(a.object.metadata.name, b.object.metadata.name) ||
    compareText(a.source, b.source)
  );
}
