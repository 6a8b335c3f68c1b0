// The commands that read or change releases in the cluster, loaded together (see script-commands.ts).
export { listCommand } from "./list.js";
export { statusCommand } from "./status.js";
export { historyCommand } from "./history.js";
export { getCommand } from "./get.js";
export { rollbackCommand } from "./rollback.js";
export { uninstallCommand } from "./uninstall.js";
export { testCommand } from "./test.js";
export { unlockCommand } from "./unlock.js";
