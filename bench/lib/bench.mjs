// @ts-check
/* global process, console */
/**
 * Helpers shared by the benchmarks in bench/: machine description, a bounded-concurrency
 * runner, percentiles, a plain-text table and the JSON result file.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const REPO_ROOT = path.dirname(BENCH_DIR);
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');

/** What the figures were measured on. */
export function machine() {
  const cpus = os.cpus();
  return {
    nproc: os.availableParallelism(),
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemoryBytes: os.totalmem(),
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    gitCommit: gitCommit(),
  };
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/**
 * Runs `task(i)` for i in [0, count) with at most `concurrency` in flight; rejects on the first failure.
 * @template T
 * @param {number} count
 * @param {number} concurrency
 * @param {(i: number) => Promise<T>} task
 * @returns {Promise<T[]>}
 */
export async function pool(count, concurrency, task) {
  /** @type {T[]} */
  const results = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return results;
}

/**
 * Nearest-rank percentile of already sorted values.
 * @param {number[]} sorted
 * @param {number} p 0–100
 */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * @param {number[]} values
 * @param {number} [digits]
 */
export function summarize(values, digits = 1) {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (/** @type {number} */ v) => Math.round(v * 10 ** digits) / 10 ** digits;
  return {
    n: sorted.length,
    min: round(sorted[0] ?? NaN),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted.at(-1) ?? NaN),
    mean: round(sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1)),
  };
}

/**
 * @param {number} value
 * @param {number} [digits]
 */
export function round(value, digits = 1) {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

/**
 * Prints rows as an aligned table.
 * @param {string[]} header
 * @param {(string | number)[][]} rows
 */
export function printTable(header, rows) {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (/** @type {string[]} */ row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells.slice(1)) console.log(line(row));
}

/**
 * Writes bench/results/<name>.json (or another path) atomically.
 * @param {string} file
 * @param {unknown} data
 */
export function writeResults(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`);
  fs.renameSync(tmp, file);
  console.log(`\nresults written to ${path.relative(process.cwd(), file) || file}`);
}

/**
 * Resident memory of a process in MiB, or null when it is gone.
 * @param {number} pid
 */
export function rssMiB(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * A port number from a flag, checked to be in the range reserved for benchmarks.
 * @param {string} name
 * @param {string | undefined} value
 */
export function portFlag(name, value) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new Error(`--${name}=${value} is not a usable TCP port`);
  return port;
}

/**
 * A positive integer from a flag.
 * @param {string} name
 * @param {string | undefined} value
 */
export function intFlag(name, value) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}=${value} is not a positive integer`);
  return n;
}

/** Total and idle jiffies of all CPUs from /proc/stat. */
function cpuTimes() {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0); // idle + iowait
  return { total: values.reduce((a, b) => a + b, 0), idle };
}

/**
 * Share of CPU time (all cores) spent busy over `ms` — to see whether something else runs.
 * @param {number} [ms]
 */
export async function cpuBusyPct(ms = 1000) {
  const before = cpuTimes();
  await new Promise((resolve) => globalThis.setTimeout(resolve, ms));
  const after = cpuTimes();
  const total = after.total - before.total;
  return total > 0 ? round(100 * (1 - (after.idle - before.idle) / total)) : 0;
}

/**
 * Other people's test runs share this machine. Waits (at most maxWaitMs) until the CPU is
 * less than thresholdPct busy over one second, and reports what it saw.
 * @param {{ maxWaitMs: number, thresholdPct?: number }} options
 */
export async function waitForQuiet({ maxWaitMs, thresholdPct = 20 }) {
  const started = Date.now();
  let announced = false;
  for (;;) {
    const busy = await cpuBusyPct(1000);
    const waitedSeconds = round((Date.now() - started) / 1000);
    if (busy < thresholdPct) return { cpuBusyPct: busy, quiet: true, waitedSeconds };
    if (Date.now() - started >= maxWaitMs) {
      console.log(`  (CPU still ${busy}% busy after ${waitedSeconds} s: measuring anyway, figures may be low)`);
      return { cpuBusyPct: busy, quiet: false, waitedSeconds };
    }
    if (!announced) {
      console.log(`  (CPU ${busy}% busy with other work: waiting up to ${Math.round(maxWaitMs / 1000)} s for it to calm down)`);
      announced = true;
    }
  }
}

/**
 * CPU jiffies used so far by this process and by every process in the given process groups
 * (the supervisor starts each server in a group of its own).
 * @param {number[]} pgids
 */
function ownJiffies(pgids) {
  const groups = new Set(pgids);
  let sum = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …"
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(entry) === process.pid || groups.has(Number(fields[2]))) sum += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited while we looked
    }
  }
  return sum;
}

/**
 * Starts watching how much CPU other programs take while we measure. The returned function
 * gives the share of the machine's CPU (all cores, %) used by processes that are neither this
 * one nor in the given process groups.
 * @param {() => number[]} pgids read again at the end, for groups started meanwhile
 */
export function watchOtherCpu(pgids) {
  const before = cpuTimes();
  const ownBefore = ownJiffies(pgids());
  return () => {
    const after = cpuTimes();
    const own = ownJiffies(pgids()) - ownBefore;
    const total = after.total - before.total;
    const busy = total - (after.idle - before.idle);
    return total > 0 ? round(Math.max(0, (100 * (busy - own)) / total)) : 0;
  };
}
