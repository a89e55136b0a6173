#!/usr/bin/env node
// @ts-check
/* global process, console, setTimeout, clearTimeout, fetch, performance, Buffer */
/**
 * KPI query latency: how long the analytics KPI API takes to answer on the demo programme
 * (`--data demo`, the default: tools/onboarding's generator, seed 2026, 5,036 people at 13
 * sites, as the events the services would publish) or on the inline programme of the planned demo
 * (`--data planned --people 5000`), as `consortium_lead` (cell-key perturbation at release dates,
 * docs/adr/0012) and as `site_staff` of every site (exact).
 *
 * Starts a private stack — Kafka, Temporal, PostgreSQL through infra/lib/stack.mjs and the built
 * analytics service as a child process — in a state directory under /tmp on ports 27000–27999,
 * produces a seeded, deterministic programme history to the Kafka topics as CloudEvents (binary
 * mode, as the services' outbox relays send them), waits until it is all stored, then times the
 * first (cold) and `--repeat` further (warm) requests of each endpoint per role. Stops everything.
 *
 *   node bench/kpi-query-latency.bench.mjs [--people 5000] [--seed 1] [--repeat 20] [--port-base 27500]
 *     [--timeout 1800] [--wait-idle 120] [--out bench/results/kpi-query-latency.json] [--keep]
 *
 * Needs the built analytics service (`npx turbo run build --filter=@meic/analytics...`) and the
 * provisioned tools in .local/. Not part of npm test.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import kafkajs from 'kafkajs';
import { APP_PROCESSES, REPO_ROOT, processEnv } from '../infra/lib/settings.mjs';
import { startInfra } from '../infra/lib/stack.mjs';
import { createSupervisor, tcpOpen } from '../infra/lib/supervisor.mjs';
import { ensureKeyPair, signToken } from '../infra/lib/tokens.mjs';
import { RESULTS_DIR, intFlag, machine, printTable, round, rssMiB, summarize, waitForQuiet, watchOtherCpu, writeResults } from './lib/bench.mjs';
import { requireSource } from './lib/ts-sources.mjs';

const { values: flags } = parseArgs({
  options: {
    data: { type: 'string', default: 'demo' },
    people: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '1' },
    repeat: { type: 'string', default: '20' },
    'port-base': { type: 'string', default: '27500' },
    timeout: { type: 'string', default: '1800' },
    'wait-idle': { type: 'string', default: '120' },
    out: { type: 'string', default: path.join(RESULTS_DIR, 'kpi-query-latency.json') },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  console.log(
    'usage: node bench/kpi-query-latency.bench.mjs [--data demo|planned] [--people 5000] [--seed 1] [--repeat 20] [--port-base 27500] [--timeout 1800] [--wait-idle 120] [--out file] [--keep]',
  );
  process.exit(0);
}

const base = Number(flags['port-base']);
// Every port stays below base + 500, so base 27500 keeps the stack inside 27000–27999 and apart
// from the walking-skeleton bench (27000…27733) and the Temporal bench (27233–27235).
if (!Number.isInteger(base) || base < 27000 || base + 499 > 27999) throw new Error(`--port-base=${flags['port-base']}: the stack needs base … base+499 inside 27000–27999`);
const ports = {
  kafka: base + 92,
  kafkaController: base + 93,
  temporal: base + 333,
  postgres: base + 432,
  analytics: base + 4,
};
if (flags.data !== 'demo' && flags.data !== 'planned') throw new Error(`--data=${flags.data}: demo or planned`);
const params = {
  data: flags.data,
  people: intFlag('people', flags.people),
  seed: Number(flags.seed),
  repeat: intFlag('repeat', flags.repeat),
  ports,
  timeoutSeconds: intFlag('timeout', flags.timeout),
  waitIdleSeconds: Number(flags['wait-idle']),
};
if (!Number.isInteger(params.seed)) throw new Error('--seed must be an integer');

/** Enrolments run over 24 months; events after DATA_CUT are not produced (the queries use today as asOf). */
const HISTORY = { start: '2024-11-01', end: '2026-10-31', cut: '2026-11-23' };

/**
 * The planned demo: 15 sites in 8 countries, 3 programmes; IT and GR take part in two. `weight` is
 * the share of enrolments (MT-VLT, CY-LIM and DE-BER are small: ≈ 25, 40 and 15 people of 5000),
 * `startMonth` the month of the history the site opened in.
 */
