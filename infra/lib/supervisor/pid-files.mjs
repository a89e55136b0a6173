// @ts-check
/** Pid files, and stopping the processes a crashed earlier run left behind. */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatDuration, warn } from '../log.mjs';
import { groupAlive, killGroup, STOP_GRACE_MS } from './process-groups.mjs';

export const LOCK_FILE = 'supervisor.pid';

/**
 * @param {string} runDir
 * @param {string} name
 */
export function pidFile(runDir, name) {
  return path.join(runDir, `${name}.pid`);
}

/**
 * A pid file holds the pid, the command line (JSON) and the stop signal, one per line.
 * @param {string} file
 * @returns {{ pid: number, argv: string[], stopSignal: NodeJS.Signals } | undefined}
 */
function readPidFile(file) {
  try {
    const [pidLine, argvLine, signalLine] = fs.readFileSync(file, 'utf8').split('\n');
    const pid = Number(pidLine);
    if (!Number.isInteger(pid) || pid <= 1) return undefined;
    const stopSignal = /** @type {NodeJS.Signals} */ (signalLine?.startsWith('SIG') ? signalLine : 'SIGTERM');
    return { pid, argv: argvLine ? JSON.parse(argvLine) : [], stopSignal };
  } catch {
    return undefined;
  }
}

/**
 * Whether `pid` is still the process the pid file describes (pids get reused).
 * @param {number} pid
 * @param {string[]} argv
 */
function sameProcess(pid, argv) {
  const cmdline = commandLine(pid);
  return cmdline.length > 0 && cmdline.length === argv.length && cmdline.every((arg, i) => arg === argv[i]);
}

/**
 * The argv a process was started with, as the kernel reports it (process.argv[0] differs).
 * @param {number | 'self'} pid
 * @returns {string[]}
 */
export function commandLine(pid) {
  try {
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (args.at(-1) === '') args.pop();
    return args;
  } catch {
    return [];
  }
}

/**
 * The pid of a live supervisor that owns `runDir`, if any.
 * @param {string} runDir
 */
export function liveSupervisor(runDir) {
  const lock = readPidFile(path.join(runDir, LOCK_FILE));
  if (!lock || lock.pid === process.pid) return undefined;
  return sameProcess(lock.pid, lock.argv) ? lock.pid : undefined;
}

/**
 * Processes recorded in `runDir` that are still running, the most recently started first
 * (the order to stop them in: services before the brokers they talk to).
 * @param {string} runDir
 * @returns {{ name: string, pid: number, stopSignal: NodeJS.Signals }[]}
 */
export function liveProcesses(runDir) {
  /** @type {{ name: string, pid: number, stopSignal: NodeJS.Signals, startedAt: number }[]} */
  const live = [];
  /** @type {string[]} */
  let files;
  try {
    files = fs.readdirSync(runDir).filter((file) => file.endsWith('.pid') && file !== LOCK_FILE);
  } catch {
    return live;
  }
  for (const file of files) {
    const full = path.join(runDir, file);
    const recorded = readPidFile(full);
    if (recorded && isOurs(recorded)) {
      const name = file.slice(0, -'.pid'.length);
      live.push({ name, pid: recorded.pid, stopSignal: recorded.stopSignal, startedAt: fs.statSync(full).mtimeMs });
    }
  }
  return live.sort((a, b) => b.startedAt - a.startedAt).map(({ name, pid, stopSignal }) => ({ name, pid, stopSignal }));
}

/**
 * Ours if the leader still runs the recorded command, or if the leader is gone but members
 * of its group survive: Linux does not hand out a pid that is still in use as a group id.
 * @param {{ pid: number, argv: string[] }} recorded
 */
function isOurs({ pid, argv }) {
  if (sameProcess(pid, argv)) return true;
  return !fs.existsSync(`/proc/${pid}`) && groupAlive(pid);
}

/** @param {string} runDir */
export async function stopStaleProcesses(runDir) {
  for (const { name, pid, stopSignal } of liveProcesses(runDir)) {
    const started = performance.now();
    killGroup(pid, stopSignal);
    if (!(await waitUntil(() => !groupAlive(pid), STOP_GRACE_MS))) {
      killGroup(pid, 'SIGKILL');
      await waitUntil(() => !groupAlive(pid), 5_000);
    }
    warn(`stopped ${name} (pid ${pid}), left running by an earlier run (${formatDuration(performance.now() - started)})`);
  }
  for (const file of fs.readdirSync(runDir)) {
    if (file.endsWith('.pid') && file !== LOCK_FILE) fs.rmSync(path.join(runDir, file), { force: true });
  }
}

/**
 * @param {() => boolean} condition
 * @param {number} timeoutMs
 */
async function waitUntil(condition, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await sleep(50);
  }
  return condition();
}
