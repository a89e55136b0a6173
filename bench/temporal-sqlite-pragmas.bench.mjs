#!/usr/bin/env node
// @ts-check
/* global process, console, setTimeout, clearTimeout, Buffer */
/**
 * Temporal dev server (SQLite): workflow starts/s, signals/s and completion time with SQLite's
 * default pragmas against `journal_mode=wal` + `synchronous=normal` (what infra/lib/temporal.mjs
 * passes). Each run starts the project's `temporal server start-dev` on a fresh db file, runs a
 * client and a worker in this process, then stops the server with SIGTERM.
 *
 *   node bench/temporal-sqlite-pragmas.bench.mjs [--workflows 1000] [--concurrency 50]
 *     [--signals 3] [--repeat 1] [--modes default,wal] [--port 27233] [--timeout 1800] [--wait-idle 120] [--max-other-cpu 15]
 *     [--out bench/results/temporal-sqlite-pragmas.json] [--keep]
 *
 * Not part of `npm test`. See bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { run } from '../infra/lib/run.mjs';
import { stateRoot, toolPaths } from '../infra/lib/settings.mjs';
import { createSupervisor } from '../infra/lib/supervisor.mjs';
import { BENCH_DIR, RESULTS_DIR, intFlag, machine, waitForQuiet, watchOtherCpu, pool, portFlag, printTable, round, rssMiB, writeResults } from './lib/bench.mjs';

const NAMESPACE = 'meic';
const WORKFLOWS_PATH = path.join(BENCH_DIR, 'temporal', 'workflows.js');

/** The pragma sets compared; `wal` is exactly what infra/lib/temporal.mjs passes. */
const MODES = /** @type {const} */ ({
  default: [],
  wal: ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal'],
});

