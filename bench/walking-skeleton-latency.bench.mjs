#!/usr/bin/env node
// @ts-check
/* global process, console, setTimeout, clearTimeout, fetch, performance */
/**
 * Walking-skeleton latency: the time from `POST /v1/beneficiaries` returning 201 to
 * `GET /v1/kpis/overview` counting that beneficiary (contract goal: counted within 5 s).
 *
 * Starts a private stack — Kafka, Temporal, PostgreSQL through infra/lib/stack.mjs (as the jest
 * test stack does) and the built services as child processes — in a state directory under /tmp
 * on ports 27000–27999, measures sequential enrolments and batches of concurrent ones, then
 * stops everything.
 *
 *   node bench/walking-skeleton-latency.bench.mjs [--sequential 100] [--batch-size 20] [--batches 5]
 *     [--poll-ms 20] [--port-base 27000] [--durable] [--timeout 900] [--wait-idle 120] [--app-root <dir>]
 *     [--out bench/results/walking-skeleton-latency.json] [--keep]
 *
 * Needs `npm run build` (services/∗/dist) and the provisioned tools in .local/. Not part of npm test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import kafkajs from 'kafkajs';
import pg from 'pg';
import { APP_PROCESSES, POSTGRES, REPO_ROOT, processEnv, stackPaths } from '../infra/lib/settings.mjs';
import { startInfra } from '../infra/lib/stack.mjs';
import { createSupervisor, tcpOpen } from '../infra/lib/supervisor.mjs';
import { ensureKeyPair, signToken, writeServiceTokens } from '../infra/lib/tokens.mjs';
import { RESULTS_DIR, intFlag, machine, waitForQuiet, watchOtherCpu, percentile, portFlag, printTable, round, rssMiB, summarize, writeResults } from './lib/bench.mjs';

const GOAL_MS = 5_000;
/** An enrolment not counted after this long is recorded as missing instead of waiting forever. */
const GIVE_UP_MS = 30_000;
const TOPIC = 'meic.beneficiaries.v1';
const SERVICES = ['stakeholders', 'beneficiaries', 'pathway-worker', 'analytics'];

