import { BerthError } from "../../errors.js";
import { isLockStatus } from "../../storage/release.js";
import { CLUSTER_OPTIONS, CLUSTER_OPTIONS_HELP, connectFromArgs } from "../cluster-options.js";
import type { Command } from "../command.js";
import { requirePositional, UsageError } from "../format/output.js";

const HELP = `Usage: berth unlock <release> [options]

Recovers a release left in pending-install, pending-upgrade or pending-rollback by an operation
that was killed ("another operation is in progress"): marks that revision failed, so the release
can be deployed or rolled back again. Refuses while the lock is live (its holder is still renewing
it) unless --force; a record written by Helm has no lock expiry and is unlocked as is.

Options:
      --force               unlock even though the lock has not expired (the holder must be dead)
  -h, --help                show this help

${CLUSTER_OPTIONS_HELP}`;

/** `berth unlock <release>`: mark an abandoned pending revision failed. */
export const unlockCommand: Command = {
  name: "unlock",
  summary: "Recover a release stuck in a pending state",
  help: HELP,
  options: { ...CLUSTER_OPTIONS, force: { type: "boolean" } },
  async run({ values, positionals }, io) {
    const name = requirePositional("unlock", positionals, 0, "release name");
    if (positionals.length > 1) throw new UsageError("unlock", `unexpected argument "${positionals[1]}"`);
    const cluster = await connectFromArgs(values, io);
    try {
      const status = await cluster.status(name, { signal: io.signal });
      if (!isLockStatus(status.status)) {
        io.stdout.write(`release "${name}" is not pending (revision ${status.revision} is ${status.status}); nothing to unlock\n`);
        return 0;
      }
      const lock = status.lock;
      if (lock && Date.parse(lock.expiresAt) > Date.now() && values["force"] !== true) {
        throw new BerthError(
          "ReleaseLocked",
          `release "${name}" is locked by ${lock.holder} since ${lock.acquiredAt}, and the lock is live until ${lock.expiresAt}. ` +
            "Wait for that operation or for the lock to expire; if you know its process is dead, run `berth unlock " + name + " --force`.",
        );
      }
      const failed = await cluster.unlock(name, { signal: io.signal });
      if (!failed) {
        io.stdout.write(`release "${name}" is no longer pending; nothing to unlock\n`);
        return 0;
      }
      io.stdout.write(`release "${name}" unlocked: revision ${failed.revision} marked failed${lock ? ` (was held by ${lock.holder})` : ""}\n`);
      return 0;
    } finally {
      cluster.close();
    }
  },
};
