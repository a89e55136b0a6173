import { buildEvent, TOPICS } from '@meic/contracts';
import { createTestDatabase, pollUntil, randomName, testStack } from '@meic/testing';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { Registry } from 'prom-client';
import { join } from 'node:path';
import { createLogger } from '../logging/logger';
import { createKafka, ensureTopics } from '../kafka/kafka';
import { runMigrations } from '../migrations/migrator';
import { outboxRow } from './outbox';
import { OutboxRelay } from './outbox.relay';

// The stakeholders service's first migration holds the outbox table every service shares.
const MIGRATIONS = join(__dirname, '..', '..', '..', '..', 'services', 'stakeholders', 'prisma', 'migrations');

describe('OutboxRelay against real PostgreSQL and Kafka', () => {
  const logger = createLogger('test', 'error');
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let kafka: Kafka;
  let pg: Client;

  beforeAll(async () => {
    db = await createTestDatabase('outbox');
    await runMigrations(db.url, MIGRATIONS);
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    kafka = createKafka({ brokers: testStack().kafkaBrokers, clientId: 'outbox-test', logger });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [{ topic: TOPICS.stakeholders, numPartitions: 6 }]);
    await admin.disconnect();
  });

  afterAll(async () => {
    await pg?.end();
    await db?.drop();
  });

  async function insert(siteCode: string, n: number): Promise<string[]> {
    const ids: string[] = [];
    await pg.query('BEGIN');
    for (let i = 0; i < n; i++) {
      const event = buildEvent('meic.site.registered.v1', {
        siteCode,
        country: siteCode.slice(0, 2),
        occurredOn: '2026-01-01',
        name: `Site ${i}`,
        city: 'X',
        programme: 'AMIL',
        clusterName: 'C',
        startedOn: '2026-01-01',
        defaultLanguage: 'it',
        targets: { enrolled: i, placed: 0, womenSharePct: 50 },
      });
      const row = outboxRow(event);
      await pg.query('INSERT INTO outbox_events (event_id, topic, message_key, headers, value) VALUES ($1, $2, $3, $4, $5)', [row.eventId, row.topic, row.messageKey, row.headers, row.value]);
      ids.push(event.id);
    }
    await pg.query('COMMIT');
    return ids;
  }

  it('publishes committed rows once each, in commit order per key, and ignores rolled-back ones', async () => {
    const site = `IT-${randomName('x').slice(-6).replace(/[^a-z0-9]/g, '').toUpperCase()}`;
    const received: { id: string; key: string }[] = [];
    const consumer = kafka.consumer({ groupId: randomName('outbox-reader') });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.stakeholders, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() === site) received.push({ id: String(message.headers?.['ce_id']), key: site });
      },
    });

    await pg.query('BEGIN');
    await pg.query(`INSERT INTO outbox_events (event_id, topic, message_key, headers, value) VALUES (gen_random_uuid(), $1, $2, '{}', '{}')`, [TOPICS.stakeholders, site]);
    await pg.query('ROLLBACK');
    const first = await insert(site, 30);

    const relay = new OutboxRelay({ databaseUrl: db.url, kafka, logger, registry: new Registry(), pollIntervalMs: 5_000 });
    await relay.start();
    const second = await insert(site, 20); // arrives while running: woken by NOTIFY, not the 5 s poll
    const started = Date.now();
    await pollUntil('50 events on the topic', () => received.length >= 50 || undefined, { timeoutMs: 20_000 });
    const latency = Date.now() - started;
    await relay.stop();
    await consumer.disconnect();

    expect(received.map((r) => r.id)).toEqual([...first, ...second]);
    expect(latency).toBeLessThan(4_000);
    const { rows } = await pg.query<{ pending: string }>('SELECT count(*) FILTER (WHERE published_at IS NULL) AS pending FROM outbox_events');
    expect(rows[0]?.pending).toBe('0');
  });

  it('survives the database closing its connections and publishes what is committed afterwards', async () => {
    const site = `CY-${randomName('y').slice(-6).replace(/[^a-z0-9]/g, '').toUpperCase()}`;
    const received: string[] = [];
    const consumer = kafka.consumer({ groupId: randomName('outbox-reader') });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.stakeholders, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() === site) received.push(String(message.headers?.['ce_id']));
      },
    });
    const relay = new OutboxRelay({ databaseUrl: db.url, kafka, logger, registry: new Registry(), pollIntervalMs: 300 });
    await relay.start();
    try {
      const before = await insert(site, 3);
      await pollUntil('the first events', () => received.length >= 3 || undefined, { timeoutMs: 20_000 });
      // What a PostgreSQL restart or failover does to every open connection but ours.
      const { rows } = await pg.query<{ n: string }>('SELECT count(*) AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()) t');
      expect(Number(rows[0]?.n)).toBeGreaterThanOrEqual(2);
      const after = await insert(site, 3);
      await pollUntil('the events committed after the connections were lost', () => received.length >= 6 || undefined, { timeoutMs: 20_000 });
      expect(received).toEqual([...before, ...after]);
    } finally {
      await relay.stop();
      await consumer.disconnect();
    }
  });
});