const { values: flags } = parseArgs({
  options: {
    sequential: { type: 'string', default: '100' },
    'batch-size': { type: 'string', default: '20' },
    batches: { type: 'string', default: '5' },
    'poll-ms': { type: 'string', default: '20' },
    'port-base': { type: 'string', default: '27000' },
    durable: { type: 'boolean', default: false },
    'app-root': { type: 'string', default: REPO_ROOT },
    timeout: { type: 'string', default: '900' },
    'wait-idle': { type: 'string', default: '120' },
    out: { type: 'string', default: path.join(RESULTS_DIR, 'walking-skeleton-latency.json') },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  console.log(
    'usage: node bench/walking-skeleton-latency.bench.mjs [--sequential 100] [--batch-size 20] [--batches 5] [--poll-ms 20] [--port-base 27000] [--durable] [--timeout 900] [--wait-idle 120] [--app-root dir] [--out file] [--keep]',
  );
  process.exit(0);
}

const base = portFlag('port-base', flags['port-base']);
const ports = {
  kafka: base + 92,
  kafkaController: base + 93,
  temporal: base + 733,
  postgres: base + 432,
  stakeholders: base + 1,
  trainings: base + 2,
  beneficiaries: base + 3,
  analytics: base + 4,
  pathwayWorker: base + 5,
  dashboard: base + 173,
};
const params = {
  sequential: Number(flags.sequential),
  batchSize: intFlag('batch-size', flags['batch-size']),
  batches: Number(flags.batches),
  pollMs: intFlag('poll-ms', flags['poll-ms']),
  goalMs: GOAL_MS,
  giveUpMs: GIVE_UP_MS,
  durablePostgres: flags.durable,
  ports,
  timeoutSeconds: intFlag('timeout', flags.timeout),
  waitIdleSeconds: Number(flags['wait-idle']),
  outboxPollMs: process.env.OUTBOX_POLL_MS || '1000 (default)',
  // Where services/*/dist live: the repository, or a snapshot from bench/build-snapshot.mjs.
  appRoot: path.resolve(flags['app-root']),
};
if (!Number.isInteger(params.sequential) || params.sequential < 0) throw new Error('--sequential must be an integer ≥ 0');
if (!Number.isInteger(params.batches) || params.batches < 0) throw new Error('--batches must be an integer ≥ 0');
if (params.batchSize > 99) throw new Error('--batch-size is at most 99 (one site per concurrent enrolment)');

const SEQ_SITE = 'IT-BSEQ';
const BATCH_SITES = Array.from({ length: params.batches > 0 ? params.batchSize : 0 }, (_, i) => `IT-BB${String(i + 1).padStart(2, '0')}`);
const ALL_SITES = [...(params.sequential > 0 ? [SEQ_SITE] : []), ...BATCH_SITES];

const stateDir = path.join(os.tmpdir(), `meic-bench-skeleton-${process.pid}`);
/** @type {import('../infra/lib/supervisor.mjs').Supervisor | undefined} */
let supervisor;
/** @type {import('kafkajs').Consumer | undefined} */
let traceConsumer;
let finishing = false;

const hardTimeout = setTimeout(() => {
  console.error(`\n✖ hard timeout of ${params.timeoutSeconds} s reached; stopping everything`);
  void finish(2);
}, params.timeoutSeconds * 1000);
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.once(signal, () => void finish(130));

/** Wall-clock milliseconds with sub-millisecond resolution. */
const now = () => performance.timeOrigin + performance.now();

/** @param {number} code */
async function finish(code) {
  if (finishing) return;
  finishing = true;
  clearTimeout(hardTimeout);
  await traceConsumer?.disconnect().catch(() => undefined);
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
  // World-traversable: PostgreSQL runs as its own system user when we are root.
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o755 });
  fs.chmodSync(stateDir, 0o755);
  const busy = [];
  for (const name of ['stakeholders', 'beneficiaries', 'analytics', 'pathwayWorker']) {
    if (await tcpOpen(ports[/** @type {keyof typeof ports} */ (name)])) busy.push(`${name} ${ports[/** @type {keyof typeof ports} */ (name)]}`);
  }
  if (busy.length) throw new Error(`port(s) in use: ${busy.join(', ')}; choose another --port-base`);

  // Other people's test runs share the machine: start when it is quiet, and record what we saw.
  const quiet = await waitForQuiet({ maxWaitMs: params.waitIdleSeconds * 1000 });
  console.log(`private stack in ${stateDir} (ports ${base}–${base + 999})`);
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
    durable: params.durablePostgres,
    supervisor: sup,
  });

  const keys = ensureKeyPair(path.join(stateDir, 'jwt'));
  await writeServiceTokens(keys.privateKeyFile, APP_PROCESSES, stackPaths(stateDir).serviceToken);
  const parentEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const name of ['CLICKHOUSE_URL', 'KAFKA_CONSUMER_GROUP', 'CLICKHOUSE_DATABASE']) delete parentEnv[name];
  const context = { ports, stackDir: stateDir, infraEnv: infra.env, databaseUrl: infra.databaseUrl, jwtPublicKeyFile: keys.publicKeyFile, parentEnv };

  /** @type {Record<string, number>} */
  const serviceReadyMs = {};
  /** @type {Map<string, Promise<unknown>>} */
  const ready = new Map();
  for (const proc of APP_PROCESSES.filter((p) => SERVICES.includes(p.name))) {
    const entry = path.join(params.appRoot, proc.entry);
    if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run npm run build (or bench/build-snapshot.mjs) first`);
    const dependencies = (proc.after ?? []).flatMap((name) => ready.get(name) ?? []);
    ready.set(
      proc.name,
      Promise.all(dependencies).then(async () => {
        const t = now();
        await sup.start({
          name: proc.name,
          command: process.execPath,
          args: ['--enable-source-maps', entry],
          cwd: path.join(params.appRoot, proc.workspace),
          env: processEnv(proc, /** @type {any} */ (context)),
          ready: [{ http: `http://127.0.0.1:${ports[proc.port]}${proc.readyPath}` }],
          readyTimeoutMs: 120_000,
        });
        serviceReadyMs[proc.name] = Math.round(now() - t);
      }),
    );
  }
  await Promise.all(ready.values());
  const stackReadySeconds = round((now() - startedAt) / 1000);
  console.log(`stack ready in ${stackReadySeconds} s\n`);

  const adminToken = await signToken({ role: 'admin', ttl: '2h' }, keys.privateKeyFile);
  const staffToken = await signToken({ role: 'site_staff', sites: ALL_SITES, ttl: '2h' }, keys.privateKeyFile);
  const url = (/** @type {keyof typeof ports} */ service, /** @type {string} */ p) => `http://127.0.0.1:${ports[service]}${p}`;

  const trace = await startTrace(infra.env.KAFKA_BROKERS);

  // Sites, then one warm-up enrolment per site: the first POST answers 422 until the
  // beneficiaries service's read model has the site from Kafka.
  const siteReadyMs = [];
  for (const code of ALL_SITES) {
    const res = await api('POST', url('stakeholders', '/v1/sites'), adminToken, siteBody(code));
    if (res.status !== 201) throw new Error(`POST /v1/sites ${code} → ${res.status} ${JSON.stringify(res.body)}`);
  }
  const sitesRegistered = now();
  await Promise.all(
    ALL_SITES.map(async (code, i) => {
      const deadline = now() + 60_000;
      for (;;) {
        const res = await api('POST', url('beneficiaries', '/v1/beneficiaries'), staffToken, beneficiaryBody(code, i));
        if (res.status === 201) break;
        if (res.status !== 422 || now() > deadline) throw new Error(`warm-up POST /v1/beneficiaries ${code} → ${res.status} ${JSON.stringify(res.body)}`);
        await sleep(20);
      }
      siteReadyMs.push(now() - sitesRegistered);
    }),
  );
  const warmCounted = await waitForCounts(url('analytics', '/v1/kpis/overview?groupBy=site'), staffToken, Object.fromEntries(ALL_SITES.map((s) => [s, 1])), 60_000);
  if (!warmCounted) throw new Error('the warm-up enrolments were not counted within 60 s');
  console.log(
    `${ALL_SITES.length} site(s) registered; beneficiaries accepted enrolments after ${round(Math.max(...siteReadyMs) / 1000, 2)} s; warm-up enrolments counted\n`,
  );

  const ourGroups = () => sup.children.map((c) => c.pid);
  /** @type {Sample[]} */
  const sequential = [];
  const sequentialOtherCpu = watchOtherCpu(ourGroups);
  for (let i = 0; i < params.sequential; i++) {
    const sample = await enrolAndWait(url, staffToken, SEQ_SITE, 1 + i, 1000 + i);
    sequential.push(sample);
    if ((i + 1) % 20 === 0) console.log(`  sequential ${i + 1}/${params.sequential}: last ${round(sample.countedMs ?? NaN)} ms`);
  }

  const otherCpuSequential = sequentialOtherCpu();
  /** @type {Sample[]} */
  const concurrent = [];
  const concurrentOtherCpu = watchOtherCpu(ourGroups);
  for (let b = 0; b < params.batches; b++) {
    const samples = await batchAndWait(url, staffToken, b);
    concurrent.push(...samples);
    console.log(`  batch ${b + 1}/${params.batches}: slowest ${round(Math.max(...samples.map((s) => s.countedMs ?? Infinity)))} ms`);
  }

  const otherCpuConcurrent = concurrentOtherCpu();
  await sleep(500);
  const outbox = await outboxTimes(infra.databaseUrl(POSTGRES.databases.beneficiaries));
  for (const s of [...sequential, ...concurrent]) {
    const kafka = trace.get(s.id);
    const row = outbox.get(s.id);
    s.relaySentMs = kafka ? kafka.timestamp - s.t201 : null;
    s.traceConsumerMs = kafka ? kafka.receivedAt - s.t201 : null;
    s.outboxRowMs = row ? row.createdAt - s.t201 : null;
    s.outboxPublishedMs = row?.publishedAt ? row.publishedAt - s.t201 : null;
  }

  const rss = Object.fromEntries(sup.children.map((c) => [c.name, rssMiB(c.pid)]));
  const report = (/** @type {Sample[]} */ samples) => describe(samples);
  const figures = {
    sequential: { ...report(sequential), otherCpuPct: otherCpuSequential },
    concurrentBatches: { ...report(concurrent), otherCpuPct: otherCpuConcurrent },
  };

  console.log('');
  printTable(
    ['enrolments', 'n', 'p50 ms', 'p95 ms', 'max ms', `≤ ${GOAL_MS / 1000} s`, 'missing', 'POST p50 ms', 'GET p50 ms', 'other CPU %'],
    Object.entries(figures).map(([name, f]) => [
      name === 'sequential' ? 'sequential' : `${params.batchSize} concurrent ×${params.batches}`,
      f.n,
      f.countedMs.p50,
      f.countedMs.p95,
      f.countedMs.max,
      `${f.withinGoal}/${f.n}`,
      f.missing,
      f.postMs.p50,
      f.overviewGetMs.p50,
      f.otherCpuPct,
    ]),
  );
  console.log('\nwhere the time goes (p50 ms after the 201, per stage end):');
  printTable(
    ['enrolments', 'outbox row', 'relay sent', 'trace consumer', 'published_at', 'counting GET sent', 'counted'],
    Object.entries(figures).map(([name, f]) => [
      name === 'sequential' ? 'sequential' : 'concurrent',
      f.stagesP50.outboxRowMs,
      f.stagesP50.relaySentMs,
      f.stagesP50.traceConsumerMs,
      f.stagesP50.outboxPublishedMs,
      f.stagesP50.countedGetSentMs,
      f.stagesP50.countedMs,
    ]),
  );

  writeResults(path.resolve(flags.out), {
    benchmark: 'walking-skeleton-latency',
    date: new Date().toISOString(),
    machine: machine(),
    parameters: {
      ...params,
      stack: 'infra/lib/stack.mjs startInfra (fresh, like the jest test stack) + node services/*/dist as child processes, LOG_LEVEL=warn, embedded chdb',
      postgres: params.durablePostgres ? 'durable (fsync on)' : 'fsync off, synchronous_commit off (as the test stack)',
      overviewPoll: `GET /v1/kpis/overview?groupBy=site as site_staff, next request ${params.pollMs} ms after the previous answer`,
      definitions: {
        countedMs: 'from the 201 of POST /v1/beneficiaries (response received) until the first overview response counting the beneficiary (response received)',
        postMs: 'POST /v1/beneficiaries request to 201',
        sentToCountedMs: 'postMs + countedMs: from sending the POST until counted',
        overviewGetMs: 'duration of one overview GET while polling',
        otherCpuPct: 'share of the machine CPU used during that phase by processes other than the bench and the stack it started (other people’s test runs; kernel I/O threads count too)',
        stages:
          'each relative to the 201: outboxRowMs = outbox_events.created_at (transaction start), relaySentMs = Kafka record timestamp (CreateTime, set by the relay when sending), traceConsumerMs = a separate kafkajs consumer of the bench received it, outboxPublishedMs = outbox_events.published_at (after the Kafka ack), countedGetSentMs = the overview GET that first counted it was sent, countedMs = its response arrived',
        sequential: `one enrolment at a time at site ${SEQ_SITE}; the next starts once the previous is counted`,
        concurrentBatches: `${params.batchSize} POSTs at once, one per site ${BATCH_SITES[0] ?? ''}…${BATCH_SITES.at(-1) ?? ''}, one poller for all; the next batch starts once all are counted`,
      },
    },
    appBuild: appBuild(),
    cpuBeforeStart: quiet,
    startup: { stackReadySeconds, infraReadyMs: Object.fromEntries(Object.entries(infra.readyAfterMs).map(([k, v]) => [k, Math.round(v)])), serviceReadyMs, siteKnownToBeneficiariesMs: Math.round(Math.max(...siteReadyMs)) },
    rssMiBAtEnd: rss,
    figures,
    samples: { sequential: sequential.map(compact), concurrentBatches: concurrent.map(compact) },
  });
}

