// The options of generateValuesTypes (typegen/generate.ts), apart: what writes the declarations (values-types.ts) reads them too.

/** How {@link generateValuesTypes} names and labels what it writes. */
export interface GenerateValuesTypesOptions {
  /** The name of the values interface. @defaultValue the chart name in PascalCase + `Values`, e.g. `WebappValues` */
  readonly typeName?: string;
  /** How the header names the chart directory (and the regenerate command uses it). @defaultValue `chartDir` as given */
  readonly chartPath?: string;
  /** The output file the regenerate command in the header writes to. @defaultValue none (stdout) */
  readonly outFile?: string;
}
