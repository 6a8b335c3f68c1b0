import type { Command } from "../command.js";

/** A command as `berth --help` lists it; its module (and what it imports) is loaded only when it runs. */
export interface CommandEntry {
  readonly name: string;
  /** One line for the command list; the same as the command's own `summary`. */
  readonly summary: string;
  load(): Promise<Command>;
}

/**
 * Every CLI command, in the order `berth --help` lists them. Lazy by group (scripts, releases,
 * charts, local), so that `berth --version` or `berth list` do not pay for the modules of `plan` or
 * `template` (renderers, type checker). A group is one module: a module per command made the
 * bundle split into many more small chunks, and every chunk is a file Node resolves and reads
 * (a 100-object no-op deploy took 0.44–0.48 s with one per command, 0.36–0.38 s by group).
 */
export const commandEntries: readonly CommandEntry[] = [
  { name: "template", summary: "Render a chart locally and print the YAML", load: async () => (await import("./chart-commands.js")).templateCommand },
  { name: "plan", summary: "Run a deploy script in plan mode: print what it would change", load: async () => (await import("./script-commands.js")).planCommand },
  { name: "deploy", summary: "Run a deploy script (after confirming its plans), or apply saved plans exactly", load: async () => (await import("./script-commands.js")).deployCommand },
  { name: "list", summary: "List releases", load: async () => (await import("./release-commands.js")).listCommand },
  { name: "status", summary: "Print a release's status, objects and notes", load: async () => (await import("./release-commands.js")).statusCommand },
  { name: "history", summary: "Print the revisions of a release", load: async () => (await import("./release-commands.js")).historyCommand },
  { name: "get", summary: "Print a revision's values, manifest, hooks or notes", load: async () => (await import("./release-commands.js")).getCommand },
  { name: "rollback", summary: "Roll a release back to an earlier revision", load: async () => (await import("./release-commands.js")).rollbackCommand },
  { name: "uninstall", summary: "Delete a release's objects and records", load: async () => (await import("./release-commands.js")).uninstallCommand },
  { name: "test", summary: "Run a release's test hooks", load: async () => (await import("./release-commands.js")).testCommand },
  { name: "unlock", summary: "Recover a release stuck in a pending state", load: async () => (await import("./release-commands.js")).unlockCommand },
  { name: "typegen", summary: "Generate TypeScript types of a chart's values", load: async () => (await import("./chart-commands.js")).typegenCommand },
  { name: "package", summary: "Package a chart directory as <name>-<version>.tgz", load: async () => (await import("./chart-commands.js")).packageCommand },
  { name: "dependency", summary: "Resolve, lock and download a chart's dependencies", load: async () => (await import("./chart-commands.js")).dependencyCommand },
  { name: "repo", summary: "Add, update, list, remove and index chart repositories", load: async () => (await import("./chart-commands.js")).repoCommand },
  { name: "search", summary: "Search the added chart repositories", load: async () => (await import("./chart-commands.js")).searchCommand },
  { name: "pull", summary: "Download a chart package from a repository or OCI registry", load: async () => (await import("./chart-commands.js")).pullCommand },
  { name: "push", summary: "Push a chart package to an OCI registry", load: async () => (await import("./chart-commands.js")).pushCommand },
  { name: "registry", summary: "Log in to or out of an OCI registry", load: async () => (await import("./chart-commands.js")).registryCommand },
  { name: "local", summary: "Start, stop or inspect a local Kubernetes control plane for trying berth", load: async () => (await import("./local.js")).localCommand },
];