/**
 * @typedef {object} Sample
 * @property {string} id
 * @property {string} site
 * @property {number} batch
 * @property {number} t201 wall-clock ms when the 201 arrived
 * @property {number} postMs
 * @property {number | null} countedMs
 * @property {number | null} [countedGetSentMs] when the overview GET that first counted it was sent
 * @property {number[]} getMs durations of the overview GETs made while waiting
 * @property {number | null} [relaySentMs]
 * @property {number | null} [traceConsumerMs]
 * @property {number | null} [outboxRowMs]
 * @property {number | null} [outboxPublishedMs]
 */

/**
 * One enrolment, then polls the overview until the site's count reaches `expected`.
 * @param {(service: keyof typeof ports, p: string) => string} url
 * @param {string} token
 * @param {string} site
 * @param {number} previous the site's count before this enrolment
 * @param {number} n
 * @returns {Promise<Sample>}
 */
async function enrolAndWait(url, token, site, previous, n) {
  const t = now();
  const res = await api('POST', url('beneficiaries', '/v1/beneficiaries'), token, beneficiaryBody(site, n));
  const t201 = now();
  if (res.status !== 201) throw new Error(`POST /v1/beneficiaries → ${res.status} ${JSON.stringify(res.body)}`);
  /** @type {number[]} */
  const getMs = [];
  const overview = url('analytics', `/v1/kpis/overview?groupBy=site&site=${site}`);
  for (;;) {
    const g = now();
    const o = await api('GET', overview, token);
    const received = now();
    getMs.push(received - g);
    if (o.status !== 200) throw new Error(`GET overview → ${o.status} ${JSON.stringify(o.body)}`);
    const count = o.body.groups?.find((/** @type {{ key: string }} */ gr) => gr.key === site)?.enrolled?.value ?? 0;
    if (count >= previous + 1) return { id: res.body.id, site, batch: -1, t201, postMs: t201 - t, countedMs: received - t201, countedGetSentMs: g - t201, getMs };
    if (received - t201 > GIVE_UP_MS) return { id: res.body.id, site, batch: -1, t201, postMs: t201 - t, countedMs: null, getMs };
    await sleep(params.pollMs);
  }
}

