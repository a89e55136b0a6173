// @ts-check
/** Log reading: the tail of a process's log for error messages, and how it exited. */
import fsp from 'node:fs/promises';

const LOG_TAIL_LINES = 20;

/**
 * @typedef {import('../supervisor.mjs').Supervised} Supervised
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

/**
 * @param {Supervised} entry
 * @param {string} reason
 */
export async function failure(entry, reason) {
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
export async function readFrom(file, offset) {
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
