import { stringify } from "yaml";
import type { RenderedObject, RenderResult } from "../model/rendered.js";

/** Options of {@link formatManifests}. */
export interface ManifestOptions {
  /** Only objects from these templates (`templates/x.yaml` or the full `web/templates/x.yaml`). @defaultValue all */
  readonly showOnly?: readonly string[];
  /** Include CRDs from `crds/`. @defaultValue true */
  readonly includeCrds?: boolean;
  /** Include hooks. @defaultValue true */
  readonly includeHooks?: boolean;
}

/**
 * Formats rendered objects as a multi-document YAML stream, each preceded by
 * `# Source: <template>`: CRDs, then objects in install order, then hooks.
 * Strings that YAML 1.1 would read as something else (`yes`, `on`, `0755`) are quoted,
 * so kubectl reads back exactly what was rendered.
 */
export function formatManifests(result: RenderResult, options: ManifestOptions = {}): string {
  const all: RenderedObject[] = [
    ...(options.includeCrds === false ? [] : result.crds),
    ...result.objects,
    ...(options.includeHooks === false ? [] : result.hooks),
  ];
  const shown = options.showOnly ? all.filter((o) => matchesAny(o.source, options.showOnly!)) : all;
  return shown.map((o) => `---\n# Source: ${o.source}\n${stringify(o.object, { version: "1.1", lineWidth: 0, aliasDuplicateObjects: false })}`).join("");
}

/**
 * True when a source matches one of the `--show-only` paths: the full source
 * (`web/templates/x.yaml`) or the path inside the top chart (`templates/x.yaml`,
 * `charts/redis/templates/x.yaml`).
 */
export function matchesAny(source: string, paths: readonly string[]): boolean {
  const inChart = source.slice(source.indexOf("/") + 1);
  return paths.some((p) => source === p || inChart === p.replace(/^\.\//, ""));
}
