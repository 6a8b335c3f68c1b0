import { BerthError } from "../errors.js";
import type { KubeObject } from "../model/object.js";
import { compareKinds } from "../model/kinds.js";
import { objectKeyOf } from "../model/ref.js";

/** Annotation listing objects of the same release that must be ready before this one is applied: `"StatefulSet/db, Job/migrate"`. */
export const DEPENDS_ON_ANNOTATION = "berth.dev/depends-on";

/** A `berth.dev/depends-on` annotation names a missing object, or the dependencies form a cycle. */
export class DependencyInvalid extends BerthError {
  /** @param message - which objects and what is wrong */
  constructor(message: string) {
    super("DependencyInvalid", message);
  }
}

/** One object's place in the apply graph. */
export interface GraphNode {
  /** The object's identity (`objectKey`): unique in the graph even for one kind and name in two namespaces. */
  readonly key: string;
  /** `Kind/name`, or `Kind/name (namespace)` when the name is used in several namespaces: for messages. */
  readonly label: string;
  readonly object: KubeObject;
  /**
   * Index of the object's kind in install order (0 first). The node waits until every object of an
   * earlier kind without a `berth.dev/depends-on` annotation is applied: one barrier per kind, so the
   * graph stays linear in objects.
   */
  readonly kindGroup: number;
  /** Objects with `berth.dev/depends-on` of earlier kinds that must be applied first (kind order, unless they depend on this one). */
  readonly afterApplied: readonly string[];
  /** Keys that must be ready first (`berth.dev/depends-on`). */
  readonly afterReady: readonly string[];
}

function declaredDependencies(object: KubeObject): string[] {
  const raw = object.metadata.annotations?.[DEPENDS_ON_ANNOTATION];
  return typeof raw === "string" ? raw.split(",").map((s) => s.trim()).filter(Boolean) : [];
}

/**
 * Resolves a `Kind/name` dependency of `from`: the object of that kind and name in `from`'s
 * namespace, else a cluster-scoped one, else the only one of that kind and name in the release.
 */
function resolveDependency(dep: string, from: KubeObject, objects: readonly KubeObject[]): KubeObject | undefined {
  const slash = dep.indexOf("/");
  const kind = dep.slice(0, slash);
  const name = dep.slice(slash + 1);
  const candidates = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  return (
    candidates.find((o) => o.metadata.namespace === from.metadata.namespace) ??
    candidates.find((o) => o.metadata.namespace === undefined) ??
    (candidates.length === 1 ? candidates[0] : undefined)
  );
}

/** Every key reachable from `from` through `depends-on` edges, `from` included. */
function reachableFrom(from: string, explicit: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length) {
    for (const next of explicit.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

/**
 * Builds the apply graph: kind order gives the default edges (an object waits for the objects of
 * earlier kinds to be applied), `berth.dev/depends-on` adds "wait until ready" edges and overrides
 * any kind-order edge that points the other way. Throws `DependencyInvalid` for a missing target or a cycle.
 * Linear in objects, plus objects × objects that declare dependencies (usually few).
 */
export function buildApplyGraph(objects: readonly KubeObject[]): GraphNode[] {
  const names = new Map<string, number>();
  for (const o of objects) names.set(`${o.kind}/${o.metadata.name}`, (names.get(`${o.kind}/${o.metadata.name}`) ?? 0) + 1);
  const labels = new Map(objects.map((o) => {
    const short = `${o.kind}/${o.metadata.name}`;
    return [objectKeyOf(o), (names.get(short) ?? 0) > 1 ? `${short} (${o.metadata.namespace ?? "cluster"})` : short];
  }));
  const label = (key: string) => labels.get(key) ?? key;
  const explicit = new Map<string, string[]>();
  for (const object of objects) {
    const declared = declaredDependencies(object);
    if (declared.length === 0) continue;
    const deps = declared.map((dep) => {
      const target = dep.includes("/") ? resolveDependency(dep, object, objects) : undefined;
      if (!target) throw new DependencyInvalid(`${label(objectKeyOf(object))} depends on ${dep} (${DEPENDS_ON_ANNOTATION}), which this release does not contain; name it as Kind/name`);
      return objectKeyOf(target);
    });
    explicit.set(objectKeyOf(object), deps);
  }
  const reach = new Map([...explicit.keys()].map((key) => [key, reachableFrom(key, explicit)]));
  for (const [key, deps] of explicit) {
    for (const dep of deps) {
      if (dep === key || reach.get(dep)?.has(key)) throw new DependencyInvalid(`dependency cycle through ${label(key)} and ${label(dep)} (${DEPENDS_ON_ANNOTATION})`);
    }
  }
  const byKind = [...objects].sort((a, b) => compareKinds(a.kind, b.kind));
  const groups: number[] = [];
  byKind.forEach((object, i) => groups.push(i === 0 ? 0 : groups[i - 1]! + (compareKinds(byKind[i - 1]!.kind, object.kind) < 0 ? 1 : 0)));
  // objects with dependencies: an earlier one is waited for unless it depends (transitively) on this one
  const declaring = byKind.flatMap((object, i) => (explicit.has(objectKeyOf(object)) ? [{ key: objectKeyOf(object), group: groups[i]! }] : []));
  return byKind.map((object, i) => {
    const key = objectKeyOf(object);
    const afterApplied = declaring.filter((d) => d.group < groups[i]! && !reach.get(d.key)!.has(key)).map((d) => d.key);
    return { key, label: label(key), object, kindGroup: groups[i]!, afterApplied, afterReady: explicit.get(key) ?? [] };
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
  let barrier: (group: number) => Promise<void> = () => Promise.resolve();
  const readiness = new Map<string, Promise<void>>();
  let running = 0;
  // a FIFO with a moving head (Array#shift is linear, and thousands of nodes can wait here); a freed
  // slot passes straight to the next waiter
  const queue: Array<() => void> = [];
  let head = 0;
  const slot = (): Promise<void> | undefined => {
    if (running < concurrency) {
      running++;
      return undefined;
    }
    return new Promise<void>((resolve) => queue.push(resolve));
  };
  const free = () => {
    if (head < queue.length) {
      const next = queue[head]!;
      queue[head++] = () => undefined;
      next();
    } else running--;
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
        const explicit = node.afterApplied.length > 0 || node.afterReady.length > 0;
        await (explicit ? Promise.all([barrier(node.kindGroup), ...node.afterApplied.map(applyNode), ...node.afterReady.map(ready)]) : barrier(node.kindGroup));
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
  // barrier(g): every node of a kind before group g without depends-on is applied
  const plainByGroup: string[][] = [];
  for (const n of nodes) if (n.afterReady.length === 0) (plainByGroup[n.kindGroup] ??= []).push(n.key);
  const barriers: Array<Promise<void>> = [];
  barrier = (group: number): Promise<void> => {
    if (group <= 0) return Promise.resolve();
    barriers[group] ??= Promise.all([barrier(group - 1), ...(plainByGroup[group - 1] ?? []).map(applyNode)]).then(() => undefined);
    return barriers[group]!;
  };
  const all = nodes.map((n) => applyNode(n.key));
  const settled = await Promise.allSettled(all);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failure) throw failure.reason;
}
