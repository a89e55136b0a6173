// @ts-check
/** Running tools to completion (mvn, go, npm, initdb, the temporal CLI) with useful errors. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { progress } from './log.mjs';

/** Tools running right now, so that Ctrl-C during a build stops the build too. */
/** @type {Set<import('node:child_process').ChildProcess>} */
const active = new Set();

const TAIL_LINES = 40;

/**
 * @typedef {object} RunOptions
 * @property {string} [cwd]
 * @property {NodeJS.ProcessEnv} [env]
 * @property {string} [progress] label for an elapsed-time indicator fed with the tool's output
 * @property {boolean} [inherit] the tool prints straight to our stdout/stderr
 * @property {number} [uid]
 * @property {number} [gid]
 * @property {number} [timeoutMs]
 */

export class RunError extends Error {
  /**
   * @param {string} message
   * @param {number | null} code
   * @param {string} output
   */
  constructor(message, code, output) {
    super(message);
    this.name = 'RunError';
    this.code = code;
    this.output = output;
  }
}

/**
 * Runs a tool to completion and resolves with its stdout. A failure rejects with the
 * command, its exit status and the last lines it printed — enough to act on without
 * digging for a log.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {RunOptions} [options]
 * @returns {Promise<string>}
 */
export function run(command, args, options = {}) {
  const shown = [command, ...args].join(' ');
  const indicator = options.progress ? progress(options.progress) : undefined;
  /** @type {string[]} */
  const tail = [];
  let stdout = '';

  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: options.inherit ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
      uid: options.uid,
      gid: options.gid,
      timeout: options.timeoutMs,
      killSignal: 'SIGTERM',
    });
    active.add(child);

    /** @param {Buffer} chunk */
    const collect = (chunk) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
        indicator?.line(line);
      }
    };
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      collect(chunk);
    });
    child.stderr?.on('data', collect);

    child.on('error', (error) => {
      active.delete(child);
      indicator?.stop();
      reject(new RunError(`cannot run ${command}: ${error.message}`, null, ''));
    });
    child.on('close', (code, signal) => {
      active.delete(child);
      indicator?.stop();
      if (code === 0) return resolve(stdout);
      const status = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const output = tail.join('\n');
      reject(new RunError(`${shown} ${status}${output ? `\n${indent(output)}` : ''}`, code, output));
    });
  });
}

/**
 * Runs a tool attached to our terminal and resolves with its exit code (jest decides ours).
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<number>}
 */
export function runAttached(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: 'inherit' });
    active.add(child);
    child.on('error', (error) => {
      active.delete(child);
      reject(new Error(`cannot run ${command}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      active.delete(child);
      resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 0));
    });
  });
}

/**
 * Passes a signal on to the tools running right now.
 * @param {NodeJS.Signals} signal
 */
export function signalActiveChildren(signal) {
  for (const child of active) child.kill(signal);
  return active.size;
}

/**
 * Where an executable is on PATH, without depending on `which`.
 * @param {string} name
 * @returns {string | undefined}
 */
export function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** @param {string} text */
export function indent(text, prefix = '    ') {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}
