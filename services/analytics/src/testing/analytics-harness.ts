import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { toKafkaRecord, type CloudEvent } from '@meic/contracts';
import { createKafka, createLogger, ensureTopics } from '@meic/service-kit';
import { apiClient, listen, pollUntil, randomName, serviceTestEnv, signTestToken, testStack, type ApiResponse, type TestRole } from '@meic/testing';
import type { Producer } from 'kafkajs';
import { createAnalyticsApp } from '../app';
import { loadAnalyticsConfig } from '../config';
import type { IngestStatusResponse } from '../ingest/ingest-status.schemas';

export interface AnalyticsHarness {
  url: string;
  topic: string;
  /** Publishes events to the harness's own topic and waits until ClickHouse stores every distinct event sent so far. */
  send(events: readonly CloudEvent[]): Promise<void>;
  get<T = unknown>(path: string, as: { role: TestRole; sites?: string[] }): Promise<ApiResponse<T>>;
  getRaw(path: string, as: { role: TestRole; sites?: string[] }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The analytics service in-process against the real Kafka of the test stack and a fresh chdb
 * directory, reading only a topic of its own (random name), so tests never see each other's events.
 */
export async function startAnalytics(opts: { minCell?: number; env?: Record<string, string> } = {}): Promise<AnalyticsHarness> {
  const logger = createLogger('analytics-test', 'error');
  const topic = randomName('analytics');
  const dir = mkdtempSync(join(tmpdir(), 'meic-analytics-'));
  const kafka = createKafka({ brokers: testStack().kafkaBrokers, clientId: randomName('analytics-harness'), logger });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [{ topic, numPartitions: 3 }]);
  await admin.disconnect();
  const config = loadAnalyticsConfig(
    serviceTestEnv({
      CHDB_PATH: dir,
      CLICKHOUSE_DATABASE: 'meic_test',
      KAFKA_CONSUMER_GROUP: randomName('analytics-group'),
      INGEST_TOPICS: topic,
      INGEST_FLUSH_MS: '50',
      MEIC_MIN_CELL: String(opts.minCell ?? 5),
      ...opts.env,
    }),
  );
  let app: INestApplication | undefined;
  let producer: Producer | undefined;
  try {
    app = await createAnalyticsApp(config, logger);
    const url = await listen(app);
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    // Redelivered copies share their CloudEvents id and are stored once.
    const sent = new Set<string>();
    const tokens = new Map<string, string>();
    const tokenFor = async (as: { role: TestRole; sites?: string[] }) => {
      const k = `${as.role}:${(as.sites ?? []).join(',')}`;
      const t = tokens.get(k) ?? (await signTestToken({ role: as.role, sites: as.sites ?? [] }));
      tokens.set(k, t);
      return t;
    };
    const admin = apiClient(url, await tokenFor({ role: 'admin' }));
    const p = producer;
    const running = app;
    return {
      url,
      topic,
      async send(events) {
        for (let i = 0; i < events.length; i += 500) {
          const slice = events.slice(i, i + 500).map((e) => {
            const r = toKafkaRecord(e);
            return { key: r.key, value: r.value, headers: r.headers };
          });
          await p.send({ topic, messages: slice });
        }
        for (const e of events) sent.add(e.id);
        const want = sent.size;
        await pollUntil(
          `analytics stores ${want} events`,
          async () => {
            const s = await admin.get<IngestStatusResponse>('/v1/ingest/status');
            return s.status === 200 && s.body.eventsStored + s.body.deadLettered >= want ? true : undefined;
          },
          { timeoutMs: 60_000, intervalMs: 100 },
        );
      },
      async get(path, as) {
        return apiClient(url, await tokenFor(as)).get(path);
      },
      async getRaw(path, as) {
        return fetch(`${url}${path}`, { headers: { authorization: `Bearer ${await tokenFor(as)}` } });
      },
      async close() {
        await p.disconnect();
        await running.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await producer?.disconnect();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
