// The commands that run deploy scripts, loaded together: one module (and so fewer bundled chunks,
// each a file Node resolves and reads) instead of one per command.
export { planCommand } from "./plan.js";
export { deployCommand } from "./deploy.js";
