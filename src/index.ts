/**
 * berth — deploy applications to Kubernetes the way Helm does, as TypeScript code.
 *
 * @packageDocumentation
 */

export { BerthError } from "./errors.js";
