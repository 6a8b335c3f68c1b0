// The objects of a record's manifest, kept twice: as Helm's YAML `manifest` (what Helm reads) and as
// JSON under berth's key, read instead of the YAML while the manifest is unchanged. Parsing YAML is
// the largest per-object cost of reading a revision (~1 ms per object on a cold start; a no-op deploy
// of 500 objects spent most of its time there); JSON.parse of the same objects is ~1 µs each.
import { createHash } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { objectKeyOf } from "../model/ref.js";
import type { RenderedObject } from "../model/rendered.js";
import type { BerthObjectsCopy } from "./helm-format.js";
import { documentHeader, parseManifest, rememberDocument, rememberManifest } from "./manifest-text.js";

/** Objects read from a manifest berth formatted from them (a record's JSON copy matched it), with that manifest. */
const formattedByBerth = new WeakMap<readonly RenderedObject[], string>();

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * Lets the manifest of `objects` reuse the YAML of the objects of `previous` (a revision read from
 * the store) that they equal: an upgrade changing a few objects formats only those (YAML formatting
 * is ~0.3 ms per object). Does nothing unless `previous` was read from a record berth wrote.
 */
export function reuseManifestTexts(objects: readonly RenderedObject[], previous: readonly RenderedObject[]): void {
  const manifest = formattedByBerth.get(previous);
  const documents = manifest === undefined ? undefined : documentsOf(manifest, previous);
  if (!documents) return;
  const byKey = new Map(previous.map((p, i) => [objectKeyOf(p.object), i]));
  for (const o of objects) {
    const i = byKey.get(objectKeyOf(o.object));
    if (i !== undefined && isDeepStrictEqual(o.object, previous[i]!.object)) rememberDocument(o, documents[i]!);
  }
}

/** The YAML body of each object in a manifest formatted as `formatManifest` does (`---`, `# Source:`, YAML per object); undefined when it is not. */
function documentsOf(manifest: string, objects: readonly RenderedObject[]): string[] | undefined {
  const documents: string[] = [];
  let at = 0;
  for (let i = 0; i < objects.length; i++) {
    const own = documentHeader(objects[i]!);
    if (!manifest.startsWith(own, at)) return undefined;
    const start = at + own.length;
    // a document's YAML is a mapping: no line of it starts with "---"
    const next = i + 1 < objects.length ? manifest.indexOf(`\n${documentHeader(objects[i + 1]!)}`, start) : manifest.length - 1;
    if (next < 0) return undefined;
    documents.push(manifest.slice(start, next + 1));
    at = next + 1;
  }
  return at === manifest.length ? documents : undefined;
}

/** The JSON copy of `objects` written with `manifest` (their `formatManifest`). */
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
  const fromCopy = isCopy(copy) && copy.manifestSha256 === sha256(manifest);
  const objects = fromCopy ? copy.items.map((i) => ({ object: i.object, source: i.source })) : parseManifest(manifest);
  rememberManifest(objects, manifest);
  if (fromCopy) formattedByBerth.set(objects, manifest);
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
