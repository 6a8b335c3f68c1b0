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

/**
 * Helm's `manifest`: every object as a YAML document preceded by `---` and
 * `# Source: <template>`, in the order given. The text is kept for the same (unchanging) list, so
 * writing a record again does not format its objects again.
 */
export function formatManifest(objects: readonly RenderedObject[]): string {
  let text = formatted.get(objects);
  if (text === undefined) {
    text = objects.map((o) => `---\n# Source: ${o.source}\n${objectYaml(o.object)}`).join("");
    formatted.set(objects, text);
  }
  return text;
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
