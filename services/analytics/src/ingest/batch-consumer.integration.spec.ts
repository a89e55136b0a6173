import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deadLetterTopic, toKafkaRecord, type CloudEvent } from '@meic/contracts';
import { createKafka, createLogger, ensureTopics, ReadinessRegistry } from '@meic/service-kit';
import { pollUntil, randomName, randomSiteCode, testStack } from '@meic/testing';
import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import { ClickHouseService } from '../clickhouse/clickhouse.service';
import { someoneEnrolled } from '../testing/test-events';
import type { BatchEventConsumer } from '@meic/service-kit';
import { ingestConsumer } from './ingest.consumer';
import { IngestRepository } from './ingest.repository';
import { IngestService, type IngestItem } from './ingest.service';


const asMessage = (e: CloudEvent) => {
  const r = toKafkaRecord(e);
  return { key: r.key, value: r.value, headers: r.headers };
};

describe('the batch-mode ingest consumer against a real broker and chdb', () => {
  const logger = createLogger('test', 'error');
  let kafka: Kafka;
  let producer: Producer;
  let ch: ClickHouseService;
  let service: IngestService;
  let chdbDir: string;
  const consumers: BatchEventConsumer<IngestItem>[] = [];

  beforeAll(async () => {
    kafka = createKafka({ brokers: testStack().kafkaBrokers, clientId: 'batch-ingest-test', logger });
    producer = kafka.producer();
    await producer.connect();
    chdbDir = mkdtempSync(join(tmpdir(), 'meic-ingest-'));
    ch = new ClickHouseService({ chdbPath: chdbDir, database: 'ingest_test' }, logger, new ReadinessRegistry());
    await ch.migrate();
    service = new IngestService(new IngestRepository(ch));
  });

  afterAll(async () => {
    for (const c of consumers) await c.stop();
    await producer?.disconnect();
    await ch?.onApplicationShutdown();
    if (chdbDir) rmSync(chdbDir, { recursive: true, force: true });
  });

  async function topicWith(partitions: number): Promise<string> {
    const topic = randomName('ingest');
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [{ topic, numPartitions: partitions }]);
    await admin.disconnect();
    return topic;
  }

  function consumer(topic: string, groupId: string, batchSize: number, flushMs: number, onStore?: (n: number) => void): BatchEventConsumer<IngestItem> {
    const storing = Object.create(service) as IngestService;
    storing.storeBatch = async (items) => {
      onStore?.(items.length);
      await service.storeBatch(items);
    };
    const c = ingestConsumer(kafka, logger, { groupId, topics: [topic], partitions: 1, batchSize, flushMs }, storing);
    consumers.push(c);
    return c;
  }

  const count = async (topic: string, final = true) =>
    Number((await ch.rows<{ n: string }>(`SELECT count() AS n FROM ingest_test.events ${final ? 'FINAL' : ''} WHERE topic = {t:String}`, { t: topic }))[0]?.n);
  const deadLetters = (topic: string) => ch.rows<{ reason: string; offset: string }>(`SELECT reason, toString(offset) AS offset FROM ingest_test.dead_letters FINAL WHERE topic = {t:String} ORDER BY offset`, { t: topic });
  const committed = async (groupId: string, topic: string) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return t!.partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
    } finally {
      await admin.disconnect();
    }
  };

  it('flushes by size at once and the remainder by time, and commits only after storing', async () => {
    const topic = await topicWith(1);
    const group = randomName('g');
    const site = randomSiteCode();
    await producer.send({ topic, acks: -1, messages: Array.from({ length: 120 }, () => asMessage(someoneEnrolled(site))) });
    const batches: number[] = [];
    const c = consumer(topic, group, 50, 3000, (n) => batches.push(n));
    const started = Date.now();
    await c.start();
    await pollUntil('two full batches', async () => (await count(topic)) === 100 || undefined, { timeoutMs: 10_000, intervalMs: 50 });
    expect(Date.now() - started).toBeLessThan(3000);
    // The partition batch holds 120 records: nothing is committed until all of them are stored.
    expect(await committed(group, topic)).toBe(0);
    await pollUntil('the remainder, flushed by time', async () => (await count(topic)) === 120 || undefined, { timeoutMs: 10_000, intervalMs: 50 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
    await pollUntil('the offsets to be committed', async () => (await committed(group, topic)) === 120 || undefined);
    expect(batches).toEqual([50, 50, 20]);
  });

  it('flushes a small batch by time', async () => {
    const topic = await topicWith(1);
    const site = randomSiteCode();
    await producer.send({ topic, acks: -1, messages: Array.from({ length: 3 }, () => asMessage(someoneEnrolled(site))) });
    const c = consumer(topic, randomName('g'), 10_000, 200);
    const started = Date.now();
    await c.start();
    await pollUntil('three events', async () => (await count(topic)) === 3 || undefined, { timeoutMs: 10_000, intervalMs: 25 });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('dead-letters bad records with the reason and stores the good ones after them', async () => {
    const topic = await topicWith(1);
    const group = randomName('g');
    const site = randomSiteCode();
    const good1 = someoneEnrolled(site);
    const good2 = someoneEnrolled(site);
    const notJson = { ...asMessage(good1), value: '{oops', headers: { ...asMessage(good1).headers, ce_id: randomUUID() } };
    const pii = { ...asMessage(good1), value: JSON.stringify({ ...good1.data, givenName: 'Leak' }), headers: { ...asMessage(good1).headers, ce_id: randomUUID() } };
    const noHeaders = { key: 'x', value: '{}', headers: {} };
    await producer.send({ topic, acks: -1, messages: [asMessage(good1), notJson, pii, noHeaders, asMessage(good2)] });
    const c = consumer(topic, group, 100, 100);
    await c.start();
    await pollUntil('both good events', async () => (await count(topic)) === 2 || undefined, { timeoutMs: 15_000 });
    await pollUntil('all offsets committed', async () => (await committed(group, topic)) === 5 || undefined);
    const dead = await deadLetters(topic);
    expect(dead.map((d) => d.offset)).toEqual(['1', '2', '3']);
    expect(dead[0]!.reason).toMatch(/not JSON/);
    expect(dead[1]!.reason).toMatch(/givenName|additional/i);
    expect(dead[2]!.reason).toMatch(/missing CloudEvents header/);

    // The DLQ topic holds the three records with their reasons.
    const reader = kafka.consumer({ groupId: randomName('dlq-reader'), maxWaitTimeInMs: 100 });
    const reasons: string[] = [];
    await reader.connect();
    await reader.subscribe({ topic: deadLetterTopic(topic, group), fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void reasons.push(String(message.headers?.dlq_reason)) });
    await pollUntil('three DLQ records', () => reasons.length >= 3 || undefined);
    await reader.disconnect();
    expect(reasons).toEqual(dead.map((d) => d.reason));
  });

  it('replaying the same records (offsets reset) leaves every count exact', async () => {
    const topic = await topicWith(3);
    const group = randomName('g');
    const site = randomSiteCode();
    const events = Array.from({ length: 600 }, () => someoneEnrolled(site));
    await producer.send({ topic, acks: -1, messages: [...events.map(asMessage), { key: 'bad', value: 'nope', headers: {} }] });
    const first = consumer(topic, group, 200, 100);
    await first.start();
    await pollUntil('all committed', async () => (await committed(group, topic)) === 601 || undefined, { timeoutMs: 20_000 });
    await first.stop();
    expect(await count(topic)).toBe(600);

    // Same records again: the group re-reads from the beginning, and the same events are re-sent too.
    const admin = kafka.admin();
    await admin.connect();
    await admin.resetOffsets({ groupId: group, topic, earliest: true });
    await admin.disconnect();
    await producer.send({ topic, acks: -1, messages: events.slice(0, 100).map(asMessage) });
    const second = consumer(topic, group, 200, 100);
    await second.start();
    await pollUntil('all committed again', async () => (await committed(group, topic)) === 701 || undefined, { timeoutMs: 20_000 });
    await second.stop();
    expect(await count(topic, false)).toBeGreaterThanOrEqual(600);
    expect(await count(topic)).toBe(600);
    expect(Number((await ch.rows<{ n: string }>(`SELECT uniqExact(event_id) AS n FROM ingest_test.events WHERE topic = {t:String}`, { t: topic }))[0]?.n)).toBe(600);
    expect(await deadLetters(topic)).toHaveLength(1);
  });
});