/**
 * `batchSize` concurrent enrolments, one per batch site, and one poller for all of them.
 * @param {(service: keyof typeof ports, p: string) => string} url
 * @param {string} token
 * @param {number} batch
 * @returns {Promise<Sample[]>}
 */
async function batchAndWait(url, token, batch) {
  const expected = 2 + batch; // the warm-up enrolment plus one per earlier batch plus this one
  /** @type {Map<string, { sent: number, received: number }>} */
  const countedAt = new Map();
  /** @type {number[]} */
  const getMs = [];
  const started = now();
  const overview = url('analytics', '/v1/kpis/overview?groupBy=site');
  const poller = (async () => {
    while (countedAt.size < BATCH_SITES.length && now() - started < GIVE_UP_MS) {
      const g = now();
      const o = await api('GET', overview, token);
      const received = now();
      getMs.push(received - g);
      if (o.status !== 200) throw new Error(`GET overview → ${o.status} ${JSON.stringify(o.body)}`);
      for (const group of o.body.groups ?? []) {
        if (BATCH_SITES.includes(group.key) && !countedAt.has(group.key) && (group.enrolled?.value ?? 0) >= expected) countedAt.set(group.key, { sent: g, received });
      }
      if (countedAt.size < BATCH_SITES.length) await sleep(params.pollMs);
    }
  })();
  const posts = await Promise.all(
    BATCH_SITES.map(async (site, i) => {
      const t = now();
      const res = await api('POST', url('beneficiaries', '/v1/beneficiaries'), token, beneficiaryBody(site, 10_000 + batch * 100 + i));
      const t201 = now();
      if (res.status !== 201) throw new Error(`POST /v1/beneficiaries ${site} → ${res.status} ${JSON.stringify(res.body)}`);
      return { id: /** @type {string} */ (res.body.id), site, t, t201 };
    }),
  );
  await poller;
  return posts.map(({ id, site, t, t201 }, i) => {
    const at = countedAt.get(site);
    // One poller served the whole batch: its GET durations are kept once, on the first sample.
    return {
      id,
      site,
      batch,
      t201,
      postMs: t201 - t,
      countedMs: at === undefined ? null : at.received - t201,
      countedGetSentMs: at === undefined ? null : at.sent - t201,
      getMs: i === 0 ? getMs : [],
    };
  });
}

