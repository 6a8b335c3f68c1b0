import type { Command } from "../command.js";
import { templateCommand } from "./template.js";
import { planCommand } from "./plan.js";
import { deployCommand } from "./deploy.js";
import { localCommand } from "./local.js";
import { historyCommand } from "./history.js";
import { statusCommand } from "./status.js";
import { listCommand } from "./list.js";
import { getCommand } from "./get.js";
import { rollbackCommand } from "./rollback.js";
import { uninstallCommand } from "./uninstall.js";
import { testCommand } from "./test.js";
import { unlockCommand } from "./unlock.js";
import { typegenCommand } from "./typegen.js";
import { packageCommand } from "./package.js";
import { repoCommand } from "./repo.js";
import { searchCommand } from "./search.js";
import { pushCommand } from "./push.js";
import { pullCommand } from "./pull.js";
import { registryCommand } from "./registry-login.js";
import { dependencyCommand } from "./dependency.js";

/** Every CLI command, in the order `berth --help` lists them. */
export const commands: Command[] = [
  templateCommand,
  planCommand,
  deployCommand,
  listCommand,
  statusCommand,
  historyCommand,
  getCommand,
  rollbackCommand,
  uninstallCommand,
  testCommand,
  unlockCommand,
  typegenCommand,
  packageCommand,
  dependencyCommand,
  repoCommand,
  searchCommand,
  pullCommand,
  pushCommand,
  registryCommand,
  localCommand,
];
