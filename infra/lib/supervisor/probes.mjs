// @ts-check
/** Readiness probes: waiting until a started process answers. */
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatDuration } from '../log.mjs';
import { describeExit, failure, readFrom } from './logs.mjs';

const POLL_MS = 200;

/**
 * @typedef {{ tcp: number, host?: string }
 *   | { http: string }
 *   | { log: RegExp }
 *   | { check: () => Promise<unknown>, description: string }} Probe
 *
 * @typedef {import('../supervisor.mjs').Supervised} Supervised
 * @typedef {import('../supervisor.mjs').ProcessSpec} ProcessSpec
 */

/**
 * @param {Supervised} entry
 * @param {ProcessSpec} spec
 */
export async function waitUntilReady(entry, spec) {
  const timeoutMs = spec.readyTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  for (const probe of spec.ready ?? []) {
    /** @type {string | undefined} */
    let lastError;
    for (;;) {
      if (entry.exited) throw await failure(entry, `exited (${describeExit(entry.exited)}) before it was ready`);
      try {
        if (await runProbe(probe, entry, deadline - Date.now())) break;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
      if (Date.now() >= deadline) {
        const waitingFor = `${describeProbe(probe)}${lastError ? ` — last error: ${lastError}` : ''}`;
        throw await failure(entry, `was not ready within ${formatDuration(timeoutMs)} (waiting for ${waitingFor})`);
      }
      await sleep(POLL_MS);
    }
  }
}

/**
 * @param {Probe} probe
 * @param {Supervised} entry
 * @param {number} remainingMs
 * @returns {Promise<boolean>}
 */
async function runProbe(probe, entry, remainingMs) {
  const limitMs = Math.max(500, Math.min(remainingMs, 5_000));
  if ('tcp' in probe) return tcpOpen(probe.tcp, probe.host ?? '127.0.0.1', limitMs);
  if ('http' in probe) {
    const response = await fetch(probe.http, { signal: globalThis.AbortSignal.timeout(limitMs) }).catch((error) => {
      // fetch says only "fetch failed"; the cause says why (ECONNREFUSED, …).
      throw new Error(error?.cause?.code ?? error?.cause?.message ?? error?.message);
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`GET ${probe.http} → ${response.status}`);
    return true;
  }
  if ('log' in probe) return probe.log.test(await readFrom(entry.logPath, entry.logOffset));
  // A custom check may take longer than one poll, but must not outlive the deadline.
  return (await withTimeout(probe.check(), Math.max(1_000, remainingMs), probe.description)) !== false;
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 */
async function withTimeout(promise, ms, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${formatDuration(ms)}`)), ms);
  });
  try {
    return /** @type {T} */ (await Promise.race([promise, timeout]));
  } finally {
    clearTimeout(timer);
  }
}

/** @param {Probe} probe */
function describeProbe(probe) {
  if ('tcp' in probe) return `TCP port ${probe.tcp}`;
  if ('http' in probe) return `GET ${probe.http} → 200`;
  if ('log' in probe) return `log line ${probe.log}`;
  return probe.description;
}

/**
 * @param {number} port
 * @param {string} host
 * @param {number} timeoutMs
 * @returns {Promise<boolean>}
 */
export function tcpOpen(port, host = '127.0.0.1', timeoutMs = 1_000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (/** @type {boolean} */ open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