/**
 * Polls the overview until each listed site has at least its count.
 * @param {string} overviewUrl
 * @param {string} token
 * @param {Record<string, number>} want
 * @param {number} timeoutMs
 */
async function waitForCounts(overviewUrl, token, want, timeoutMs) {
  const deadline = now() + timeoutMs;
  while (now() < deadline) {
    const o = await api('GET', overviewUrl, token);
    if (o.status === 200) {
      const counts = new Map((o.body.groups ?? []).map((/** @type {{ key: string, enrolled: { value: number } }} */ g) => [g.key, g.enrolled?.value ?? 0]));
      if (Object.entries(want).every(([site, n]) => (counts.get(site) ?? 0) >= n)) return true;
    }
    await sleep(100);
  }
  return false;
}

/**
 * A consumer of our own on the beneficiaries topic: when the relay sent each event and when a
 * consumer could first read it. Keyed by beneficiary id.
 * @param {string} brokers
 */
async function startTrace(brokers) {
  const { Kafka, logLevel } = kafkajs;
  const kafka = new Kafka({ clientId: 'bench-trace', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  /** @type {Map<string, { timestamp: number, receivedAt: number }>} */
  const seen = new Map();
  traceConsumer = kafka.consumer({ groupId: `bench-trace-${process.pid}`, maxWaitTimeInMs: 500 });
  const consumer = traceConsumer;
  await consumer.connect();
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const receivedAt = now();
      const key = message.key?.toString();
      if (key && !seen.has(key)) seen.set(key, { timestamp: Number(message.timestamp), receivedAt });
    },
  });
  await joined;
  return seen;
}