const SITES = [
  { code: 'IT-RM', country: 'IT', programme: 'AMIL', city: 'Roma', lang: 'it', weight: 14, startMonth: 0 },
  { code: 'IT-MI', country: 'IT', programme: 'AMIL', city: 'Milano', lang: 'it', weight: 12, startMonth: 0 },
  { code: 'IT-TO', country: 'IT', programme: 'AMIL', city: 'Torino', lang: 'it', weight: 9, startMonth: 2 },
  { code: 'MT-VLT', country: 'MT', programme: 'AMIL', city: 'Valletta', lang: 'en', weight: 0.5, startMonth: 6 },
  { code: 'GR-THE', country: 'GR', programme: 'AMIL', city: 'Thessaloniki', lang: 'el', weight: 6, startMonth: 4 },
  { code: 'GR-ATH', country: 'GR', programme: 'LIME', city: 'Athina', lang: 'el', weight: 12, startMonth: 0 },
  { code: 'CY-NIC', country: 'CY', programme: 'LIME', city: 'Lefkosia', lang: 'el', weight: 8, startMonth: 0 },
  { code: 'CY-LIM', country: 'CY', programme: 'LIME', city: 'Lemesos', lang: 'el', weight: 0.8, startMonth: 9 },
  { code: 'PT-LIS', country: 'PT', programme: 'LIME', city: 'Lisboa', lang: 'pt', weight: 2, startMonth: 3 },
  { code: 'ES-MAD', country: 'ES', programme: 'AMIR', city: 'Madrid', lang: 'es', weight: 11, startMonth: 0 },
  { code: 'ES-BCN', country: 'ES', programme: 'AMIR', city: 'Barcelona', lang: 'es', weight: 9, startMonth: 1 },
  { code: 'ES-VLC', country: 'ES', programme: 'AMIR', city: 'Valencia', lang: 'es', weight: 5, startMonth: 6 },
  { code: 'IT-PA', country: 'IT', programme: 'AMIR', city: 'Palermo', lang: 'it', weight: 7, startMonth: 3 },
  { code: 'FR-MRS', country: 'FR', programme: 'AMIR', city: 'Marseille', lang: 'fr', weight: 6, startMonth: 5 },
  { code: 'DE-BER', country: 'DE', programme: 'AMIR', city: 'Berlin', lang: 'de', weight: 0.3, startMonth: 12 },
];

/** The requests timed, each per role. */
const ENDPOINTS = [
  '/v1/kpis/overview?groupBy=site',
  '/v1/kpis/overview?groupBy=country',
  '/v1/kpis/overview?groupBy=programme',
  '/v1/kpis/funnel?groupBy=site',
  '/v1/kpis/time-to-placement?groupBy=country',
  '/v1/kpis/trends?metric=placed&interval=month&groupBy=site',
  '/v1/kpis/breakdown?metric=placementRate&by=sex&groupBy=site',
  '/v1/kpis/breakdown?metric=enrolled&by=citizenship&groupBy=country',
  '/v1/kpis/cohorts?a.programme=LIME&b.programme=AMIL',
  '/v1/indicators?period=2026',
];
const ROLES = /** @type {const} */ (['consortium_lead', 'site_staff']);

const stateDir = path.join(os.tmpdir(), `meic-bench-kpi-${process.pid}`);
/** @type {import('../infra/lib/supervisor.mjs').Supervisor | undefined} */
let supervisor;
/** @type {import('kafkajs').Producer | undefined} */
let producer;
let finishing = false;

const hardTimeout = setTimeout(() => {
  console.error(`\n✖ hard timeout of ${params.timeoutSeconds} s reached; stopping everything`);
  void finish(2);
}, params.timeoutSeconds * 1000);
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.once(signal, () => void finish(130));

const now = () => performance.now();

/** @param {number} code */
async function finish(code) {
  if (finishing) return;
  finishing = true;
  clearTimeout(hardTimeout);
  await producer?.disconnect().catch(() => undefined);
  if (supervisor) {
    console.log('\nstopping the stack…');
    await supervisor.stopAll().catch(() => undefined);
  }
  if (code === 0 && !flags.keep) fs.rmSync(stateDir, { recursive: true, force: true });
  else console.log(`state and logs kept in ${stateDir}`);
  process.exit(code);
}

