// A record too large for one object (1 MiB) continues in part objects: the main object holds the
// first chunk of Helm's payload, parts 1..n the rest. A berth extension: Helm cannot read such a record.
import { createHash, randomBytes } from "node:crypto";
import type { KubeApi } from "../kube/types.js";
import type { KubeObject } from "../model/object.js";
import { StorageCorrupt } from "./errors.js";
import { ANNOTATIONS, PART_LABELS, describeObject, type RecordFormat } from "./record-format.js";

/** Characters of payload per object: under the 1 MiB data limit with room for metadata. */
export const CHUNK_CHARS = 700 * 1024;

/** A part is missing: a concurrent write may have replaced the parts; read again. */
export class PartMissing extends Error {}

/** Cuts a payload into chunks of at most `size` characters (at least one chunk). */
export function splitPayload(payload: string, size = CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < payload.length; at += size) chunks.push(payload.slice(at, at + size));
  return chunks.length ? chunks : [""];
}

/** A fresh id for the parts of one write. */
export function newPartsId(): string {
  return randomBytes(4).toString("hex");
}

/** The name of part `index` (1-based) of a record. */
export function partName(key: string, partsId: string, index: number): string {
  return `${key}.part-${partsId}-${index}`;
}

/** sha256 (hex) of a payload. */
export function payloadDigest(payload: string): string {
  return createHash("sha256").update(payload).digest("hex");
}

/** The part objects holding chunks 1..n of a record (chunk 0 stays in the main object). */
export function partObjects(format: RecordFormat, where: { namespace: string; key: string; name: string; revision: number; partsId: string }, chunks: readonly string[]): KubeObject[] {
  return chunks.slice(1).map((chunk, i) => ({
    apiVersion: "v1",
    kind: format.kind,
    metadata: {
      name: partName(where.key, where.partsId, i + 1),
      namespace: where.namespace,
      labels: { [PART_LABELS.release]: where.name, [PART_LABELS.revision]: String(where.revision), [PART_LABELS.partsId]: where.partsId },
    },
    ...format.extraFields(true),
    data: format.toData(chunk),
  }));
}

/**
 * Puts a record's payload back together from its main object and parts.
 * @throws PartMissing when a part is gone (retry); StorageCorrupt when the pieces do not fit
 */
export async function readPayload(kube: KubeApi, format: RecordFormat, main: KubeObject, signal?: AbortSignal): Promise<string> {
  const { name, namespace = "" } = main.metadata;
  const first = format.fromData(main);
  if (first === undefined) throw new StorageCorrupt(describeObject(format, namespace, name), "it has no data.release");
  const annotations = main.metadata.annotations ?? {};
  const count = Number(annotations[ANNOTATIONS.parts] ?? 0);
  if (!count) return first;
  const partsId = annotations[ANNOTATIONS.partsId] ?? "";
  const chunks = [first];
  for (let i = 1; i <= count; i++) {
    const part = await kube.get({ apiVersion: "v1", kind: format.kind, namespace, name: partName(name, partsId, i) }, { ...(signal ? { signal } : {}) });
    const chunk = part && format.fromData(part);
    if (chunk === undefined) throw new PartMissing(`part ${i} of ${name} is missing`);
    chunks.push(chunk);
  }
  const payload = chunks.join("");
  if (payloadDigest(payload) !== annotations[ANNOTATIONS.payloadSha256]) {
    throw new StorageCorrupt(describeObject(format, namespace, name), `its ${count} parts do not match its checksum`);
  }
  return payload;
}

/** Deletes the parts of a revision: those of one write (`partsId`) or all of them. */
export async function deleteParts(
  kube: KubeApi,
  format: RecordFormat,
  where: { namespace: string; name: string; revision: number; partsId?: string },
  signal?: AbortSignal,
): Promise<void> {
  const selector = [`${PART_LABELS.release}=${where.name}`, `${PART_LABELS.revision}=${where.revision}`];
  if (where.partsId) selector.push(`${PART_LABELS.partsId}=${where.partsId}`);
  const { items } = await kube.list("v1", format.kind, { namespace: where.namespace, labelSelector: selector.join(","), ...(signal ? { signal } : {}) });
  for (const item of items) {
    await kube.delete({ apiVersion: "v1", kind: format.kind, namespace: where.namespace, name: item.metadata.name }, { ...(signal ? { signal } : {}) });
  }
}
