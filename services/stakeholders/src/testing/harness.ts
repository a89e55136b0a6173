/**
 * Integration-test harness of the stakeholders service (excluded from the build): one app on a
 * fresh database per test file, tokens per role, a JSON client with PATCH, and helpers to feed
 * the read models through real Kafka events and to read what the outbox published.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { buildEvent, toKafkaRecord, TOPICS, type CloudEvent, type EventDataOf } from '@meic/contracts';
import { createLogger } from '@meic/service-kit';
import { collectEvents, createTestDatabase, listen, randomName, serviceTestEnv, signTestToken, testStack, type ReceivedEvent } from '@meic/testing';
import { Kafka, logLevel } from 'kafkajs';
import { Client as PgClient } from 'pg';
import { createStakeholdersApp } from '../app';
import { loadStakeholdersConfig } from '../config';

/** Random per test file: the Kafka topics are shared by every test file of the run. */
export function randomSiteCode(country = 'IT'): string {
  const letters = [...randomBytes(5)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
  return `${country}-${letters}`;
}

export function siteBody(code: string, overrides: Record<string, unknown> = {}) {
  return {
    code,
    name: `Site ${code}`,
    country: code.slice(0, 2),
    city: 'Roma',
    programme: 'AMIL',
    clusterName: `Cluster ${code}`,
    startedOn: '2026-01-15',
    defaultLanguage: 'it',
    targets: { enrolled: 120, placed: 45, womenSharePct: 40 },
    ...overrides,
  };
}

export interface Response<T = unknown> {
  status: number;
  contentType: string | null;
  body: T;
}

export type Api = ReturnType<typeof client>;

/** A JSON client with every verb the service has (the shared apiClient has no PATCH). */
export function client(baseUrl: string, token?: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response<T>> {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, contentType: res.headers.get('content-type'), body: parsed as T };
  }
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    get: <T = any>(path: string) => call<T>('GET', path),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body, headers),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    patch: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('PATCH', path, body, headers),
  };
}

export interface Harness {
  url: string;
  /** The service's own database, for checking rows and outbox rows (never for feeding read models). */
  db: PgClient;
  anonymous: Api;
  admin: Api;
  lead: Api;
  evaluator: Api;
  staff: (...sites: string[]) => Promise<Api>;
  close: () => Promise<void>;
}

/** Starts the service on a fresh database with its own consumer group. */
export async function startHarness(): Promise<Harness> {
  const database = await createTestDatabase('stakeholders');
  let app: INestApplication | undefined;
  const db = new PgClient({ connectionString: database.url });
  try {
    app = await createStakeholdersApp(loadStakeholdersConfig(serviceTestEnv({ DATABASE_URL: database.url, KAFKA_CONSUMER_GROUP: randomName('stakeholders') })), createLogger('test', 'warn'));
    const url = await listen(app);
    await db.connect();
    const started = app;
    return {
      url,
      db,
      anonymous: client(url),
      admin: client(url, await signTestToken({ role: 'admin' })),
      lead: client(url, await signTestToken({ role: 'consortium_lead' })),
      evaluator: client(url, await signTestToken({ role: 'evaluator' })),
      staff: async (...sites: string[]) => client(url, await signTestToken({ role: 'site_staff', sites, sub: `staff-${sites.join('-')}` })),
      close: async () => {
        await db.end().catch(() => undefined);
        await started.close();
        await database.drop();
      },
    };
  } catch (e) {
    await db.end().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await database.drop();
    throw e;
  }
}

/** Events the service published to meic.stakeholders.v1, as consumers see them. */
export function published(type: string, match: (e: ReceivedEvent) => boolean, want = 1): Promise<ReceivedEvent[]> {
  return collectEvents(TOPICS.stakeholders, (e) => e.headers['ce_type'] === type && match(e), want);
}

/** Feeds read models the way production does: real CloudEvents on the producer's topic. */
export async function publishEvents(events: CloudEvent[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'stakeholders-test-producer', brokers: testStack().kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (const event of events) {
      const record = toKafkaRecord(event);
      await producer.send({ topic: record.topic, acks: -1, messages: [{ key: record.key, value: record.value, headers: record.headers }] });
    }
  } finally {
    await producer.disconnect();
  }
}

export function enrolledEvent(data: Partial<EventDataOf<'meic.beneficiary.enrolled.v1'>> & { beneficiaryId: string; siteCode: string }): CloudEvent<'meic.beneficiary.enrolled.v1'> {
  return buildEvent('meic.beneficiary.enrolled.v1', {
    country: data.siteCode.slice(0, 2),
    programme: 'AMIR',
    occurredOn: '2026-03-02',
    sex: 'female',
    ageBand: '25-29',
    citizenship: 'ML',
    legalStatus: 'refugee',
    ...data,
  });
}

export function erasedEvent(beneficiaryId: string, siteCode: string): CloudEvent<'meic.beneficiary.erased.v1'> {
  return buildEvent('meic.beneficiary.erased.v1', { beneficiaryId, siteCode, country: siteCode.slice(0, 2), occurredOn: '2026-05-01' });
}

/** Rows in the outbox, optionally only those with this message key. */
export async function outboxRows(db: PgClient, key?: string): Promise<{ message_key: string; headers: Record<string, string>; value: string; published_at: Date | null }[]> {
  const { rows } = await db.query(`SELECT message_key, headers, value, published_at FROM outbox_events ${key ? 'WHERE message_key = $1' : ''} ORDER BY id`, key ? [key] : []);
  return rows;
}
