import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { generateValuesTypes } from "../../typegen/generate.js";
import type { Command } from "../command.js";

const HELP = `Usage: berth typegen <chart-dir> [options]

Generates a TypeScript declaration of a chart's values: from values.schema.json when the chart
has one, else inferred from values.yaml (comments above keys become TSDoc). Subcharts are nested
under their names. Use it as loadChart<ChartValues>(dir) to type-check values at compile time.

Options:
  -o, --out <file>          write to this file (default: stdout)
      --type-name <Name>    the interface name (default: the chart name in PascalCase + "Values")
  -h, --help                show this help
`;

/** `berth typegen`: print or write a chart's values type. */
export const typegenCommand: Command = {
  name: "typegen",
  summary: "Generate TypeScript types of a chart's values",
  help: HELP,
  options: {
    out: { type: "string", short: "o" },
    "type-name": { type: "string" },
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) {
      io.stderr.write(`berth typegen: expected exactly one chart directory\n\n${HELP}`);
      return 1;
    }
    const out = values.out as string | undefined;
    const typeName = values["type-name"] as string | undefined;
    const text = await generateValuesTypes(resolve(io.cwd, positionals[0]!), {
      chartPath: positionals[0]!,
      ...(typeName !== undefined && { typeName }),
      ...(out !== undefined && { outFile: out }),
    });
    if (out === undefined) {
      io.stdout.write(text);
      return 0;
    }
    const path = resolve(io.cwd, out);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    io.stderr.write(`wrote ${out}\n`);
    return 0;
  },
};
