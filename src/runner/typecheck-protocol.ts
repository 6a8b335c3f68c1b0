// The resident type checker's protocol (typecheck-server.ts, typecheck-client.ts): over a unix socket
// (a named pipe on Windows), one JSON line each way per connection.
import type { Socket } from "node:net";
import type { ProgramCheck } from "./typecheck-program.js";

/** The first argument of the server process: without it the server module does nothing when run. */
export const SERVER_FLAG = "--berth-typecheck-server";

/** What a client sends: a check of an absolute script path, a request to exit, or to say its pid. */
export type ServerRequest =
  | { readonly op: "check"; readonly script: string; readonly tsconfig: string | undefined }
  | { readonly op: "stop" }
  | { readonly op: "ping" };

/** What the server answers. */
export type ServerResponse =
  | { readonly ok: true; readonly check?: ProgramCheck; readonly pid: number }
  | { readonly ok: false; readonly message: string; readonly pid: number };

/** Printed on stdout by the server process once listening (or when a live server already holds the socket). */
export const READY = "berth-typecheck-server ready";

/** The first line `socket` sends (without the newline). */
export function readLine(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    socket.setEncoding("utf8");
    const onData = (chunk: string) => {
      data += chunk;
      const end = data.indexOf("\n");
      if (end < 0) return;
      socket.off("data", onData);
      resolve(data.slice(0, end));
    };
    socket.on("data", onData);
    socket.once("error", reject);
    socket.once("close", () => reject(new Error("connection closed before a full line")));
  });
}
