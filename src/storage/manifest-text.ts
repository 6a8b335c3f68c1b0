import { yamlModule } from "../util/yaml-lazy.js";
import type { KubeObject } from "../model/object.js";
import type { RenderedObject } from "../model/rendered.js";

const YAML_OPTIONS = { version: "1.1", lineWidth: 0, aliasDuplicateObjects: false } as const;
const SOURCE_LINE = /^# Source: (.*)$/m;
const DOCUMENT_START = /^---[ \t]*(?:#.*)?$/m;

/** One object as YAML (YAML 1.1, as kubectl reads it; ambiguous strings quoted). */
export function objectYaml(object: KubeObject): string {
  return yamlModule().stringify(object, YAML_OPTIONS);
}

/** Manifests already formatted, by objects list: a revision's record is written several times (pending, renewals, outcome) with the same objects. */
const formatted = new WeakMap<readonly RenderedObject[], string>();
/** Documents already formatted, by (unchanging) rendered object. */
const documents = new WeakMap<RenderedObject, string>();

/** What precedes an object's YAML in a manifest: the document start and the template it came from. */
export const documentHeader = (o: RenderedObject): string => `---\n# Source: ${o.source}\n`;

function documentOf(o: RenderedObject): string {
  let text = documents.get(o);
  if (text === undefined) {
    text = documentHeader(o) + objectYaml(o.object);
    documents.set(o, text);
  }
  return text;
}

/**
 * Helm's `manifest`: every object as a YAML document preceded by `---` and
 * `# Source: <template>`, in the order given. The text is kept for the same (unchanging) list, so
 * writing a record again does not format its objects again.
 */
export function formatManifest(objects: readonly RenderedObject[]): string {
  let text = formatted.get(objects);
  if (text === undefined) {
    text = objects.map(documentOf).join("");
    formatted.set(objects, text);
  }
  return text;
}

/**
 * Records that `manifest` is the manifest of `objects` (read from a record): writing them again (e.g.
 * marking the revision superseded) keeps that text rather than formatting them.
 */
export function rememberManifest(objects: readonly RenderedObject[], manifest: string): void {
  formatted.set(objects, manifest);
}

/** Records `yaml` as the YAML of `o.object` (known equal to an object formatted before): its document is not formatted again. */
export function rememberDocument(o: RenderedObject, yaml: string): void {
  if (!documents.has(o)) documents.set(o, documentHeader(o) + yaml);
}

/** How long {@link preformatManifest} formats before it lets other work run, in ms. */
const SLICE_MS = 4;

/**
 * Formats the documents of a manifest ahead of {@link formatManifest}, a few milliseconds at a time
 * between other work, until done or `signal` aborts: an install formats its record's objects while
 * its plan waits for the API server, rather than between the plan and the first write. Never rejects.
 */
export async function preformatManifest(objects: readonly RenderedObject[], signal: AbortSignal): Promise<void> {
  let sliceStart = performance.now();
  try {
    for (const o of objects) {
      if (signal.aborted) return;
      documentOf(o);
      if (performance.now() - sliceStart >= SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  } catch {
    // formatManifest meets the same error when the record is written, and reports it there
  }
}

/**
 * Reads a manifest (berth's or Helm's) back into objects. Each document's source is
 * its `# Source:` comment; documents that are empty or not objects are skipped.
 * @throws Error naming the document when one is not valid YAML
 */
export function parseManifest(text: string): RenderedObject[] {
  const out: RenderedObject[] = [];
  text.split(DOCUMENT_START).forEach((chunk, index) => {
    const object = parseObject(chunk, `document ${index}`);
    if (object) out.push({ object, source: SOURCE_LINE.exec(chunk)?.[1]?.trim() ?? "" });
  });
  return out;
}

/**
 * Parses one YAML document as a Kubernetes object; `undefined` when it holds no object.
 * Timestamps and other YAML-only types come back as their JSON form.
 */
export function parseObject(text: string, what: string): KubeObject | undefined {
  const doc = yamlModule().parseDocument(text, { version: "1.1", prettyErrors: false });
  if (doc.errors.length > 0) throw new Error(`${what} is not valid YAML: ${doc.errors[0]!.message}`);
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  return JSON.parse(JSON.stringify(value)) as KubeObject;
}
