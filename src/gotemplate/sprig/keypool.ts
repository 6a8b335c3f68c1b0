/**
 * RSA keys for genCA, genSelfSignedCert, genSignedCert and genPrivateKey. Generating a 2048-bit
 * key costs 50–200 ms, and template execution is synchronous. So a renderer estimates from the
 * chart's templates how many keys they make and asks for them ({@link requestKeys}) before it
 * validates values and parses templates; a worker thread draws their primes in parallel on libuv's
 * thread pool. When a template asks for a key, it takes a finished one, or waits (Atomics.wait)
 * for one under way, or — none requested — generates one on the spot. Keys are made from two
 * primes as Go makes them (see rsa-keygen.ts). Each key is fresh, used once and never shared (a
 * slot's primes are wiped when taken). Keys requested but not used stay for later renders of the
 * process; the worker does not keep the process alive.
 */
import type { KeyObject } from "node:crypto";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { bigintFromBytes, generateRsaKeySync, rsaKeyFromPrimes } from "./rsa-keygen.js";

const SLOTS = 16;
/** A slot holds p's length (2 bytes), p and q, big-endian: 514 bytes for a 4096-bit key. */
const SLOT_BYTES = 1024;
/** Int32 0: completions (the main thread waits on it); 1 + i: slot i's byte count, 0 while under way, -1 failed. */
const DATA_OFFSET = 128;
/** How long a template waits for a key under way before it generates its own. */
const WAIT_MS = 60_000;

/**
 * The worker: keys in the order requested, their two primes drawn in parallel, at most as many
 * primes at once as the machine has cores (the first keys, usually the ones a render takes
 * first, are then ready soonest).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { generatePrime } = require("node:crypto");
const ctrl = new Int32Array(workerData.sab, 0, ${1 + SLOTS});
const bytes = new Uint8Array(workerData.sab);
const queue = [];
let running = 0;
function finish(job) {
  const [p, q] = job.primes;
  const failed = job.failed || 2 + p.length + q.length > ${SLOT_BYTES};
  if (!failed) {
    const at = ${DATA_OFFSET} + job.slot * ${SLOT_BYTES};
    bytes[at] = p.length >> 8;
    bytes[at + 1] = p.length & 255;
    bytes.set(p, at + 2);
    bytes.set(q, at + 2 + p.length);
  }
  Atomics.store(ctrl, 1 + job.slot, failed ? -1 : 2 + p.length + q.length);
  Atomics.add(ctrl, 0, 1);
  Atomics.notify(ctrl, 0);
}
function pump() {
  while (running < workerData.parallel && queue.length > 0) {
    const job = queue[0];
    if (++job.started === 2) queue.shift();
    running++;
    generatePrime(job.bits / 2, (err, prime) => {
      running--;
      if (err) job.failed = true;
      else job.primes.push(new Uint8Array(prime));
      if (++job.done === 2) finish(job);
      pump();
    });
  }
}
parentPort.on("message", ({ slot, bits }) => {
  queue.push({ slot, bits, primes: [], failed: false, started: 0, done: 0 });
  pump();
});
`;

/** free; requested (under way or finished, not yet taken); dropped (a job may still write to it). */
type Slot = { readonly use: "free" } | { readonly use: "requested"; readonly bits: number } | { readonly use: "dropped" };

interface Pool {
  readonly worker: Worker;
  readonly ctrl: Int32Array;
  readonly bytes: Uint8Array;
  readonly slots: Slot[];
}

let pool: Pool | null | undefined;

function getPool(): Pool | null {
  if (pool !== undefined) return pool;
  try {
    const sab = new SharedArrayBuffer(DATA_OFFSET + SLOTS * SLOT_BYTES);
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sab, parallel: Math.max(2, availableParallelism()) } });
    worker.unref();
    const p: Pool = { worker, ctrl: new Int32Array(sab, 0, 1 + SLOTS), bytes: new Uint8Array(sab), slots: Array.from({ length: SLOTS }, () => ({ use: "free" }) as Slot) };
    // A dead worker finishes nothing more: every key under way is generated on the spot instead.
    const dead = (): void => {
      if (pool === p) pool = null;
    };
    worker.on("error", dead);
    worker.on("exit", dead);
    return (pool = p);
  } catch {
    return (pool = null);
  }
}

const underWay = (p: Pool, i: number): boolean => Atomics.load(p.ctrl, 1 + i) === 0;

function freeSlot(p: Pool): number {
  for (let i = 0; i < SLOTS; i++) {
    const s = p.slots[i]!;
    if (s.use === "free" || (s.use === "dropped" && !underWay(p, i))) return i;
  }
  return -1;
}

/**
 * Has `count` RSA keys of `bits` bits generated in the background (keys already requested and not
 * taken count; at most 16 in all). Returns at once.
 */
export function requestKeys(bits: number, count: number): void {
  const p = getPool();
  if (p === null) return;
  let have = p.slots.filter((s) => s.use === "requested" && s.bits === bits).length;
  for (; have < count; have++) {
    const i = freeSlot(p);
    if (i < 0) return;
    Atomics.store(p.ctrl, 1 + i, 0);
    p.slots[i] = { use: "requested", bits };
    p.worker.postMessage({ slot: i, bits });
  }
}

/** A requested key of `bits` bits, waiting for one under way; undefined when none was requested. */
function takeRequested(bits: number): KeyObject | undefined {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const p = pool;
    if (p === null || p === undefined) return undefined;
    const seen = Atomics.load(p.ctrl, 0);
    let waiting = false;
    for (let i = 0; i < SLOTS; i++) {
      const s = p.slots[i]!;
      if (s.use !== "requested" || s.bits !== bits) continue;
      const n = Atomics.load(p.ctrl, 1 + i);
      if (n === 0) {
        waiting = true;
        continue;
      }
      p.slots[i] = { use: "free" };
      if (n < 0) continue;
      const at = DATA_OFFSET + i * SLOT_BYTES;
      const pLength = (p.bytes[at]! << 8) | p.bytes[at + 1]!;
      const key = rsaKeyFromPrimes(bigintFromBytes(p.bytes.subarray(at + 2, at + 2 + pLength)), bigintFromBytes(p.bytes.subarray(at + 2 + pLength, at + n)), bits);
      p.bytes.fill(0, at, at + n);
      if (key !== undefined) return key;
    }
    const left = deadline - Date.now();
    if (!waiting || left <= 0) return undefined;
    Atomics.wait(p.ctrl, 0, seen, left);
  }
}

/** A new RSA private key of `bits` bits: a requested one (waiting for it if under way), else generated now. */
export function rsaPrivateKey(bits: number): KeyObject {
  return takeRequested(bits) ?? generateRsaKeySync(bits);
}

/** Drops the requested keys, finished or not (benchmarks measure each render from an empty pool). */
export function clearKeyPool(): void {
  if (!pool) return;
  for (let i = 0; i < SLOTS; i++) {
    if (pool.slots[i]!.use !== "requested") continue;
    if (underWay(pool, i)) pool.slots[i] = { use: "dropped" };
    else {
      pool.bytes.fill(0, DATA_OFFSET + i * SLOT_BYTES, DATA_OFFSET + (i + 1) * SLOT_BYTES);
      pool.slots[i] = { use: "free" };
    }
  }
}

/** Resolves when no key is being generated (benchmarks keep background work out of other timings). */
export async function settleKeyPool(signal?: AbortSignal): Promise<void> {
  while (pool && !signal?.aborted && pool.slots.some((s, i) => s.use !== "free" && underWay(pool!, i))) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