/**
 * created_at and published_at of every outbox row of the beneficiaries service, by key.
 * @param {string} databaseUrl
 */
async function outboxTimes(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT message_key, extract(epoch FROM created_at) * 1000 AS created, extract(epoch FROM published_at) * 1000 AS published FROM outbox_events',
    );
    return new Map(rows.map((r) => [r.message_key, { createdAt: Number(r.created), publishedAt: r.published === null ? null : Number(r.published) }]));
  } finally {
    await client.end();
  }
}

/** Which code was measured: a snapshot (bench/build-snapshot.mjs) or the repository's dist/. */
function appBuild() {
  const marker = path.join(params.appRoot, '.snapshot-commit');
  if (fs.existsSync(marker)) return { snapshotOfCommit: fs.readFileSync(marker, 'utf8').trim() };
  const built = fs.statSync(path.join(params.appRoot, 'services', 'beneficiaries', 'dist', 'main.js')).mtime.toISOString();
  return { repositoryDist: true, beneficiariesDistBuiltAt: built };
}

/** @param {Sample[]} samples */
function describe(samples) {
  const counted = samples.flatMap((s) => (s.countedMs === null ? [] : [s.countedMs]));
  const stage = (/** @type {keyof Sample} */ key) => {
    const values = samples.flatMap((s) => (typeof s[key] === 'number' ? [/** @type {number} */ (s[key])] : [])).sort((a, b) => a - b);
    return values.length ? round(percentile(values, 50)) : null;
  };
  const gets = samples.flatMap((s) => s.getMs);
  return {
    n: samples.length,
    missing: samples.length - counted.length,
    withinGoal: counted.filter((ms) => ms <= GOAL_MS).length,
    countedMs: summarize(counted),
    sentToCountedMs: summarize(samples.flatMap((s) => (s.countedMs === null ? [] : [s.postMs + s.countedMs]))),
    postMs: summarize(samples.map((s) => s.postMs)),
    overviewGetMs: summarize(gets),
    stagesP50: {
      outboxRowMs: stage('outboxRowMs'),
      relaySentMs: stage('relaySentMs'),
      traceConsumerMs: stage('traceConsumerMs'),
      outboxPublishedMs: stage('outboxPublishedMs'),
      countedGetSentMs: stage('countedGetSentMs'),
      countedMs: stage('countedMs'),
    },
    stagesP95: {
      relaySentMs: pct95(samples, 'relaySentMs'),
      traceConsumerMs: pct95(samples, 'traceConsumerMs'),
      countedMs: pct95(samples, 'countedMs'),
    },
  };
}