const { values: flags } = parseArgs({
  options: {
    workflows: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '50' },
    signals: { type: 'string', default: '3' },
    repeat: { type: 'string', default: '1' },
    modes: { type: 'string', default: 'default,wal' },
    port: { type: 'string', default: '27233' },
    timeout: { type: 'string', default: '1800' },
    'wait-idle': { type: 'string', default: '120' },
    'max-other-cpu': { type: 'string', default: '15' },
    out: { type: 'string', default: path.join(RESULTS_DIR, 'temporal-sqlite-pragmas.json') },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  console.log('usage: node bench/temporal-sqlite-pragmas.bench.mjs [--workflows 1000] [--concurrency 50] [--signals 3] [--repeat 1] [--modes default,wal] [--port 27233] [--timeout 1800] [--wait-idle 120] [--max-other-cpu 15] [--out file] [--keep]');
  process.exit(0);
}

const params = {
  workflows: intFlag('workflows', flags.workflows),
  concurrency: intFlag('concurrency', flags.concurrency),
  signalsPerWorkflow: intFlag('signals', flags.signals),
  repeat: intFlag('repeat', flags.repeat),
  modes: /** @type {(keyof typeof MODES)[]} */ (flags.modes.split(',').map((m) => m.trim())),
  // gRPC frontend; the server's HTTP API and metrics endpoint take the next two ports.
  port: portFlag('port', flags.port),
  timeoutSeconds: intFlag('timeout', flags.timeout),
  waitIdleSeconds: Number(flags['wait-idle']),
  // Runs during which other programs used more of the CPU than this are kept but left out of the summary.
  maxOtherCpuPct: Number(flags['max-other-cpu']),
};
for (const mode of params.modes) if (!(mode in MODES)) throw new Error(`unknown mode "${mode}"; expected default and/or wal`);

const temporalBinary = toolPaths(stateRoot()).temporal;
if (!fs.existsSync(temporalBinary)) throw new Error(`${temporalBinary} is missing: run npm start or npm test once, which provision it`);

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meic-bench-temporal-'));
/** @type {import('../infra/lib/supervisor.mjs').Supervisor | undefined} */
let supervisor;

// A hard bound on the whole run: whatever hangs, the server is stopped and we exit non-zero.
const hardTimeout = setTimeout(() => {
  console.error(`\n✖ hard timeout of ${params.timeoutSeconds} s reached; stopping the server`);
  void abort(2);
}, params.timeoutSeconds * 1000);
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.once(signal, () => void abort(130));

/** @param {number} code */
async function abort(code) {
  await supervisor?.stopAll().catch(() => undefined);
  if (!flags.keep) fs.rmSync(root, { recursive: true, force: true });
  process.exit(code);
}

// ERROR: the worker warns that this bench registers no activities.
Runtime.install({ logger: new DefaultLogger('ERROR') });

async function main() {
  const bundleStarted = performance.now();
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') });
  console.log(`workflow bundle ready (${round((performance.now() - bundleStarted) / 1000)} s); ${params.workflows} workflows × ${params.signalsPerWorkflow} signals, ${params.concurrency} concurrent calls\n`);

  /** @type {Awaited<ReturnType<typeof runOnce>>[]} */
  const runs = [];
  for (let r = 0; r < params.repeat; r++) {
    for (const mode of params.modes) {
      const result = await runOnce(mode, r, workflowBundle);
      runs.push(result);
      console.log(
        `  ${mode.padEnd(7)} run ${r + 1}: ${result.startsPerSecond} starts/s, ${result.signalsPerSecond} signals/s, ` +
          `all completed after ${result.totalSeconds} s (server RSS ${result.serverRssMiB} MiB, stopped in ${result.serverStopSeconds} s; ` +
          `other programs used ${result.otherCpuPct}% of the CPU${result.disturbed ? ' — DISTURBED, left out of the summary' : ''})`,
      );
    }
  }

  const summary = Object.fromEntries(
    params.modes.map((mode) => {
      // Runs disturbed by other programs are left out, unless every run was.
      const clean = runs.filter((r) => r.mode === mode && !r.disturbed);
      const mine = clean.length > 0 ? clean : runs.filter((r) => r.mode === mode);
      const median = (/** @type {(r: (typeof runs)[number]) => number} */ pick) => {
        const sorted = mine.map(pick).sort((a, b) => a - b);
        const mid = Math.floor(sorted.length / 2);
        return sorted.length % 2 ? sorted[mid] : round((sorted[mid - 1] + sorted[mid]) / 2);
      };
      return [
        mode,
        {
          runs: mine.length,
          disturbedRunsLeftOut: clean.length > 0 ? runs.filter((r) => r.mode === mode && r.disturbed).length : 0,
          startsPerSecond: median((r) => r.startsPerSecond),
          signalsPerSecond: median((r) => r.signalsPerSecond),
          totalSeconds: median((r) => r.totalSeconds),
          serverRssMiB: median((r) => r.serverRssMiB ?? NaN),
        },
      ];
    }),
  );

  console.log('');
  printTable(
    ['pragmas', 'runs (left out)', 'starts/s', 'signals/s', 'total s', 'server RSS MiB'],
    params.modes.map((mode) => [mode, `${summary[mode].runs} (${summary[mode].disturbedRunsLeftOut})`, summary[mode].startsPerSecond, summary[mode].signalsPerSecond, summary[mode].totalSeconds, summary[mode].serverRssMiB]),
  );
  if (summary.default && summary.wal) {
    console.log(
      `\nwal / default: starts ×${round(summary.wal.startsPerSecond / summary.default.startsPerSecond, 2)}, ` +
        `signals ×${round(summary.wal.signalsPerSecond / summary.default.signalsPerSecond, 2)}, ` +
        `total time ×${round(summary.wal.totalSeconds / summary.default.totalSeconds, 2)}`,
    );
  }

  writeResults(path.resolve(flags.out), {
    benchmark: 'temporal-sqlite-pragmas',
    date: new Date().toISOString(),
    machine: machine(),
    parameters: {
      ...params,
      temporalCli: (await run(temporalBinary, ['--version'])).trim(),
      serverCommand: `temporal server start-dev --headless --ip 127.0.0.1 --port ${params.port} --http-port ${params.port + 1} --metrics-port ${params.port + 2} --db-filename <fresh tmp>/t.db --namespace ${NAMESPACE} --log-level warn [pragmas]`,
      pragmas: Object.fromEntries(params.modes.map((mode) => [mode, MODES[mode].filter((_, i) => i % 2 === 1)])),
      sdk: '@temporalio/client + @temporalio/worker 1.24 in one process, default worker options',
      workflow: `waitForSignals(${params.signalsPerWorkflow}): setHandler + condition, no activities`,
      definitions: {
        startsPerSecond: 'workflows / wall time of the start phase (client.workflow.start, bounded concurrency)',
        signalsPerSecond: 'workflows × signals / wall time of the signal phase (round-robin over workflows)',
        totalSeconds: 'from the first start until every workflow result was received',
        lastCloseSeconds: 'from the first start until the latest closeTime the server recorded (visibility)',
        otherCpuPct: 'share of the machine CPU (all cores) used during the run by processes other than this one and the server; runs above maxOtherCpuPct are marked disturbed and left out of the summary medians',
        summary: 'median over the undisturbed runs of each mode'
      },
    },
    reference: { source: '../shared/spec/infra.md', wal: { startsPerSecond: 246, signalsPerSecond: 695 }, default: { startsPerSecond: 99, signalsPerSecond: 270 } },
    summary,
    runs,
  });
}

/**
 * One fresh server, one measurement.
 * @param {keyof typeof MODES} mode
 * @param {number} repetition
 * @param {{ code: string }} workflowBundle
 */
async function runOnce(mode, repetition, workflowBundle) {
  const runDir = path.join(root, `${mode}-${repetition + 1}`);
  fs.mkdirSync(runDir, { recursive: true });
  const dbFile = path.join(runDir, 't.db');
  const address = `127.0.0.1:${params.port}`;
  // Other work on the machine shows up here: the figures of a busy machine are not comparable.
  const quiet = await waitForQuiet({ maxWaitMs: params.waitIdleSeconds * 1000 });
  const loadBefore = os.loadavg()[0];

  supervisor = await createSupervisor({ stackDir: runDir });
  const server = await supervisor.start({
    name: 'temporal',
    command: temporalBinary,
    args: [
      'server',
      'start-dev',
      '--headless',
      '--ip',
      '127.0.0.1',
      '--port',
      String(params.port),
      '--http-port',
      String(params.port + 1),
      '--metrics-port',
      String(params.port + 2),
      '--db-filename',
      dbFile,
      '--namespace',
      NAMESPACE,
      ...MODES[mode],
      '--log-level',
      'warn',
    ],
    ready: [{ check: () => clusterServing(address), description: '`temporal operator cluster health` → SERVING' }],
    readyTimeoutMs: 60_000,
  });

  const taskQueue = `bench-${mode}-${repetition + 1}`;
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: NAMESPACE });
  const workerConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection: workerConnection, namespace: NAMESPACE, taskQueue, workflowBundle });

  const { workflows, concurrency, signalsPerWorkflow } = params;
  /** @type {Record<string, number>} */
  const measured = {};
  const otherCpu = watchOtherCpu(() => [server.pid]);
  await worker.runUntil(async () => {
    const wallStart = Date.now();
    const t0 = performance.now();
    const handles = await pool(workflows, concurrency, (i) =>
      client.workflow.start('waitForSignals', { taskQueue, workflowId: `${taskQueue}-${i}`, args: [signalsPerWorkflow] }),
    );
    const tStarted = performance.now();
    await pool(workflows * signalsPerWorkflow, concurrency, (k) => handles[k % workflows].signal('tick'));
    const tSignalled = performance.now();
    const results = await pool(workflows, concurrency, (i) => handles[i].result());
    const tDone = performance.now();
    const wrong = results.filter((r) => r !== signalsPerWorkflow).length;
    if (wrong > 0) throw new Error(`${wrong} workflows returned an unexpected result`);

    measured.startSeconds = (tStarted - t0) / 1000;
    measured.signalSeconds = (tSignalled - tStarted) / 1000;
    measured.drainSeconds = (tDone - tSignalled) / 1000;
    measured.totalSeconds = (tDone - t0) / 1000;
    measured.lastCloseSeconds = await lastCloseSeconds(client, taskQueue, wallStart, workflows);
  });
  const serverRss = rssMiB(server.pid);
  const otherCpuPct = otherCpu();
  await workerConnection.close();
  await connection.close();

  const stopStarted = performance.now();
  await supervisor.stopAll();
  const serverStopSeconds = (performance.now() - stopStarted) / 1000;
  const dbBytes = ['', '-wal', '-shm'].reduce((sum, suffix) => sum + (fs.statSync(`${dbFile}${suffix}`, { throwIfNoEntry: false })?.size ?? 0), 0);
  const journalMode = readJournalMode(dbFile);

  return {
    mode,
    repetition: repetition + 1,
    startsPerSecond: round(workflows / measured.startSeconds),
    signalsPerSecond: round((workflows * signalsPerWorkflow) / measured.signalSeconds),
    startSeconds: round(measured.startSeconds, 2),
    signalSeconds: round(measured.signalSeconds, 2),
    drainSeconds: round(measured.drainSeconds, 2),
    totalSeconds: round(measured.totalSeconds, 2),
    lastCloseSeconds: measured.lastCloseSeconds === null ? null : round(measured.lastCloseSeconds, 2),
    serverRssMiB: serverRss,
    serverStopSeconds: round(serverStopSeconds, 2),
    dbMiB: round(dbBytes / 2 ** 20),
    otherCpuPct,
    disturbed: otherCpuPct > params.maxOtherCpuPct,
    cpuBusyPctBefore: quiet.cpuBusyPct,
    quietBefore: quiet.quiet,
    loadAverage1mBefore: round(loadBefore, 2),
    loadAverage1mAfter: round(os.loadavg()[0], 2),
    journalModeOnDisk: journalMode,
  };
}

