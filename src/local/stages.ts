/**
 * Test-only failure knobs: Pod annotations the local cluster's kwok stages react to.
 * Put them on a Pod (or a Job's/Deployment's pod template) to make it misbehave.
 */
export const FAILURE_ANNOTATIONS = {
  /** `"true"`: the Pod's container terminates with exit code 1 and the Pod goes to phase `Failed`. */
  fail: "berth.test/fail",
  /** `"true"`: the Pod runs but never becomes Ready. */
  neverReady: "berth.test/never-ready",
  /** `"true"`: the Pod stays Pending with its container waiting in `ImagePullBackOff`. */
  imagePullBackOff: "berth.test/image-pull-backoff",
} as const;

const notDeleting = `
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'`;
const noPodIP = `
    - key: '.status.podIP'
      operator: 'DoesNotExist'`;
const without = (annotation: string) => `
    - key: '.metadata.annotations["${annotation}"]'
      operator: 'DoesNotExist'`;
const withAnnotation = (annotation: string) => `
    - key: '.metadata.annotations["${annotation}"]'
      operator: 'In'
      values: ['true']`;

const podIPs = `
      hostIP: {{ NodeIPWith .spec.nodeName | Quote }}
      podIP: {{ PodIPWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) | Quote }}
      startTime: {{ $now | Quote }}`;

const conditions = (ready: boolean) => `
      conditions:
      - {lastTransitionTime: {{ $now | Quote }}, status: "True", type: Initialized}
      - {lastTransitionTime: {{ $now | Quote }}, status: "True", type: PodScheduled}
      - {lastTransitionTime: {{ $now | Quote }}, status: "${ready ? "True" : "False"}", type: Ready}
      - {lastTransitionTime: {{ $now | Quote }}, status: "${ready ? "True" : "False"}", type: ContainersReady}`;

function stage(name: string, kind: "Pod" | "Node", selector: string, next: string, delayMs?: number): string {
  const delay = delayMs === undefined ? "" : `\n  delay:\n    durationMilliseconds: ${delayMs}`;
  return `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: ${name}
spec:
  resourceRef:
    apiGroup: v1
    kind: ${kind}
  selector:
    matchExpressions:${selector}${delay}
  next:
${next}
`;
}

const nodeInitialize = stage(
  "node-initialize",
  "Node",
  `
    - key: '.status.conditions.[] | select( .type == "Ready" ) | .status'
      operator: 'NotIn'
      values: ['True']`,
  `    statusTemplate: |
      {{ $now := Now }}
      conditions:
      {{ range NodeConditions }}
      - lastHeartbeatTime: {{ $now | Quote }}
        lastTransitionTime: {{ $now | Quote }}
        message: {{ .message | Quote }}
        reason: {{ .reason | Quote }}
        status: {{ .status | Quote }}
        type: {{ .type | Quote }}
      {{ end }}
      addresses:
      - address: {{ NodeIP | Quote }}
        type: InternalIP
      - address: {{ NodeName | Quote }}
        type: Hostname
      allocatable: {cpu: 1k, memory: 1Ti, pods: 1M}
      capacity: {cpu: 1k, memory: 1Ti, pods: 1M}
      nodeInfo:
        architecture: amd64
        kubeletVersion: {{ printf "kwok-%s" Version | Quote }}
        operatingSystem: linux
      phase: Running`,
);

const containers = (state: string, ready: boolean) => `
      containerStatuses:
      {{ range .spec.containers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: ${ready}
        restartCount: 0
        started: ${state === "running"}
        state:
${state}
      {{ end }}`;

const running = `          running:
            startedAt: {{ $now | Quote }}`;

const podReady = stage(
  "pod-ready",
  "Pod",
  notDeleting + noPodIP + without(FAILURE_ANNOTATIONS.fail) + without(FAILURE_ANNOTATIONS.neverReady) + without(FAILURE_ANNOTATIONS.imagePullBackOff),
  `    statusTemplate: |
      {{ $now := Now }}${conditions(true)}${containers(running, true).replace("started: false", "started: true")}${podIPs}
      phase: Running`,
);

const podNeverReady = stage(
  "pod-never-ready",
  "Pod",
  notDeleting + noPodIP + withAnnotation(FAILURE_ANNOTATIONS.neverReady),
  `    statusTemplate: |
      {{ $now := Now }}${conditions(false)}${containers(running, false)}${podIPs}
      phase: Running`,
);

const podImagePullBackOff = stage(
  "pod-image-pull-backoff",
  "Pod",
  notDeleting + noPodIP + withAnnotation(FAILURE_ANNOTATIONS.imagePullBackOff) + `
    - key: '.status.containerStatuses'
      operator: 'DoesNotExist'`,
  `    statusTemplate: |
      {{ $now := Now }}${conditions(false)}
      containerStatuses:
      {{ range .spec.containers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: false
        restartCount: 0
        started: false
        state:
          waiting:
            reason: ImagePullBackOff
            message: {{ printf "Back-off pulling image %q" .image | Quote }}
      {{ end }}
      hostIP: {{ NodeIPWith .spec.nodeName | Quote }}
      phase: Pending`,
);

const terminated = (exitCode: number, reason: string, message: string) => `          terminated:
            exitCode: ${exitCode}
            reason: ${reason}
            message: ${JSON.stringify(message)}
            startedAt: {{ $now | Quote }}
            finishedAt: {{ $now | Quote }}`;

const podFail = stage(
  "pod-fail",
  "Pod",
  notDeleting + noPodIP + withAnnotation(FAILURE_ANNOTATIONS.fail),
  `    statusTemplate: |
      {{ $now := Now }}${conditions(false)}${containers(terminated(1, "Error", "failed on purpose (berth.test/fail)"), false)}${podIPs}
      phase: Failed`,
);

/** Pods that run to completion (Jobs' Pods, hook and test Pods: restartPolicy Never/OnFailure) succeed. */
const podComplete = stage(
  "pod-complete",
  "Pod",
  notDeleting + `
    - key: '.status.phase'
      operator: 'In'
      values: ['Running']
    - key: '.spec.restartPolicy'
      operator: 'In'
      values: ['Never', 'OnFailure']` + without(FAILURE_ANNOTATIONS.neverReady),
  `    statusTemplate: |
      {{ $now := Now }}${conditions(false)}${containers(terminated(0, "Completed", "done"), false)}
      phase: Succeeded`,
  300,
);

const podDelete = stage(
  "pod-delete",
  "Pod",
  `
    - key: '.metadata.deletionTimestamp'
      operator: 'Exists'`,
  `    finalizers:
      empty: true
    delete: true`,
);

/** The kwok Stage configuration of the local cluster: nodes become Ready, Pods run, succeed or fail as annotated. */
export const KWOK_STAGES = [nodeInitialize, podReady, podNeverReady, podImagePullBackOff, podFail, podComplete, podDelete].join("---\n");
