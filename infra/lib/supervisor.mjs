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
import path from 'node:path';
import { ProcessFailure } from './supervisor/logs.mjs';
import { commandLine, LOCK_FILE, liveSupervisor, pidFile, stopStaleProcesses } from './supervisor/pid-files.mjs';
import { killGroup, stopOnce } from './supervisor/process-groups.mjs';
import { waitUntilReady } from './supervisor/probes.mjs';

export { describeExit, logTail, ProcessFailure } from './supervisor/logs.mjs';
export { liveProcesses, liveSupervisor } from './supervisor/pid-files.mjs';
export { tcpOpen } from './supervisor/probes.mjs';

/**
 * @typedef {import('./supervisor/probes.mjs').Probe} Probe
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
    // Listened for before the first await: a child that dies while its pid file is being written
    // is still seen to exit (its start then fails at once, naming the exit, instead of timing out).
    child.once('exit', (code, signal) => {
      entry.exited = { code, signal };
      fs.rmSync(pidFile(runDir, spec.name), { force: true });
      if (entry.ready && !stopping) unexpectedExitHandler?.(entry);
    });
    await fsp.writeFile(pidFile(runDir, spec.name), `${pid}\n${JSON.stringify(argv)}\n${entry.stopSignal}\n`);
    if (entry.exited) fs.rmSync(pidFile(runDir, spec.name), { force: true });
    if (stopping) {
      // stopAll() ran while this one was being spawned.
      await stopOnce(entry);
      throw new Error(`${spec.name} was stopped while starting: the stack is stopping`);
    }

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