/**
 * The latest close time the server recorded for this run's workflows, relative to the first start.
 * @param {Client} client
 * @param {string} taskQueue
 * @param {number} wallStart
 * @param {number} expected
 */
async function lastCloseSeconds(client, taskQueue, wallStart, expected) {
  // Visibility is written after the execution closes: give it a few seconds to catch up.
  const deadline = Date.now() + 10_000;
  for (;;) {
    let count = 0;
    try {
      let last = 0;
      for await (const execution of client.workflow.list({ query: `TaskQueue = "${taskQueue}" AND ExecutionStatus = "Completed"` })) {
        count += 1;
        last = Math.max(last, execution.closeTime?.getTime() ?? 0);
      }
      if (count === expected) return (last - wallStart) / 1000;
    } catch (error) {
      console.warn(`  (visibility query failed: ${error instanceof Error ? error.message : String(error)})`);
      return null;
    }
    if (Date.now() > deadline) {
      console.warn(`  (visibility lists ${count} of ${expected} completed workflows; lastCloseSeconds not reported)`);
      return null;
    }
    await sleep(250);
  }
}

/**
 * WAL mode is persistent in the file header (bytes 18–19 are 2 for WAL, 1 for rollback journal).
 * @param {string} dbFile
 */
function readJournalMode(dbFile) {
  try {
    const fd = fs.openSync(dbFile, 'r');
    const header = Buffer.alloc(20);
    fs.readSync(fd, header, 0, 20, 0);
    fs.closeSync(fd);
    return header[18] === 2 ? 'wal' : 'rollback';
  } catch {
    return null;
  }
}

/** @param {string} address */
async function clusterServing(address) {
  const output = await run(temporalBinary, ['operator', 'cluster', 'health', '--address', address, '--disable-config-file', '--disable-config-env'], { timeoutMs: 5_000 });
  if (!output.includes('SERVING')) throw new Error(output.trim());
}

main()
  .then(async () => {
    clearTimeout(hardTimeout);
    if (!flags.keep) fs.rmSync(root, { recursive: true, force: true });
    else console.log(`kept ${root}`);
    process.exit(0);
  })
  .catch(async (error) => {
    console.error(`\n✖ ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await supervisor?.stopAll().catch(() => undefined);
    console.error(`logs kept in ${root}`);
    process.exit(1);
  });
