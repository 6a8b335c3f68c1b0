// The commands that work on charts, their packages, repositories and registries, loaded together
// (see script-commands.ts).
export { templateCommand } from "./template.js";
export { typegenCommand } from "./typegen.js";
export { packageCommand } from "./package.js";
export { dependencyCommand } from "./dependency.js";
export { repoCommand } from "./repo.js";
export { searchCommand } from "./search.js";
export { pullCommand } from "./pull.js";
export { pushCommand } from "./push.js";
export { registryCommand } from "./registry-login.js";
