/**
 * The global key of the run-mode slot (src/actions/run-mode.ts). Its own module so that the CLI can
 * look for the slot without loading run-mode's code: `--version` loads a handful of files.
 */
export const RUN_MODE_KEY = Symbol.for("berth.run-mode");
