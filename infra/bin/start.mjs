#!/usr/bin/env node
// @ts-check
/**
 * `npm start`: install, build, provision, start the infrastructure and every service, print
 * where everything is, and stay in the foreground until Ctrl-C, which stops all of it.
 *
 *   npm start                     persistent stack in .local/ (MEIC_STATE_DIR)
 *   npm start -- --skip-build     use the dist/ folders as they are
 *   MEIC_DEMO=0 npm start         start without the demo data
 */
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ensureBuilt, ensureInstalled } from '../lib/bootstrap.mjs';
import { formatDuration, info, step, warn } from '../lib/log.mjs';
import { provision } from '../lib/provision.mjs';
import { signalActiveChildren } from '../lib/run.mjs';
import { APP_PROCESSES, JWT, REPO_ROOT, TEMPORAL, devPorts, processEnv, stackPaths, stateRoot } from '../lib/settings.mjs';
import { startInfra } from '../lib/stack.mjs';
import { allSettledOrThrow, createSupervisor, describeExit, logTail } from '../lib/supervisor.mjs';
import { devTokens, ensureKeyPair, writeServiceTokens } from '../lib/tokens.mjs';
import { callerToken, localServiceUrls, onboardingPackage } from '../lib/onboarding.mjs';

/** @typedef {import('../lib/supervisor.mjs').Supervisor} Supervisor */
/** @typedef {import('../lib/settings.mjs').AppProcess} AppProcess */
/** @typedef {import('../lib/settings.mjs').DevPorts} DevPorts */

