import type { Command } from "../command.js";
import { templateCommand } from "./template.js";
import { localCommand } from "./local.js";

/** Every CLI command, in the order `berth --help` lists them. */
export const commands: Command[] = [templateCommand, localCommand];