async function main() {
  const startedAt = now();

  // The data first: generated and checked against the contract's JSON Schemas before anything starts.
  const t0 = now();
  const events = params.data === 'demo' ? demoHistory() : generateHistory(params.seed, params.people);
  const generateMs = now() - t0;
  const validated = validateAgainstSchemas(events);
  const sites = [...new Set(events.filter((e) => e.type === 'meic.beneficiary.enrolled.v2').map((e) => e.site))].sort();
  const byType = countBy(events, (e) => e.type);
  const byTopic = countBy(events, (e) => e.topic);
  console.log(`${events.length} events (${params.data}) at ${sites.length} sites, generated in ${Math.round(generateMs)} ms; all ${validated} valid against packages/contracts/schemas`);

  fs.mkdirSync(stateDir, { recursive: true, mode: 0o755 });
  fs.chmodSync(stateDir, 0o755); // PostgreSQL runs as its own system user when we are root
  if (await tcpOpen(ports.analytics)) throw new Error(`port ${ports.analytics} in use; choose another --port-base`);

  const quiet = await waitForQuiet({ maxWaitMs: params.waitIdleSeconds * 1000 });
  const stackStartedAt = now();
  console.log(`private stack in ${stateDir} (ports ${base}–${base + 499})`);
  supervisor = await createSupervisor({ stackDir: stateDir, wipe: true });
  const sup = supervisor;
  sup.onUnexpectedExit((child) => {
    console.error(`\n✖ ${child.name} stopped unexpectedly; log: ${child.logPath}`);
    void finish(1);
  });
  const infra = await startInfra({
    stateDir,
    ports: { kafka: ports.kafka, kafkaController: ports.kafkaController, temporal: ports.temporal, postgres: ports.postgres },
    fresh: true,
    supervisor: sup,
  });

  const keys = ensureKeyPair(path.join(stateDir, 'jwt'));
  /** @type {NodeJS.ProcessEnv} */
  const parentEnv = { ...process.env, LOG_LEVEL: 'warn' };
  // The service's defaults, whatever the shell has: embedded chdb, minimum cell 5, default ingest batching.
  for (const name of ['CLICKHOUSE_URL', 'KAFKA_CONSUMER_GROUP', 'CLICKHOUSE_DATABASE', 'MEIC_MIN_CELL', 'INGEST_BATCH_SIZE', 'INGEST_FLUSH_MS', 'INGEST_TOPICS', 'INDICATOR_CATALOGUE']) delete parentEnv[name];
  const analyticsProc = APP_PROCESSES.find((p) => p.name === 'analytics');
  if (!analyticsProc) throw new Error('no analytics process in infra/lib/settings.mjs');
  const entry = path.join(REPO_ROOT, analyticsProc.entry);
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run npx turbo run build --filter=@meic/analytics... first`);
  const context = { ports, stackDir: stateDir, infraEnv: infra.env, databaseUrl: infra.databaseUrl, jwtPublicKeyFile: keys.publicKeyFile, parentEnv };
  const ts = now();
  const analytics = await sup.start({
    name: 'analytics',
    command: process.execPath,
    args: ['--enable-source-maps', entry],
    cwd: path.join(REPO_ROOT, analyticsProc.workspace),
    env: processEnv(analyticsProc, /** @type {any} */ (context)),
    ready: [{ http: `http://127.0.0.1:${ports.analytics}${analyticsProc.readyPath}` }],
    readyTimeoutMs: 120_000,
  });
  const analyticsReadyMs = Math.round(now() - ts);
  const stackReadySeconds = round((now() - stackStartedAt) / 1000);
  console.log(`stack ready in ${stackReadySeconds} s (analytics ${analyticsReadyMs} ms)\n`);

  const tokens = {
    consortium_lead: await signToken({ role: 'consortium_lead', ttl: '2h' }, keys.privateKeyFile),
    site_staff: await signToken({ role: 'site_staff', sites, ttl: '2h' }, keys.privateKeyFile),
  };
  const url = (/** @type {string} */ p) => `http://127.0.0.1:${ports.analytics}${p}`;
  const ourGroups = () => sup.children.map((c) => c.pid);

  // Ingest: produce everything, then wait until the analytics service has stored every event.
  const rssBeforeIngest = memory(analytics.pid);
  const ingestCpu = watchOtherCpu(ourGroups);
  const ingest = await produceAndWait(infra.env.KAFKA_BROKERS, events, url('/v1/ingest/status'), tokens.consortium_lead);
  const ingestOtherCpu = ingestCpu();
  console.log(
    `ingest: ${events.length} events sent in ${round(ingest.produceMs / 1000, 2)} s, all stored after ${round(ingest.storedMs / 1000, 2)} s (${Math.round(events.length / (ingest.storedMs / 1000))} events/s), 0 dead-lettered\n`,
  );
  const rssAfterIngest = memory(analytics.pid);

  /** @type {Record<string, Record<string, EndpointResult>>} */
  const results = { consortium_lead: {}, site_staff: {} };
  /** @type {Record<string, number>} */
  const otherCpuPct = {};
  /** @type {Record<string, ReturnType<typeof memory>>} */
  const rssAfter = {};
  for (const role of ROLES) {
    const cpu = watchOtherCpu(ourGroups);
    for (const endpoint of ENDPOINTS) {
      const r = await measureEndpoint(url(endpoint), tokens[role], params.repeat);
      results[role][endpoint] = r;
      console.log(`  ${role.padEnd(15)} ${endpoint}: cold p95 ${r.coldSamplesMs.p95} ms, warm p95 ${r.warmMs.p95} ms, ${r.method}`);
    }
    otherCpuPct[role] = cpu();
    rssAfter[role] = memory(analytics.pid);
  }

  // Checks: every response 200; perturbed for the lead, exact for site staff.
  const failures = ROLES.flatMap((role) => ENDPOINTS.flatMap((e) => (results[role][e].statuses.every((s) => s === 200) ? [] : [`${role} ${e}: ${[...new Set(results[role][e].statuses)].join(',')}`])));
  const wrongMethod = ENDPOINTS.flatMap((e) => [
    ...(results.consortium_lead[e].method === 'cell-key' ? [] : [`consortium_lead ${e}: ${results.consortium_lead[e].method}`]),
    ...(results.site_staff[e].method === 'exact' ? [] : [`site_staff ${e}: ${results.site_staff[e].method}`]),
  ]);
  const p95s = ENDPOINTS.flatMap((e) => ROLES.flatMap((role) => [results[role][e].coldSamplesMs.p95, results[role][e].warmMs.p95]));
  const worstP95 = Math.max(...p95s);

  console.log('');
  printTable(
    ['endpoint', 'role', 'first ms', 'cold p50', 'cold p95', 'warm p50', 'warm p95', 'max', 'KiB'],
    ENDPOINTS.flatMap((e) =>
      ROLES.map((role) => {
        const r = results[role][e];
        return [e.replace('/v1/kpis/', '').replace('/v1/', ''), role, round(r.coldMs), r.coldSamplesMs.p50, r.coldSamplesMs.p95, r.warmMs.p50, r.warmMs.p95, Math.max(r.warmMs.max, r.coldSamplesMs.max), round(r.bytes / 1024)];
      }),
    ),
  );
  console.log(`\nworst p95 over every endpoint and role, cold and warm: ${worstP95} ms (goal ≤ 300 ms)`);
  console.log(
    `analytics RSS: ${rssBeforeIngest.rssMiB} MiB before ingest, ${rssAfterIngest.rssMiB} after, ${rssAfter.consortium_lead.rssMiB} after consortium_lead, ${rssAfter.site_staff.rssMiB} after site_staff (peak ${rssAfter.site_staff.peakMiB}); other CPU ${otherCpuPct.consortium_lead} % / ${otherCpuPct.site_staff} %`,
  );
  const runSeconds = round((now() - startedAt) / 1000);
  console.log(`run time ${runSeconds} s (stopping the stack follows)`);

  writeResults(path.resolve(flags.out), {
    benchmark: 'kpi-query-latency',
    date: new Date().toISOString(),
    machine: machine(),
    parameters: {
      ...params,
      history:
        params.data === 'demo'
          ? { generator: 'tools/onboarding demo generator, seed 2026, reference date 2026-11-24, as events (demo-events.ts)', sites }
          : { ...HISTORY, sites: SITES, generator: 'inline, seeded mulberry32 (the ideas of services/analytics/src/testing/random-history.ts without redeliveries), events produced in date order' },
      endpoints: ENDPOINTS,
      roles: { consortium_lead: 'no sites; cell-key perturbation at release dates (defaults of docs/adr/0012)', site_staff: `sites ${sites.join(',')} (every site): exact` },
      stack: 'infra/lib/stack.mjs startInfra (fresh, like the jest test stack) + node services/analytics/dist/main.js, LOG_LEVEL=warn, embedded chdb, default ingest batching',
      definitions: {
        coldMs: 'the first request of that URL by that role (fetch sent → body received); the first role’s first request is also the first query of the process',
        coldSamplesMs: `the first request and ${params.repeat - 1} more of the same endpoint, each with a \`to\` never asked before (the last ${params.repeat - 1} days of October 2026): answers computed for the first time`,
        warmMs: `the ${params.repeat} requests right after the first, one at a time, of the same URL (nothing is cached between requests: every answer is computed anew)`,
        ingest: 'produceMs: first send → last batch acknowledged by Kafka; storedMs: first send → GET /v1/ingest/status eventsStored equals the number sent (polled every 200 ms)',
        otherCpuPct: 'share of the machine CPU used during that phase by processes other than the bench and the stack it started',
        rssMiB: 'VmRSS of the analytics process (chdb runs inside it); peakMiB = VmHWM',
      },
    },
    appBuild: { analyticsDistBuiltAt: fs.statSync(entry).mtime.toISOString() },
    cpuBeforeStart: quiet,
    startup: { stackReadySeconds, waitedForQuietSeconds: quiet.waitedSeconds, infraReadyMs: Object.fromEntries(Object.entries(infra.readyAfterMs).map(([k, v]) => [k, Math.round(v)])), analyticsReadyMs },
    data: { events: events.length, generateMs: Math.round(generateMs), validated, byTopic, byType, people: params.people, peoplePerSite: countBy(events.filter((e) => e.type === 'meic.beneficiary.enrolled.v2'), (e) => e.site) },
    ingest: { ...ingest, produceMs: Math.round(ingest.produceMs), storedMs: Math.round(ingest.storedMs), eventsPerSecond: Math.round(events.length / (ingest.storedMs / 1000)), otherCpuPct: ingestOtherCpu },
    rss: { beforeIngest: rssBeforeIngest, afterIngest: rssAfterIngest, afterConsortiumLead: rssAfter.consortium_lead, afterSiteStaff: rssAfter.site_staff },
    otherCpuPct,
    checks: { non200: failures, wrongMethod, worstP95Ms: worstP95 },
    figures: Object.fromEntries(
      ENDPOINTS.map((e) => [
        e,
        Object.fromEntries(
          ROLES.map((role) => [role, { coldMs: round(results[role][e].coldMs), coldSamplesMs: results[role][e].coldSamplesMs, warmMs: results[role][e].warmMs, method: results[role][e].method, bytes: results[role][e].bytes, warmSamplesMs: results[role][e].warmSamplesMs }]),
        ),
      ]),
    ),
    runSeconds,
  });

  if (failures.length) throw new Error(`non-200 responses: ${failures.join('; ')}`);
  if (wrongMethod.length) throw new Error(`responses not protected as their role should be: ${wrongMethod.join('; ')}`);
}

