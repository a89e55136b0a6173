// @ts-check
/** Stopping and killing process groups. */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatDuration, info, warn } from '../log.mjs';

export const STOP_GRACE_MS = 10_000;

/**
 * @typedef {import('../supervisor.mjs').Supervised} Supervised
 */

/** @type {WeakMap<Supervised, Promise<void>>} */
const stops = new WeakMap();

/** @param {Supervised} child */
export function stopOnce(child) {
  let stop = stops.get(child);
  if (!stop) {
    stop = stopOne(child);
    stops.set(child, stop);
  }
  return stop;
}

/** @param {Supervised} child */
async function stopOne(child) {
  if (child.exited && !groupAlive(child.pid)) return;
  const started = performance.now();
  killGroup(child.pid, child.stopSignal);
  const stopped = await waitForGroupExit(child.pid, child.exitPromise, STOP_GRACE_MS);
  if (!stopped) {
    warn(`${child.name} did not stop within ${STOP_GRACE_MS / 1000} s of ${child.stopSignal}; sending SIGKILL (log: ${child.logPath})`);
    killGroup(child.pid, 'SIGKILL');
    await waitForGroupExit(child.pid, child.exitPromise, 5_000);
  }
  info(`  stopped ${child.name} (${formatDuration(performance.now() - started)})`);
}

/**
 * @param {number} pgid
 * @param {Promise<void>} leaderExit
 * @param {number} timeoutMs
 */
async function waitForGroupExit(pgid, leaderExit, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let leaderGone = false;
  void leaderExit.then(() => {
    leaderGone = true;
  });
  while (Date.now() < deadline) {
    if (leaderGone && !groupAlive(pgid)) return true;
    await sleep(50);
  }
  return false;
}

/**
 * @param {number} pgid
 * @param {NodeJS.Signals} signal
 */
export function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/**
 * Whether any process of the group still runs. Zombies do not count: orphans of a killed run
 * are reaped by pid 1 whenever it gets round to it, and signalling a zombie "succeeds".
 * @param {number} pgid
 */
export function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EPERM') return false;
  }
  return liveGroupMembers(pgid) > 0;
}

/** @param {number} pgid */
function liveGroupMembers(pgid) {
  let count = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp …"; comm may contain spaces and parentheses.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') count += 1;
    } catch {
      // exited while we looked
    }
  }
  return count;
}
