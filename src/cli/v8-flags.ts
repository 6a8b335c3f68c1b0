// V8 flags the CLI's long commands change at run time (heap.ts, optimizer.ts). V8 checks a code cache
// against the flags in effect when it was made, by value: one made while a flag is changed would be
// rejected by the next command's load, so the CLI sets them back before it writes code caches.
import { setFlagsFromString } from "node:v8";

const changed = new Map<string, string>();

/** Sets a V8 flag (`setting`, e.g. `--no-opt`) for this process; {@link restoreV8Flags} sets `defaultSetting` back. */
export function changeV8Flag(setting: string, defaultSetting: string): void {
  changed.set(defaultSetting, setting);
  setFlagsFromString(setting);
}

/** Sets one flag changed by {@link changeV8Flag} back to V8's default (`defaultSetting`, e.g. `--opt`). */
export function restoreV8Flag(defaultSetting: string): void {
  if (changed.delete(defaultSetting)) setFlagsFromString(defaultSetting);
}

/** Sets every flag changed by {@link changeV8Flag} back to V8's default. */
export function restoreV8Flags(): void {
  for (const defaultSetting of changed.keys()) setFlagsFromString(defaultSetting);
  changed.clear();
}
