import type { Command } from "../command.js";
import { localDown, localStatus, localUp } from "../../local/session.js";
import { describeLocalClusterEvent } from "../../local/progress-text.js";

const help = `Usage: berth local <up|down|status>

Runs a real Kubernetes control plane on this machine, on loopback — etcd, kube-apiserver,
kube-controller-manager, kube-scheduler and kwok (fake nodes; Pods become Ready without a kubelet).
The binaries are built once from Go modules (Go 1.26+ needed) and cached in ~/.cache/berth.

  up       start it (or report the running one); prints the kubeconfig path
  down     stop it and delete its data
  status   print whether it is running and its kubeconfig path

Use it with: export KUBECONFIG=$(berth local up)
`;

/** `berth local up|down|status`. */
export const localCommand: Command = {
  name: "local",
  summary: "Start, stop or inspect a local Kubernetes control plane for trying berth",
  help,
  options: {},
  async run({ positionals }, io) {
    const env = io.env;
    switch (positionals[0]) {
      case "up": {
        const status = await localUp({
          env,
          signal: io.signal,
          onEvent: (e) => {
            const line = describeLocalClusterEvent(e);
            if (line !== undefined) io.stderr.write(`${line}\n`);
          },
        });
        io.stderr.write(status.started ? "local control plane started\n" : "local control plane already running\n");
        io.stdout.write(`${status.kubeconfigPath}\n`);
        return 0;
      }
      case "down": {
        const stopped = await localDown({ env });
        io.stderr.write(stopped ? "local control plane stopped\n" : "no local control plane was running\n");
        return 0;
      }
      case "status": {
        const status = await localStatus({ env });
        io.stdout.write(status.running ? `running\nkubeconfig: ${status.kubeconfigPath}\n` : "not running\n");
        return status.running ? 0 : 3;
      }
      default:
        io.stderr.write(help);
        return 1;
    }
  },
};
