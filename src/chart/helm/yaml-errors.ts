// HelmYamlInvalid on its own, so `import "berth"` exports it without loading the YAML reader (yaml-read.ts).
import { BerthError } from "../../errors.js";

/** A YAML document Helm could not read; the message follows Helm's wording. */
export class HelmYamlInvalid extends BerthError {
  constructor(message: string) {
    super("HelmYamlInvalid", message);
  }
}
