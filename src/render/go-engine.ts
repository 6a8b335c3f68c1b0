import type { EngineInput, EngineOutput, RenderEngine } from "./engine.js";
import { RenderError } from "./errors.js";

/** Go templates as Helm renders them (placeholder until the Helm renderer lands). */
export const goTemplateEngine: RenderEngine = {
  render(input: EngineInput): EngineOutput {
    throw new RenderError(input.chart.metadata.name, [{ message: "Go templates are not supported yet" }]);
  },
};
