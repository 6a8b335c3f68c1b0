// The objects of a record's manifest, kept twice: as Helm's YAML `manifest` (what Helm reads) and as
// JSON under berth's key, read instead of the YAML while the manifest is unchanged. Parsing YAML is
// the largest per-object cost of reading a revision (~1 ms per object on a cold start; a no-op deploy
// of 500 objects spent most of its time there); JSON.parse of the same objects is ~1 µs each.
import { createHash } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { KubeObject } from "../model/object.js";
import { objectKeyOf } from "../model/ref.js";
import type { RenderedObject } from "../model/rendered.js";
import type { BerthObjectsCopy } from "./helm-format.js";
import { objectYaml, parseManifest } from "./manifest-text.js";

/** Manifest texts by the objects array they were formatted from or parsed into (objects of a release are never mutated). */
const texts = new WeakMap<readonly RenderedObject[], string>();
/** Objects read from a manifest berth formatted from them (a record's JSON copy matched it). */
const formattedByBerth = new WeakSet<readonly RenderedObject[]>();
/** YAML of single objects known without formatting them (see {@link reuseManifestTexts}). */
const objectTexts = new WeakMap<KubeObject, string>();

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * Helm's `manifest` of `objects`: formatted once per objects array (a deploy writes its pending
 * revision, then its outcome, from the same objects), or the text they were read from.
 */
export function manifestOf(objects: readonly RenderedObject[]): string {
  let text = texts.get(objects);
  if (text === undefined) {
    // as formatManifest formats it
    text = objects.map((o) => `${header(o)}${objectTexts.get(o.object) ?? objectYaml(o.object)}`).join("");
    texts.set(objects, text);
  }
  return text;
}

const header = (o: RenderedObject) => `---\n# Source: ${o.source}\n`;

/**
 * Lets the manifest of `objects` reuse the YAML of the objects of `previous` (a revision read from
 * the store) that they equal: an upgrade changing a few objects formats only those (YAML formatting
 * is ~0.3 ms per object). Does nothing unless `previous` was read from a record berth wrote.
 */
export function reuseManifestTexts(objects: readonly RenderedObject[], previous: readonly RenderedObject[]): void {
  const manifest = formattedByBerth.has(previous) ? texts.get(previous) : undefined;
  const documents = manifest === undefined ? undefined : documentsOf(manifest, previous);
  if (!documents) return;
  const byKey = new Map(previous.map((p, i) => [objectKeyOf(p.object), i]));
  for (const o of objects) {
    const i = byKey.get(objectKeyOf(o.object));
    if (i !== undefined && !objectTexts.has(o.object) && isDeepStrictEqual(o.object, previous[i]!.object)) objectTexts.set(o.object, documents[i]!);
  }
}

/**
 * Formats the YAML of `objects` for their manifest in small slices between other work (e.g. while a
 * plan waits on the API server), reusing `previous`'s where equal (see {@link reuseManifestTexts}),
 * until done or until the returned function is called; {@link manifestOf} then formats only what is
 * left. A failure stops it quietly: formatting the manifest later reports it.
 */
export function formatAhead(objects: readonly RenderedObject[], previous: readonly RenderedObject[] | undefined): () => void {
  let stopped = false;
  let next = 0;
  const step = () => {
    if (stopped) return;
    try {
      if (next === 0 && previous) reuseManifestTexts(objects, previous);
      for (const end = Math.min(next + 8, objects.length); next < end; next++) {
        const object = objects[next]!.object;
        if (!objectTexts.has(object)) objectTexts.set(object, objectYaml(object));
      }
    } catch {
      return;
    }
    if (next < objects.length) setImmediate(step);
  };
  setImmediate(step);
  return () => void (stopped = true);
}

/** The YAML body of each object in a manifest formatted as {@link manifestOf} does (`---`, `# Source:`, YAML per object); undefined when it is not. */
function documentsOf(manifest: string, objects: readonly RenderedObject[]): string[] | undefined {
  const documents: string[] = [];
  let at = 0;
  for (let i = 0; i < objects.length; i++) {
    const own = header(objects[i]!);
    if (!manifest.startsWith(own, at)) return undefined;
    const start = at + own.length;
    // a document's YAML is a mapping: no line of it starts with "---"
    const next = i + 1 < objects.length ? manifest.indexOf(`\n${header(objects[i + 1]!)}`, start) : manifest.length - 1;
    if (next < 0) return undefined;
    documents.push(manifest.slice(start, next + 1));
    at = next + 1;
  }
  return at === manifest.length ? documents : undefined;
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
  const fromCopy = isCopy(copy) && copy.manifestSha256 === sha256(manifest);
  const objects = fromCopy ? copy.items.map((i) => ({ object: i.object, source: i.source })) : parseManifest(manifest);
  texts.set(objects, manifest);
  if (fromCopy) formattedByBerth.add(objects);
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