const { values: options } = parseArgs({
  options: {
    'skip-build': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (options.help) {
  info('usage: npm start [-- --skip-build]   (MEIC_DEMO=0 skips the demo data, MEIC_STATE_DIR moves .local/)');
  process.exit(0);
}

const stateDir = stateRoot();
const paths = stackPaths(stateDir);
/** @type {Supervisor | undefined} */
let supervisor;
let running = false;
let stopping = false;
// Ctrl-C stops the demo load between records; the next start resumes it.
const demoAbort = new AbortController();

installSignalHandlers();
main().catch(async (error) => {
  if (stopping) return;
  info(`\n✖ npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});

async function main() {
  const started = performance.now();
  const ports = devPorts();
  await ensureInstalled(REPO_ROOT);
  if (!options['skip-build']) await ensureBuilt(REPO_ROOT);
  const tools = await provision(stateDir);

  supervisor = await createSupervisor({ stackDir: stateDir });
  const sup = supervisor;
  sup.onUnexpectedExit((child) => void died(child));
  const infra = await step('infrastructure: Kafka, Temporal, PostgreSQL', () =>
    startInfra({ stateDir, ports, supervisor: sup }),
  );

  const keys = ensureKeyPair(tools.devKeys);
  // Written before the dashboard starts, whose sign-in page offers these tokens.
  const tokens = await devTokens(keys.privateKeyFile);
  await fs.writeFile(paths.devTokens, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  await writeServiceTokens(keys.privateKeyFile, APP_PROCESSES, paths.serviceToken);

  const context = { ports, stackDir: stateDir, infraEnv: infra.env, databaseUrl: infra.databaseUrl, jwtPublicKeyFile: keys.publicKeyFile };
  const apps = await step('services', () => startApps(sup, context));

  running = true;
  printSummary({ ports, started: apps, tokens, elapsedMs: performance.now() - started });
  if (process.env.MEIC_DEMO !== '0') {
    // A failed load leaves a running stack: say why and how to resume, do not stop everything.
    await loadDemo(ports).catch((error) => {
      if (!stopping) warn(`Demo data: the load stopped: ${error instanceof Error ? error.message : String(error)}. The next npm start (or npm run demo) resumes it.`);
    });
  }
  info('Press Ctrl-C to stop everything.');
}

/**
 * Starts every application process that has been built; each waits for those it needs.
 * @param {Supervisor} sup
 * @param {Omit<import('../lib/settings.mjs').EnvContext, 'parentEnv'>} context
 * @returns {Promise<AppProcess[]>} the processes started
 */
async function startApps(sup, context) {
  const built = APP_PROCESSES.filter((proc) => existsSync(path.join(REPO_ROOT, proc.entry)));
  const notBuilt = APP_PROCESSES.filter((proc) => !built.includes(proc));
  if (notBuilt.length > 0) warn(`not built, so not started: ${notBuilt.map((proc) => proc.entry).join(', ')}`);

  /** @type {Map<string, Promise<unknown>>} */
  const ready = new Map();
  for (const proc of built) {
    const dependencies = (proc.after ?? []).flatMap((name) => ready.get(name) ?? []);
    ready.set(
      proc.name,
      Promise.all(dependencies).then(() => sup.start(appSpec(proc, context))),
    );
  }
  await allSettledOrThrow([...ready.values()]);
  return built;
}

/**
 * @param {AppProcess} proc
 * @param {Omit<import('../lib/settings.mjs').EnvContext, 'parentEnv'>} context
 * @returns {import('../lib/supervisor.mjs').ProcessSpec}
 */
function appSpec(proc, context) {
  return {
    name: proc.name,
    command: process.execPath,
    args: ['--enable-source-maps', path.join(REPO_ROOT, proc.entry)],
    cwd: path.join(REPO_ROOT, proc.workspace),
    env: processEnv(proc, context),
    ready: [{ http: `http://127.0.0.1:${context.ports[proc.port]}${proc.readyPath}` }],
    // Services apply their migrations and connect to Kafka and Temporal before they are ready.
    readyTimeoutMs: 120_000,
  };
}

/**
 * Loads the demo programme (@meic/onboarding) into an empty stack through the public APIs, after
 * the URLs are printed: the stack is usable while it fills. `demo.json` in the state directory
 * remembers the seed and reference date, so a load interrupted by Ctrl-C resumes with the same
 * programme at the next start, and a loaded stack is not loaded twice. A stack that already has
 * sites of its own is left alone.
 * @param {DevPorts} ports
 */
async function loadDemo(ports) {
  const marker = path.join(stateDir, 'demo.json');
  /** @type {{ seed: number, referenceDate: string, status: 'loading' | 'loaded', loadedAt?: string, loadSeconds?: number } | undefined} */
  const state = existsSync(marker) ? JSON.parse(await fs.readFile(marker, 'utf8')) : undefined;
  if (state?.status === 'loaded') {
    info(`Demo data: loaded ${state.loadedAt} (seed ${state.seed}, reference date ${state.referenceDate}); npm run reset starts afresh.`);
    return;
  }
  const { ApiClient, runDemo, DEMO_DEFAULT_SEED } = onboardingPackage();
  const client = new ApiClient({ urls: localServiceUrls(ports), token: await callerToken(stateDir) });
  if (!state) {
    const sites = /** @type {{ items: unknown[] }} */ (await client.read('stakeholders', '/v1/sites?limit=1'));
    if (sites.items.length > 0) {
      info('Demo data: this stack already has sites, so the demo programme was not loaded (npm run reset empties it; npm run demo loads it anyway).');
      return;
    }
  }
  const seed = state?.seed ?? (process.env.MEIC_DEMO_SEED ? Number(process.env.MEIC_DEMO_SEED) : DEMO_DEFAULT_SEED);
  const referenceDate = state?.referenceDate ?? new Date().toISOString().slice(0, 10);
  await fs.writeFile(marker, `${JSON.stringify({ seed, referenceDate, status: 'loading' }, null, 2)}\n`);
  info(`\nDemo data: loading the demo programme${state ? ' (resuming the interrupted load)' : ''} — the stack is usable meanwhile.`);
  const started = performance.now();
  const report = await runDemo(
    { client, stdout: process.stderr, stderr: process.stderr, interactive: Boolean(process.stderr.isTTY) },
    { seed, referenceDate, signal: demoAbort.signal },
  );
  if (!report || report.aborted) return;
  const loadSeconds = Math.round((performance.now() - started) / 1000);
  await fs.writeFile(marker, `${JSON.stringify({ seed, referenceDate, status: 'loaded', loadedAt: new Date().toISOString(), loadSeconds }, null, 2)}\n`);
  info(`Demo data: loaded in ${formatDuration(loadSeconds * 1000)}. Pathway tasks for stalled pathways and due follow-ups appear within 10 minutes (the pathways' catch-up grace).`);
}

/**
 * @param {{ ports: DevPorts, started: AppProcess[], tokens: { role: string, sites: string[], token: string }[], elapsedMs: number }} summary
 */
function printSummary({ ports, started, tokens, elapsedMs }) {
  const url = (/** @type {number} */ port) => `http://127.0.0.1:${port}`;
  /** @type {[string, string][]} */
  const rows = [];
  for (const proc of started) {
    const base = url(ports[proc.port]);
    if (proc.name === 'pathway-worker') rows.push([proc.title, `${base}${proc.readyPath} (health)`]);
    else if (proc.openApi) rows.push([proc.title, `${base}  (OpenAPI ${base}/openapi.json)`]);
    else rows.push([proc.title, base]);
  }
  rows.push(['Temporal UI', `${url(ports.temporalUi)}  (gRPC 127.0.0.1:${ports.temporal}, namespace ${TEMPORAL.namespace})`]);
  rows.push(['Kafka bootstrap', `127.0.0.1:${ports.kafka}`]);
  rows.push(['PostgreSQL', `postgres://meic:meic@127.0.0.1:${ports.postgres}/<database>`]);

  const out = [`\nMEIC platform running (ready in ${formatDuration(elapsedMs)})\n`];
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value] of rows) out.push(`  ${name.padEnd(width)}  ${value}`);
  out.push(`\nDevelopment tokens (valid ${JWT.devTokenTtl}; npm run token -- --role <role> [--sites IT-RM] for another):`);
  for (const { role, sites, token } of tokens) {
    out.push(`  ${role}${sites.length ? ` (${sites.join(',')})` : ''}\n    ${token}`);
  }
  out.push(`\nLogs: ${path.join(stateDir, 'logs')}/<name>.log   Tokens for the dashboard: ${paths.devTokens}\n`);
  process.stdout.write(`${out.join('\n')}\n`);
}

/** @param {import('../lib/supervisor.mjs').Supervised} child */
async function died(child) {
  const exit = child.exited ? describeExit(child.exited) : 'unknown status';
  warn(`${child.name} stopped unexpectedly (${exit}); log: ${child.logPath}`);
  const tail = await logTail(child.logPath, child.logOffset);
  if (tail) info(tail);
  await shutdown(1);
}

function installSignalHandlers() {
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.on(signal, () => {
      if (stopping) {
        warn(`${signal} again: killing everything now`);
        supervisor?.killAll();
        signalActiveChildren('SIGKILL');
        process.exit(1);
      }
      info(`\n${signal} received, stopping everything (${signal} again to kill at once)…`);
      // A signal after start-up is how one stops the stack; before, it interrupts the start.
      void shutdown(running ? 0 : 130);
    });
  }
}

/** @param {number} code */
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  demoAbort.abort();
  signalActiveChildren('SIGTERM');
  const started = performance.now();
  await supervisor?.stopAll();
  if (supervisor) info(`stopped in ${formatDuration(performance.now() - started)}`);
  process.exit(code);
}
