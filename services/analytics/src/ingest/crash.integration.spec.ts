import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toKafkaRecord } from '@meic/contracts';
import { createKafka, createLogger, ensureTopics, ReadinessRegistry } from '@meic/service-kit';
import { apiClient, ensureServiceBuilt, freePort, pollUntil, randomName, randomSiteCode, serviceTestEnv, signTestToken, testStack } from '@meic/testing';
import type { Kafka, Producer } from 'kafkajs';
import { ClickHouseService } from '../clickhouse/clickhouse.service';
import { someoneEnrolled } from '../testing/test-events';
import type { IngestStatusResponse } from './ingest-status.schemas';

/**
 * The analytics service as a real process (dist/main.js), killed with SIGKILL in the middle of
 * its ingest and restarted on the same chdb directory and consumer group: every count must be exact.
 */





/** dist/main.js of the analytics service, built if older than its sources. */
let main: string;

describe('analytics ingest killed with SIGKILL mid-batch', () => {
  const logger = createLogger('test', 'error');
  let kafka: Kafka;
  let producer: Producer;
  const children: ChildProcess[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    main = ensureServiceBuilt('analytics', 'main.js');
    kafka = createKafka({ brokers: testStack().kafkaBrokers, clientId: 'crash-test', logger });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [{ topic, numPartitions: 6 }]);
    await admin.disconnect();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await producer?.disconnect();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  // Private topics: tens of thousands of events on the registry's topics would slow every other test's consumers.
  const topic = randomName('crash.beneficiaries');

  async function feed(site: string, n: number): Promise<void> {
    for (let i = 0; i < n; i += 1000) {
      const messages = Array.from({ length: Math.min(1000, n - i) }, () => {
        const r = toKafkaRecord(someoneEnrolled(site));
        return { key: r.key, value: r.value, headers: r.headers };
      });
      await producer.send({ topic, acks: -1, messages });
    }
  }

  async function startService(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
    const port = await freePort();
    let out = '';
    const child = spawn(process.execPath, [main], { env: { ...process.env, ...serviceTestEnv({ ...env, INGEST_TOPICS: topic, PORT: String(port), HOST: '127.0.0.1' }) }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    children.push(child);
    const url = `http://127.0.0.1:${port}`;
    await pollUntil(`analytics on ${url} to answer`, async () => (await fetch(`${url}/healthz`)).ok || undefined, { timeoutMs: 30_000 }).catch((e: Error) => {
      throw new Error(`${e.message}\n${out}`);
    });
    return { child, url, output: () => out };
  }

  const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

  it('measures ingest throughput for 20,000 events', async () => {
    const site = randomSiteCode();
    await feed(site, 20_000);
    const dir = mkdtempSync(join(tmpdir(), 'meic-tp-'));
    dirs.push(dir);
    const svc = await startService({ CHDB_PATH: dir, KAFKA_CONSUMER_GROUP: randomName('analytics_tp') });
    const api = apiClient(svc.url, await signTestToken({ role: 'admin' }));
    const t0 = Date.now();
    const status = await pollUntil(
      'the ingest to catch up',
      async () => {
        const s = (await api.get<IngestStatusResponse>('/v1/ingest/status')).body;
        return s.lag === 0 && s.eventsStored >= 20_000 ? s : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 100 },
    );
    const seconds = (Date.now() - t0) / 1000;
    console.log(`ingest throughput: ${status.eventsStored} events in ${seconds.toFixed(2)} s = ${Math.round(status.eventsStored / seconds)} events/s`);
    svc.child.kill('SIGTERM');
    await exited(svc.child);
  });

  it('SIGKILL in the middle of a batch, restart on the same data and group: no loss, no double count', async () => {
    const site = randomSiteCode();
    const total = 5000;
    await feed(site, total);
    const dir = mkdtempSync(join(tmpdir(), 'meic-crash-'));
    dirs.push(dir);
    const env = { CHDB_PATH: dir, KAFKA_CONSUMER_GROUP: randomName('analytics_crash'), INGEST_BATCH_SIZE: '100', INGEST_FLUSH_MS: '500' };
    const admin = await signTestToken({ role: 'admin' });

    const first = await startService(env);
    const api1 = apiClient(first.url, admin);
    const atKill = await pollUntil(
      'the ingest to be part-way',
      async () => {
        const s = (await api1.get<IngestStatusResponse>('/v1/ingest/status')).body;
        return s.eventsStored >= 1 && s.lag > 0 ? s : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 5 },
    );
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(atKill.lag).toBeGreaterThan(0);

    const second = await startService(env);
    const api2 = apiClient(second.url, admin);
    const after = await pollUntil(
      'the restarted ingest to catch up',
      async () => {
        const s = (await api2.get<IngestStatusResponse>('/v1/ingest/status')).body;
        return s.lag === 0 ? s : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 100 },
    );
    const staff = apiClient(second.url, await signTestToken({ role: 'site_staff', sites: [site] }));
    const overview = await staff.get<{ groups: { key: string; enrolled: { value: number } }[] }>(`/v1/kpis/overview?groupBy=site&site=${site}`);
    expect(overview.body.groups.find((g) => g.key === site)?.enrolled.value).toBe(total);
    const beneficiaries = after.topics.find((t) => t.topic === topic)!;
    expect(beneficiaries.deadLettered).toBe(0);
    expect(beneficiaries.eventsStored).toBeGreaterThanOrEqual(total);
    second.child.kill('SIGTERM');
    await exited(second.child);

    // The data directory, read directly: every event once, though some were inserted twice.
    const ch = new ClickHouseService({ chdbPath: dir, database: 'meic' }, logger, new ReadinessRegistry());
    try {
      const q = async (sql: string) => Number((await ch.rows<{ n: string }>(sql, { s: site }))[0]?.n);
      const final = await q(`SELECT count() AS n FROM meic.events FINAL WHERE site_code = {s:String}`);
      const distinct = await q(`SELECT uniqExact(event_id) AS n FROM meic.events WHERE site_code = {s:String}`);
      const raw = await q(`SELECT count() AS n FROM meic.events WHERE site_code = {s:String}`);
      console.log(`crash test: stored at kill ${atKill.eventsStored} (lag ${atKill.lag}); after restart FINAL ${final}, distinct ${distinct}, raw rows ${raw}`);
      expect(final).toBe(total);
      expect(distinct).toBe(total);
      expect(raw).toBeGreaterThanOrEqual(total);
    } finally {
      await ch.onApplicationShutdown();
    }
  });
});
