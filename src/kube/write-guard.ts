import { BerthError } from "../errors.js";
import type { KubeApi } from "./types.js";
import type { KubeObject } from "../model/object.js";
import type { ObjectRef } from "../model/ref.js";

/** A write was refused because the caller runs in a mode that writes nothing (`berth plan <script>`). */
export class WriteRefused extends BerthError {
  /** What would have been written. */
  readonly what: string;
  /** @param what - the write refused, e.g. `uninstall of prod/web` @param why - the mode, e.g. `plan mode` */
  constructor(what: string, why: string) {
    super("WriteRefused", `${what} refused: ${why} writes nothing to the cluster; run the script with \`berth deploy\` to perform it`);
    this.what = what;
  }
}

const nameOf = (ref: { apiVersion: string; kind: string; namespace?: string | undefined; name: string }) =>
  `${ref.apiVersion} ${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`;

/**
 * Wraps a client so that, whenever `refusal()` names a reason, every request that could change the
 * cluster (apply, create, update, delete without `dryRun`) throws `WriteRefused` before it is sent.
 * Reads, watches and server-side dry runs pass. `refusal` is asked per call, so one connection can
 * serve both modes.
 */
export function guardWrites(kube: KubeApi, refusal: () => string | undefined): KubeApi {
  // the message is built only for a refusal: these wrap every request of a deploy
  const check = (verb: string, ref: Parameters<typeof nameOf>[0], dryRun: boolean | undefined) => {
    if (dryRun) return;
    const why = refusal();
    if (why) throw new WriteRefused(`${verb} of ${nameOf(ref)}`, why);
  };
  const refOf = (object: KubeObject) => ({ apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name });
  const guarded: KubeApi = {
    apply: async (object, options) => (check("apply", refOf(object), options?.dryRun), await kube.apply(object, options)),
    create: async (object, options) => (check("create", refOf(object), options?.dryRun), await kube.create(object, options)),
    update: async (object, options) => (check("update", refOf(object), options?.dryRun), await kube.update(object, options)),
    delete: async (ref: ObjectRef, options) => (check("delete", ref, options?.dryRun), await kube.delete(ref, options)),
    get: (ref, options) => kube.get(ref, options),
    list: (apiVersion, kind, options) => kube.list(apiVersion, kind, options),
    waitGone: (ref, options) => kube.waitGone(ref, options),
    watch: (apiVersion, kind, options) => kube.watch(apiVersion, kind, options),
    resource: (apiVersion, kind) => kube.resource(apiVersion, kind),
    isNamespaced: (apiVersion, kind) => kube.isNamespaced(apiVersion, kind),
    serverVersion: () => kube.serverVersion(),
    apiVersions: () => kube.apiVersions(),
    preferredVersion: (group) => kube.preferredVersion(group),
    events: (ref, options) => kube.events(ref, options),
    podLogs: (namespace, pod, options) => kube.podLogs(namespace, pod, options),
  };
  return guarded;
}
