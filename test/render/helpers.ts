import { template } from "../../src/actions/template.js";
import { defineChart } from "../../src/chart/define.js";
import type { TemplateSource } from "../../src/chart/types.js";
import { BerthError } from "../../src/errors.js";
import type { RenderFailed } from "../../src/render/errors.js";
import type { RenderResult } from "../../src/model/rendered.js";

/** Renders one mustache template of a code chart with the given defaults. */
export function renderOne(
  text: string,
  values: Record<string, unknown> = {},
  extra: { partials?: Record<string, string>; strict?: boolean; templates?: Record<string, TemplateSource<Record<string, unknown>>> } = {},
): Promise<RenderResult> {
  const chart = defineChart({ name: "t", version: "1.0.0", values, templates: { "x.yaml": text, ...extra.templates }, partials: extra.partials ?? {} });
  return template(chart, { release: "rel", namespace: "ns" }, { strict: extra.strict ?? true });
}

/** The first rendered object of a single template. */
export async function renderObject(text: string, values: Record<string, unknown> = {}, extra: Parameters<typeof renderOne>[2] = {}) {
  const result = await renderOne(text, values, extra);
  return result.objects[0]!.object as Record<string, unknown> & { data?: Record<string, unknown> };
}

/** Asserts a RenderFailed error and returns its issues. */
export function isRenderFailed(e: unknown): e is RenderFailed {
  return e instanceof BerthError && e.code === "RenderFailed";
}

/** A ConfigMap header for templates under test. */
export const CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n";