/**
 * @param {Sample[]} samples
 * @param {keyof Sample} key
 */
function pct95(samples, key) {
  const values = samples.flatMap((s) => (typeof s[key] === 'number' ? [/** @type {number} */ (s[key])] : [])).sort((a, b) => a - b);
  return values.length ? round(percentile(values, 95)) : null;
}

/** @param {Sample} s */
function compact(s) {
  const r = (/** @type {number | null | undefined} */ v) => (typeof v === 'number' ? round(v) : null);
  return {
    site: s.site,
    batch: s.batch,
    postMs: r(s.postMs),
    countedMs: r(s.countedMs),
    countedGetSentMs: r(s.countedGetSentMs),
    outboxRowMs: r(s.outboxRowMs),
    relaySentMs: r(s.relaySentMs),
    traceConsumerMs: r(s.traceConsumerMs),
    outboxPublishedMs: r(s.outboxPublishedMs),
    polls: s.batch === -1 ? s.getMs.length : undefined,
  };
}

/**
 * @param {'GET' | 'POST'} method
 * @param {string} target
 * @param {string} token
 * @param {unknown} [body]
 * @returns {Promise<{ status: number, body: any }>}
 */
async function api(method, target, token, body) {
  const res = await fetch(target, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed };
}

/** @param {string} code */
function siteBody(code) {
  return {
    code,
    name: `Bench ${code}`,
    country: 'IT',
    city: 'Roma',
    programme: 'AMIL',
    clusterName: 'Cluster MEIC Bench',
    startedOn: '2026-01-15',
    defaultLanguage: 'it',
    targets: { enrolled: 1000, placed: 400, womenSharePct: 40 },
  };
}

/**
 * @param {string} siteCode
 * @param {number} n
 */
function beneficiaryBody(siteCode, n) {
  return {
    siteCode,
    enrolledOn: '2026-03-02',
    person: { givenName: `Bench${n}`, familyName: 'Person', birthDate: '1998-05-17' },
    sex: n % 2 ? 'female' : 'male',
    citizenship: 'ML',
    legalStatus: 'refugee',
    arrivalYear: 2023,
    educationIsced: 3,
    languages: [{ code: 'fr', cefr: 'C1' }],
    consent: { dataProcessing: true, evaluationFollowUp: true, recordedOn: '2026-03-02' },
  };
}

main().then(
  () => finish(0),
  async (error) => {
    console.error(`\n✖ ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await finish(1);
  },
);
