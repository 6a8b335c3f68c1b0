// The objects of a record's manifest, kept twice: as Helm's YAML `manifest` (what Helm reads) and as
// JSON under berth's key, read instead of the YAML while the manifest is unchanged. Parsing YAML is
// the largest per-object cost of reading a revision (~1 ms per object on a cold start; a no-op deploy
// of 500 objects spent most of its time there); JSON.parse of the same objects is ~1 µs each.
import { createHash } from "node:crypto";
import type { RenderedObject } from "../model/rendered.js";
import type { BerthObjectsCopy } from "./helm-format.js";
import { formatManifest, parseManifest } from "./manifest-text.js";

/** Manifest texts by the objects array they were formatted from or parsed into (objects of a release are never mutated). */
const texts = new WeakMap<readonly RenderedObject[], string>();

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * Helm's `manifest` of `objects`: formatted once per objects array (a deploy writes its pending
 * revision, then its outcome, from the same objects), or the text they were read from.
 */
export function manifestOf(objects: readonly RenderedObject[]): string {
  let text = texts.get(objects);
  if (text === undefined) {
    text = formatManifest(objects);
    texts.set(objects, text);
  }
  return text;
}

/** The JSON copy of `objects` written with `manifest` (their {@link manifestOf}). */
export function objectsCopy(objects: readonly RenderedObject[], manifest: string): BerthObjectsCopy {
  return { manifestSha256: sha256(manifest), items: objects.map((o) => ({ source: o.source, object: o.object })) };
}

/**
 * The objects of a record: its JSON copy when there is one and `manifest` is still the text it was
 * written with (a record rewritten by Helm has no copy; one whose manifest another tool edited
 * does not match), else `manifest` parsed.
 * @throws Error naming the document when the manifest is read and is not valid YAML
 */
export function objectsOf(manifest: string, copy: BerthObjectsCopy | undefined): RenderedObject[] {
  const objects = (isCopy(copy) && copy.manifestSha256 === sha256(manifest) ? copy.items.map((i) => ({ object: i.object, source: i.source })) : undefined) ?? parseManifest(manifest);
  texts.set(objects, manifest);
  return objects;
}

function isCopy(copy: unknown): copy is BerthObjectsCopy {
  if (copy === null || typeof copy !== "object") return false;
  const { manifestSha256, items } = copy as Partial<BerthObjectsCopy>;
  return (
    typeof manifestSha256 === "string" &&
    Array.isArray(items) &&
    items.every((i) => i !== null && typeof i === "object" && typeof i.source === "string" && i.object !== null && typeof i.object === "object" && !Array.isArray(i.object))
  );
}
