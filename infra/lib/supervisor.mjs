// @ts-check
/**
 * Runs the long-lived servers of a stack as plain processes.
 *
 * Each child gets its own process group, so that stopping it also stops whatever it forked
 * and a Ctrl-C in the terminal reaches only us: we then stop the children in order.
 * Pid files let the next run clean up after a run that was killed before it could.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatDuration, info, warn } from './log.mjs';

const LOCK_FILE = 'supervisor.pid';
const STOP_GRACE_MS = 10_000;
const POLL_MS = 200;
const LOG_TAIL_LINES = 20;

/**
 * @typedef {{ tcp: number, host?: string }
 *   | { http: string }
 *   | { log: RegExp }
 *   | { check: () => Promise<unknown>, description: string }} Probe
 *
 * @typedef {object} ProcessSpec
 * @property {string} name also names the log file and the pid file
 * @property {string} command
 * @property {readonly string[]} args
 * @property {NodeJS.ProcessEnv} [env]
 * @property {string} [cwd]
 * @property {readonly Probe[]} [ready] checked in order; all must pass
 * @property {number} [readyTimeoutMs]
 * @property {number} [uid]
 * @property {number} [gid]
 * @property {NodeJS.Signals} [stopSignal] sent to the process group to stop it; SIGTERM unless
 *   the server documents another graceful signal. Never SIGINT for servers that leave it to
 *   the default: a process started in the background of a shell ignores SIGINT.
 *
 * @typedef {object} Supervised
 * @property {string} name
 * @property {number} pid also the process group id
 * @property {string} logPath
 * @property {NodeJS.Signals} stopSignal
 * @property {number} logOffset where this run's output starts in the log
 * @property {import('node:child_process').ChildProcess} child
 * @property {{ code: number | null, signal: NodeJS.Signals | null } | undefined} exited
 * @property {Promise<void>} exitPromise
 * @property {boolean} ready
 */

export class ProcessFailure extends Error {
  /**
   * @param {string} name
   * @param {string} reason
   * @param {string} logPath
   * @param {string} logTail
   */
  constructor(name, reason, logPath, logTail) {
    super(`${name} ${reason}\n  log: ${logPath}${logTail ? `\n  last lines:\n${logTail}` : ''}`);
    this.name = 'ProcessFailure';
    this.processName = name;
    this.logPath = logPath;
  }
}

export class StackRunningError extends Error {}

/**
 * @typedef {ReturnType<typeof makeSupervisor>} Supervisor
 */

/**
 * Claims `<stackDir>/run` for this process and stops what a crashed earlier run left behind.
 * Refuses when another live supervisor owns the directory.
 * @param {{ stackDir: string, wipe?: boolean }} options wipe: also empty the stack
 *   directory (a throw-away test stack), which is safe only once its old processes are gone
 */
export async function createSupervisor({ stackDir, wipe = false }) {
  const runDir = path.join(stackDir, 'run');
  const logDir = path.join(stackDir, 'logs');
  await fsp.mkdir(runDir, { recursive: true });

  const owner = liveSupervisor(runDir);
  if (owner) {
    throw new StackRunningError(
      `a stack is already running from ${stackDir} (supervisor pid ${owner}); stop it first (Ctrl-C in its terminal, or kill ${owner})`,
    );
  }
  await fsp.writeFile(path.join(runDir, LOCK_FILE), `${process.pid}\n${JSON.stringify(commandLine('self'))}\n`);
  await stopStaleProcesses(runDir);
  if (wipe) {
    for (const name of await fsp.readdir(stackDir)) {
      if (name !== 'run') await fsp.rm(path.join(stackDir, name), { recursive: true, force: true });
    }
  }
  await fsp.mkdir(logDir, { recursive: true });
  return makeSupervisor(runDir, logDir);
}

/**
 * @param {string} runDir
 * @param {string} logDir
 */
