// GIVEN the lazy command registry the CLI starts with WHEN each entry is loaded THEN it is the command of
// that name, with the same summary, in the order of the full command list.
import { it } from "node:test";
import assert from "node:assert/strict";
import { commandEntries } from "../../src/cli/commands/registry.js";
import { commands } from "../../src/cli/commands/index.js";

it("GIVEN every registry entry WHEN loaded THEN name and summary match the command, in the same order as the command list", async () => {
  assert.deepEqual(commandEntries.map((e) => e.name), commands.map((c) => c.name));
  for (const entry of commandEntries) {
    const command = await entry.load();
    assert.deepEqual([command.name, command.summary], [entry.name, entry.summary]);
  }
});