/**
 * @typedef {object} EndpointResult
 * @property {number} coldMs the very first request of the URL
 * @property {ReturnType<typeof summarize>} coldSamplesMs the first and `repeat − 1` requests each with a `to` never asked before
 * @property {ReturnType<typeof summarize>} warmMs
 * @property {number[]} warmSamplesMs
 * @property {number[]} statuses
 * @property {string} method the response's disclosure.method (cell-key, exact)
 * @property {number} bytes
 */

/**
 * The endpoint with a period ending on `day`, in the parameter it takes: `to`, the indicators'
 * `period`, a cohort's `a.enrolledTo`.
 * @param {string} target
 * @param {string} day
 */
function coldVariant(target, day) {
  if (target.includes('/v1/indicators')) return target.replace(/period=[^&]*/, `period=2026-01-01..${day}`);
  if (target.includes('/v1/kpis/cohorts')) return `${target}&a.enrolledTo=${day}`;
  return `${target}${target.includes('?') ? '&' : '?'}to=${day}`;
}

/** Days never asked before, one per cold sample: the last days of October 2026. */
const coldDays = (/** @type {number} */ n) => Array.from({ length: n }, (_, i) => `2026-10-${String(31 - i).padStart(2, '0')}`);

/**
 * The first request, `repeat − 1` more of the same endpoint with a `to` not asked before (cold),
 * and `repeat` repeats of the first URL (warm), one at a time.
 * @param {string} target
 * @param {string} token
 * @param {number} repeat
 * @returns {Promise<EndpointResult>}
 */