function makeSupervisor(runDir, logDir) {
  /** @type {Supervised[]} */
  const children = [];
  let stopping = false;
  /** @type {((child: Supervised) => void) | undefined} */
  let unexpectedExitHandler;

  // Last resort when we exit without stopAll() (an uncaught error): no orphans.
  const killOnExit = () => {
    for (const child of children) if (!child.exited) killGroup(child.pid, 'SIGKILL');
  };
  process.on('exit', killOnExit);

  /**
   * Starts a process and resolves once every readiness probe passes.
   * @param {ProcessSpec} spec
   * @returns {Promise<Supervised>}
   */
  async function start(spec) {
    if (stopping) throw new Error(`not starting ${spec.name}: the stack is stopping`);
    const logPath = path.join(logDir, `${spec.name}.log`);
    const argv = [spec.command, ...spec.args];
    await fsp.appendFile(logPath, `\n===== ${new Date().toISOString()} start: ${argv.join(' ')}\n`);
    const logOffset = (await fsp.stat(logPath)).size;

    const child = await spawnDetached(spec, logPath);
    const pid = /** @type {number} */ (child.pid);
    /** @type {Supervised} */
    const entry = {
      name: spec.name,
      pid,
      logPath,
      stopSignal: spec.stopSignal ?? 'SIGTERM',
      logOffset,
      child,
      exited: undefined,
      exitPromise: new Promise((resolve) => child.once('exit', () => resolve())),
      ready: false,
    };
    children.push(entry);
    await fsp.writeFile(pidFile(runDir, spec.name), `${pid}\n${JSON.stringify(argv)}\n${entry.stopSignal}\n`);
    if (stopping) {
      // stopAll() ran while this one was being spawned.
      await stopOnce(entry);
      throw new Error(`${spec.name} was stopped while starting: the stack is stopping`);
    }

    child.once('exit', (code, signal) => {
      entry.exited = { code, signal };
      fs.rmSync(pidFile(runDir, spec.name), { force: true });
      if (entry.ready && !stopping) unexpectedExitHandler?.(entry);
    });

    await waitUntilReady(entry, spec);
    entry.ready = true;
    return entry;
  }

  /** @type {Promise<void> | undefined} */
  let stopped;

  /**
   * Stops every process in reverse start order: its stop signal (SIGTERM unless set) to its
   * process group, SIGKILL after 10 s.
   * Safe to call again (a signal handler and a failing start may both call it).
   */
  function stopAll() {
    stopping = true;
    stopped ??= (async () => {
      for (const child of [...children].reverse()) await stopOnce(child);
      process.off('exit', killOnExit);
      fs.rmSync(path.join(runDir, LOCK_FILE), { force: true });
    })();
    return stopped;
  }

  /** Sends SIGKILL to every group at once: for a second Ctrl-C when stopping takes too long. */
  function killAll() {
    stopping = true;
    for (const child of children) killGroup(child.pid, 'SIGKILL');
  }

  return {
    start,
    stopAll,
    killAll,
    /** @param {(child: Supervised) => void} handler called when a ready process dies on its own */
    onUnexpectedExit(handler) {
      unexpectedExitHandler = handler;
    },
    /** @param {string} name */
    logPath: (name) => path.join(logDir, `${name}.log`),
    logDir,
    /** @returns {readonly Supervised[]} */
    get children() {
      return children;
    },
  };
}

/**
 * @param {ProcessSpec} spec
 * @param {string} logPath
 * @returns {Promise<import('node:child_process').ChildProcess>}
 */
function spawnDetached(spec, logPath) {
  const fd = fs.openSync(logPath, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
      uid: spec.uid,
      gid: spec.gid,
    });
    return new Promise((resolve, reject) => {
      child.once('spawn', () => resolve(child));
      child.once('error', (error) => reject(new ProcessFailure(spec.name, `could not be started: ${error.message}`, logPath, '')));
    });
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Waits for every promise, so that all failures are reported together and nothing is still
 * starting when the caller goes on to stop the stack; then throws if any failed.
 * @param {Promise<unknown>[]} promises
 */
export async function allSettledOrThrow(promises) {
  const results = await Promise.allSettled(promises);
  const errors = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) {
    throw new Error(errors.map((error) => (error instanceof Error ? error.message : String(error))).join('\n\n'));
  }
}

/**
 * @param {Supervised} entry
 * @param {ProcessSpec} spec
 */
async function waitUntilReady(entry, spec) {
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

/**
 * @param {Supervised} entry
 * @param {string} reason
 */
async function failure(entry, reason) {
  const tail = await logTail(entry.logPath, entry.logOffset);
  return new ProcessFailure(entry.name, reason, entry.logPath, tail);
}

/**
 * The last lines this run wrote to a log, indented for an error message.
 * @param {string} logPath
 * @param {number} [fromOffset]
 */
export async function logTail(logPath, fromOffset = 0, lines = LOG_TAIL_LINES) {
  const text = await readFrom(logPath, fromOffset).catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .slice(-lines)
    .map((line) => `    ${line}`)
    .join('\n');
}

/**
 * @param {string} file
 * @param {number} offset
 */
async function readFrom(file, offset) {
  const handle = await fsp.open(file, 'r');
  try {
    const { size } = await handle.stat();
    // Readiness lines come early; the tail of a huge log is all an error message needs.
    const start = Math.max(offset, size - 256 * 1024);
    const buffer = Buffer.alloc(Math.max(0, size - start));
    await handle.read(buffer, 0, buffer.length, start);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

/** @param {{ code: number | null, signal: NodeJS.Signals | null }} exit */
export function describeExit({ code, signal }) {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

/** @type {WeakMap<Supervised, Promise<void>>} */
const stops = new WeakMap();

/** @param {Supervised} child */
function stopOnce(child) {
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
function killGroup(pgid, signal) {
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
function groupAlive(pgid) {
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

/**
 * @param {string} runDir
 * @param {string} name
 */
function pidFile(runDir, name) {
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
function commandLine(pid) {
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
async function stopStaleProcesses(runDir) {
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
