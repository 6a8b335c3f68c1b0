import { compareKinds, compareText } from "../model/kinds.js";

/** What deletion order reads of an object: an `ObjectRef` will do. */
export interface DeletionKey {
  readonly kind: string;
  readonly namespace?: string | undefined;
  readonly name: string;
}

/**
 * The one deletion order, of uninstall and of prune alike: the reverse of install order
 * (DESIGN.md §2). Kinds installed last go first — unknown kinds (custom resources, before the
 * controllers that may finalize them), webhooks, `APIService`, `Ingress`, workloads, `Service`, RBAC,
 * storage, config, `Namespace`, `PriorityClass` last; within a kind, namespace then name, descending.
 * Helm's `UninstallOrder` is the same reversed table except that it removes Services before workloads.
 */
export function compareForDeletion(a: DeletionKey, b: DeletionKey): number {
  return compareKinds(b.kind, a.kind) || compareText(b.namespace ?? "", a.namespace ?? "") || compareText(b.name, a.name);
}

/** The items in deletion order ({@link compareForDeletion}); the input is not changed. */
export function deletionOrder<T>(items: readonly T[], key: (item: T) => DeletionKey): T[] {
  return [...items].sort((a, b) => compareForDeletion(key(a), key(b)));
}

/**
 * The items in deletion order, in groups of one kind: a group may be deleted concurrently, the
 * groups one after another.
 */
export function deletionGroups<T>(items: readonly T[], key: (item: T) => DeletionKey): T[][] {
  const groups: T[][] = [];
  for (const item of deletionOrder(items, key)) {
    const last = groups.at(-1);
    if (last && key(last[0]!).kind === key(item).kind) last.push(item);
    else groups.push([item]);
  }
  return groups;
}