async function measureEndpoint(target, token, repeat) {
  const first = await timedGet(target, token);
  const statuses = [first.status];
  const cold = [first.ms];
  for (const day of coldDays(repeat - 1)) {
    const r = await timedGet(coldVariant(target, day), token);
    cold.push(r.ms);
    statuses.push(r.status);
  }
  /** @type {number[]} */
  const warm = [];
  for (let i = 0; i < repeat; i++) {
    const r = await timedGet(target, token);
    warm.push(r.ms);
    statuses.push(r.status);
  }
  const body = first.status === 200 ? JSON.parse(first.text) : null;
  return {
    coldMs: first.ms,
    coldSamplesMs: summarize(cold),
    warmMs: summarize(warm),
    warmSamplesMs: warm.map((ms) => round(ms)),
    statuses,
    method: String(body?.disclosure?.method ?? 'none'),
    bytes: Buffer.byteLength(first.text),
  };
}

async function timedGet(target, token) {
  const t = now();
  const res = await fetch(target, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { ms: now() - t, status: res.status, text };
}


/** @param {number} pid */
function memory(pid) {
  let peakMiB = null;
  try {
    const kb = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    peakMiB = Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    // gone
  }
  return { rssMiB: rssMiB(pid), peakMiB };
}

// ---------------------------------------------------------------------------------------------
// Ingest

/**
 * Sends the events (site registrations first, then in date order) and polls the ingest status
 * until every one is stored.
 * @param {string} brokers
 * @param {GeneratedEvent[]} events
 * @param {string} statusUrl
 * @param {string} token
 */
async function produceAndWait(brokers, events, statusUrl, token) {
  const { Kafka, Partitioners, logLevel } = kafkajs;
  const kafka = new Kafka({ clientId: 'bench-kpi-producer', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  // As the outbox relays send: idempotent, one request in flight, the person's pseudonym (or the site) as key.
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const started = now();
  const CHUNK = 2000;
  for (let i = 0; i < events.length; i += CHUNK) {
    /** @type {Map<string, import('kafkajs').Message[]>} */
    const byTopic = new Map();
    for (const e of events.slice(i, i + CHUNK)) {
      const list = byTopic.get(e.topic) ?? [];
      list.push(toKafkaMessage(e));
      byTopic.set(e.topic, list);
    }
    await producer.sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
  }
  const produceMs = now() - started;
  await producer.disconnect();
  producer = undefined;

  const deadline = started + 600_000;
  let polls = 0;
  /** @type {any} */
  let status;
  for (;;) {
    const res = await fetch(statusUrl, { headers: { authorization: `Bearer ${token}` } });
    polls++;
    status = await res.json();
    if (res.status !== 200) throw new Error(`GET /v1/ingest/status → ${res.status} ${JSON.stringify(status)}`);
    if (status.deadLettered > 0) throw new Error(`${status.deadLettered} event(s) dead-lettered: ${JSON.stringify(status.topics.map((/** @type {any} */ t) => [t.topic, t.deadLettered]))}`);
    if (status.eventsStored >= events.length && status.lag === 0) break;
    if (now() > deadline) throw new Error(`only ${status.eventsStored} of ${events.length} events stored after 600 s (lag ${status.lag})`);
    await sleep(200);
  }
  const storedMs = now() - started;
  if (status.eventsStored !== events.length) throw new Error(`eventsStored ${status.eventsStored} ≠ ${events.length} sent`);
  return {
    produceMs,
    storedMs,
    statusPolls: polls,
    eventsStored: status.eventsStored,
    deadLettered: status.deadLettered,
    batchSize: status.batchSize,
    flushMs: status.flushMs,
    perTopic: Object.fromEntries(status.topics.map((/** @type {any} */ t) => [t.topic, t.eventsStored])),
  };
}

/**
 * CloudEvents Kafka binary content mode, exactly as packages/contracts/src/cloudevents.ts
 * `toKafkaRecord` builds a record: attributes as ce_* headers, the body is `data` alone.
 * @param {GeneratedEvent} e
 * @returns {import('kafkajs').Message}
 */
function toKafkaMessage(e) {
  return {
    key: e.subject,
    value: JSON.stringify(e.data),
    headers: {
      ce_specversion: '1.0',
      ce_id: e.id,
      ce_source: e.source,
      ce_type: e.type,
      ce_time: e.time,
      ce_subject: e.subject,
      'content-type': 'application/json',
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The programme history

/**
 * @typedef {object} GeneratedEvent
 * @property {string} id CloudEvents id
 * @property {string} type
 * @property {string} topic
 * @property {string} source
 * @property {string} subject
 * @property {string} time
 * @property {string} on occurredOn
 * @property {string} site
 * @property {Record<string, unknown>} data
 */

/**
 * The demo programme as the events the services would publish (tools/onboarding demo-events.ts).
 * @returns {GeneratedEvent[]}
 */
function demoHistory() {
  const { generateDemoProgramme } = requireSource('tools/onboarding/src/demo/demo-generator.ts');
  const { demoEvents } = requireSource('tools/onboarding/src/demo/demo-events.ts');
  const { topicOf } = requireSource('packages/contracts/src/event-catalog.ts');
  const programme = generateDemoProgramme({ seed: 2026, referenceDate: '2026-11-24' });
  return demoEvents(programme).events.map((/** @type {any} */ e) => ({ ...e, topic: topicOf(e.type), site: e.data.siteCode, on: e.data.occurredOn }));
}

/** Topic and CloudEvents source by producing service (packages/contracts/src/topics.ts). */
const PRODUCERS = {
  stakeholders: { topic: 'meic.stakeholders.v1', source: '/meic/stakeholders' },
  trainings: { topic: 'meic.trainings.v1', source: '/meic/trainings' },
  beneficiaries: { topic: 'meic.beneficiaries.v1', source: '/meic/beneficiaries' },
};
/** @param {string} type */
const producerOf = (type) => (type.startsWith('meic.site.') ? PRODUCERS.stakeholders : type.startsWith('meic.course.') || type.startsWith('meic.internship.') ? PRODUCERS.trainings : PRODUCERS.beneficiaries);

/** mulberry32, as services/analytics/src/testing/prng.ts. @param {number} seed */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
/** @param {string} iso @param {number} days */
const addDays = (iso, days) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
/** @param {string} a @param {string} b */
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
/** Same day of month, clamped to the month's last day (ClickHouse addMonths). @param {string} iso @param {number} months */
const addMonths = (iso, months) => {
  const [y, m, d] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
};

const SEXES = /** @type {const} */ ([['female', 42], ['male', 55], ['other', 1], ['undisclosed', 2]]);
const AGE_BANDS = /** @type {const} */ ([['18-24', 30], ['25-29', 25], ['30-39', 28], ['40-54', 14], ['55+', 3]]);
const LEGAL_STATUSES = /** @type {const} */ ([['refugee', 35], ['asylum_seeker', 25], ['subsidiary_protection', 15], ['humanitarian_protection', 10], ['former_unaccompanied_minor', 5], ['other_tcn', 10]]);
const CITIZENSHIPS = /** @type {const} */ ([['AF', 16], ['SY', 14], ['UA', 13], ['NG', 10], ['PK', 8], ['BD', 7], ['ER', 6], ['SO', 5], ['MA', 5], ['TN', 4], ['GM', 3], ['ML', 3], ['SN', 2], ['IQ', 2], ['VE', 1], ['CO', 1]]);
const COURSE_TYPES = ['l2_language', 'vocational_training', 'company_training', 'entrepreneurship_lab', 'soft_skills', 'digital_skills', 'financial_literacy', 'housing_orientation'];
const CONTRACT_TYPES = ['permanent', 'fixed_term', 'apprenticeship', 'self_employment', 'seasonal'];
const HOST_TYPES = ['enterprise', 'enterprise', 'enterprise', 'civil_society_org', 'local_authority'];
const NACE = ['C', 'F', 'G', 'H', 'I', 'N', 'Q', 'A'];
const DROPOUT_REASONS = ['found_work_independently', 'moved_away', 'family_care', 'lost_contact', 'not_interested', 'personal_or_other'];
const BARRIERS = ['housing', 'childcare', 'documents', 'language', 'transport', 'digital', 'personal_or_other'];
const ACTIVITIES = [...COURSE_TYPES, 'orientation', 'internship', 'job_placement', 'peer_mentoring'];

/**
 * A programme history in the manner of random-history.ts: every site registered, then each
 * person enrolled at a site (by weight, after it opened) on a random day of the 24 months,
 * assessed, 0–2 courses, maybe an internship, 0–2 jobs with follow-ups at 3, 6 and 12 months, a
 * fifth dropping out. Nothing after HISTORY.cut. Deterministic for a seed (ids included).
 * @param {number} seed
 * @param {number} people
 * @returns {GeneratedEvent[]}
 */
function generateHistory(seed, people) {
  const r = prng(seed);
  const pick = (/** @type {readonly any[]} */ xs) => xs[Math.floor(r() * xs.length)];
  const weighted = (/** @type {readonly (readonly [any, number])[]} */ xs) => {
    let x = r() * xs.reduce((a, [, w]) => a + w, 0);
    for (const [v, w] of xs) if ((x -= w) < 0) return v;
    return xs[xs.length - 1][0];
  };
  const chance = (/** @type {number} */ p) => r() < p;
  const hex = (/** @type {number} */ n) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(r() * 4)]}${hex(3)}-${hex(12)}`;
  const upTo = (/** @type {string} */ on) => on <= HISTORY.cut;
  /** @type {GeneratedEvent[]} */
  const events = [];
  const emit = (/** @type {string} */ type, /** @type {string} */ subject, /** @type {Record<string, any>} */ data) => {
    const p = producerOf(type);
    const on = data.occurredOn;
    events.push({ id: uuid(), type, topic: p.topic, source: p.source, subject, time: `${on}T${String(8 + Math.floor(r() * 10)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}:00.000Z`, on, site: data.siteCode, data });
  };

  const opened = SITES.map((s) => addMonths(HISTORY.start, s.startMonth));
  for (const [i, s] of SITES.entries()) {
    const share = s.weight / SITES.reduce((a, x) => a + x.weight, 0);
    emit('meic.site.registered.v1', s.code, {
      siteCode: s.code,
      country: s.country,
      occurredOn: addDays(opened[i], -14),
      name: `MEIC ${s.city}`,
      city: s.city,
      programme: s.programme,
      clusterName: `Cluster ${s.city}`,
      startedOn: opened[i],
      defaultLanguage: s.lang,
      targets: { enrolled: Math.max(10, Math.round(share * people * 1.1)), placed: Math.max(5, Math.round(share * people * 0.45)), womenSharePct: 40 },
    });
  }
  const siteWeights = SITES.map((s, i) => /** @type {const} */ ([i, s.weight * daysBetween(opened[i], HISTORY.end)]));

  for (let n = 0; n < people; n++) {
    const si = weighted(siteWeights);
    const site = SITES[si];
    const person = {
      siteCode: site.code,
      country: site.country,
      pseudonym: uuid(),
      sex: weighted(SEXES),
      ageBand: weighted(AGE_BANDS),
      citizenship: weighted(CITIZENSHIPS),
      legalStatus: weighted(LEGAL_STATUSES),
    };
    const id = person.pseudonym;
    const enrolledOn = addDays(opened[si], Math.floor(r() * (daysBetween(opened[si], HISTORY.end) + 1)));
    emit('meic.beneficiary.enrolled.v2', id, { ...person, occurredOn: enrolledOn, programme: site.programme });
    let t = enrolledOn;
    const later = (/** @type {number} */ maxDays) => (t = addDays(t, 1 + Math.floor(r() * maxDays)));
    const dropAt = chance(0.2) ? addDays(enrolledOn, 5 + Math.floor(r() * 300)) : null;
    const alive = (/** @type {string} */ on) => upTo(on) && (dropAt === null || on < dropAt);
    if (chance(0.85) && alive(later(30))) {
      const barriers = BARRIERS.filter(() => chance(0.25));
      emit('meic.beneficiary.assessed.v2', id, { ...person, occurredOn: t, assessmentId: uuid(), barriers, recommendedActivities: ACTIVITIES.filter(() => chance(0.2)) });
    }
    const courses = Math.floor(r() * 3);
    for (let c = 0; c < courses; c++) {
      const courseType = c === 0 && chance(0.6) ? 'l2_language' : pick(COURSE_TYPES);
      const courseId = uuid();
      const l2 = courseType === 'l2_language';
      if (!alive(later(40))) break;
      emit('meic.course.enrolled.v2', id, { ...person, occurredOn: t, courseId, courseType, cefrLevelAtStart: l2 ? 'A1' : null });
      if (!alive(later(90))) break;
      emit('meic.course.completed.v2', id, {
        ...person,
        occurredOn: t,
        courseId,
        courseType,
        outcome: pick(['completed', 'completed', 'completed', 'failed', 'withdrawn']),
        hoursAttended: 20 + Math.floor(r() * 100),
        cefrTarget: l2 ? 'A2' : null,
        cefrLevelAtStart: l2 ? 'A1' : null,
        cefrLevelReached: l2 ? pick(['A1', 'A2', 'A2', 'B1']) : null,
      });
    }
    if (chance(0.4) && alive(later(60))) {
      const internshipId = uuid();
      const hostOrgId = uuid();
      const hostOrgType = pick(HOST_TYPES);
      const startedOn = t;
      emit('meic.internship.started.v2', id, { ...person, occurredOn: t, internshipId, hostOrgId, hostOrgType, plannedEndOn: addDays(t, 90) });
      if (alive(later(100))) emit('meic.internship.ended.v2', id, { ...person, occurredOn: t, internshipId, hostOrgId, hostOrgType, startedOn, outcome: pick(['completed', 'completed', 'interrupted', 'hired']) });
    }
    const jobs = chance(0.5) ? (chance(0.2) ? 2 : 1) : 0;
    for (let j = 0; j < jobs; j++) {
      if (!alive(later(120))) break;
      const placementId = uuid();
      const placedOn = t;
      emit('meic.beneficiary.placed.v2', id, {
        ...person,
        occurredOn: placedOn,
        placementId,
        employerOrgId: null,
        employerOrgType: null,
        contractType: pick(CONTRACT_TYPES),
        hoursPerWeek: pick([20, 25, 30, 36, 40]),
        naceSector: pick(NACE),
      });
      for (const months of [3, 6, 12]) {
        const on = addDays(addMonths(placedOn, months), Math.floor(r() * 10));
        if (!upTo(on) || chance(0.2)) continue;
        emit('meic.beneficiary.followed-up.v2', id, { ...person, occurredOn: on, placementId, placedOn, monthsAfterPlacement: months, employed: chance(0.75) });
      }
    }
    if (dropAt && upTo(dropAt)) emit('meic.beneficiary.dropped-out.v2', id, { ...person, occurredOn: dropAt, reason: pick(DROPOUT_REASONS) });
  }
  // As the services would have sent them: sites first, then by date (stable within a day).
  const sites = events.filter((e) => e.type === 'meic.site.registered.v1');
  const rest = events.filter((e) => e.type !== 'meic.site.registered.v1');
  return [...sites, ...rest.map((e, i) => ({ e, i })).sort((a, b) => (a.e.on < b.e.on ? -1 : a.e.on > b.e.on ? 1 : a.i - b.i)).map(({ e }) => e)];
}

/**
 * Checks every event's data against its JSON Schema in packages/contracts/schemas (Ajv 8 with
 * formats, as the contracts package validates), so the service dead-letters nothing.
 * @param {GeneratedEvent[]} events
 */
function validateAgainstSchemas(events) {
  const contractsRequire = createRequire(path.join(REPO_ROOT, 'packages', 'contracts', 'package.json'));
  const Ajv = contractsRequire('ajv').default;
  const addFormats = contractsRequire('ajv-formats').default;
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  const dir = path.join(REPO_ROOT, 'packages', 'contracts', 'schemas');
  /** @type {Map<string, any>} */
  const validators = new Map();
  let n = 0;
  for (const e of events) {
    let validate = validators.get(e.type);
    if (!validate) {
      const file = path.join(dir, `${e.type}.json`);
      if (!fs.existsSync(file)) throw new Error(`no schema ${file} for ${e.type}`);
      const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
      delete schema.$schema;
      validate = ajv.compile(schema);
      validators.set(e.type, validate);
    }
    if (!validate(e.data)) throw new Error(`generated ${e.type} is invalid: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(e.data)}`);
    n++;
  }
  return n;
}

/**
 * @template T
 * @param {T[]} xs
 * @param {(x: T) => string} key
 */
function countBy(xs, key) {
  /** @type {Record<string, number>} */
  const out = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}

main().then(
  () => finish(0),
  async (error) => {
    console.error(`\n✖ ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await finish(1);
  },
);
