import { BerthError } from "../errors.js";
import type { KubeObject } from "../render/types.js";
import { compareKinds } from "../render/kinds.js";

/** Annotation listing objects of the same release that must be ready before this one is applied: `"StatefulSet/db, Job/migrate"`. */
export const DEPENDS_ON_ANNOTATION = "berth.dev/depends-on";

/** A `berth.dev/depends-on` annotation names a missing object, or the dependencies form a cycle. */
export class DependencyError extends BerthError {
  /** @param message - which objects and what is wrong */
  constructor(message: string) {
    super("DependencyInvalid", message);
  }
}

/** One object's place in the apply graph. */
export interface GraphNode {
  /** `Kind/name`. */
  readonly key: string;
  readonly object: KubeObject;
  /** Keys that must be applied first (kind order). */
  readonly afterApplied: readonly string[];
  /** Keys that must be ready first (`berth.dev/depends-on`). */
  readonly afterReady: readonly string[];
}

/** `Kind/name` of an object. */
export const keyOf = (object: KubeObject) => `${object.kind}/${object.metadata.name}`;

function declaredDependencies(object: KubeObject): string[] {
  const raw = object.metadata.annotations?.[DEPENDS_ON_ANNOTATION];
  return raw ? raw.split(",").map((s) => s.trim()).filter(Boolean) : [];
}

/**
 * Builds the apply graph: kind order gives the default edges (an object waits for the objects of
 * earlier kinds to be applied), `berth.dev/depends-on` adds "wait until ready" edges and overrides
 * any kind-order edge that points the other way. Throws `DependencyError` for a missing target or a cycle.
 */
export function buildApplyGraph(objects: readonly KubeObject[]): GraphNode[] {
  const keys = new Set(objects.map(keyOf));
  const explicit = new Map<string, string[]>();
  for (const object of objects) {
    const deps = declaredDependencies(object);
    for (const dep of deps) {
      if (!keys.has(dep)) throw new DependencyError(`${keyOf(object)} depends on ${dep} (${DEPENDS_ON_ANNOTATION}), which this release does not contain`);
    }
    explicit.set(keyOf(object), deps);
  }
  const reaches = (from: string, to: string, seen = new Set<string>()): boolean => {
    if (from === to) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    return (explicit.get(from) ?? []).some((next) => reaches(next, to, seen));
  };
  for (const [key, deps] of explicit) {
    for (const dep of deps) {
      if (reaches(dep, key)) throw new DependencyError(`dependency cycle through ${key} and ${dep} (${DEPENDS_ON_ANNOTATION})`);
    }
  }
  const byKind = [...objects].sort((a, b) => compareKinds(a.kind, b.kind));
  return byKind.map((object) => {
    const key = keyOf(object);
    const afterApplied = byKind
      .filter((other) => compareKinds(other.kind, object.kind) < 0 && !reaches(keyOf(other), key))
      .map(keyOf);
    return { key, object, afterApplied, afterReady: explicit.get(key) ?? [] };
  });
}

/** What running the graph does for one node. */
export interface GraphWork {
  apply(node: GraphNode): Promise<void>;
  /** Waits until the node's object is ready; called only for nodes another node depends on. */
  ready(node: GraphNode): Promise<void>;
}

/**
 * Runs the graph: each node starts once its dependencies are met, independent nodes in parallel,
 * at most `concurrency` applies at once. The first failure rejects (running applies finish).
 */
export async function runApplyGraph(nodes: readonly GraphNode[], work: GraphWork, concurrency: number): Promise<void> {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const applied = new Map<string, Promise<void>>();
  const readiness = new Map<string, Promise<void>>();
  let running = 0;
  const queue: Array<() => void> = [];
  const slot = async () => {
    if (running >= concurrency) await new Promise<void>((resolve) => queue.push(resolve));
    running++;
  };
  const free = () => {
    running--;
    queue.shift()?.();
  };
  const ready = (key: string): Promise<void> => {
    let p = readiness.get(key);
    if (!p) {
      p = applyNode(key).then(() => work.ready(byKey.get(key)!));
      readiness.set(key, p);
    }
    return p;
  };
  const applyNode = (key: string): Promise<void> => {
    let p = applied.get(key);
    if (!p) {
      const node = byKey.get(key)!;
      p = (async () => {
        await Promise.all([...node.afterApplied.map(applyNode), ...node.afterReady.map(ready)]);
        await slot();
        try {
          await work.apply(node);
        } finally {
          free();
        }
      })();
      applied.set(key, p);
    }
    return p;
  };
  const all = nodes.map((n) => applyNode(n.key));
  const settled = await Promise.allSettled(all);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failure) throw failure.reason;
}
