import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { importPKCS8, SignJWT } from 'jose';
import { Client } from 'pg';
import { testStack } from './test-stack-env';

export * from './test-stack-env';
export * from './temporal-history';

/** Unique, lowercase, safe for topic, group, database and workflow names. */
export function randomName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/**
 * A site code of the given country and 5 random capital letters (`IT-QXZTR`): Kafka topics are
 * shared by every test file of a run, so each file works with sites of its own.
 */
export function randomSiteCode(country = 'IT'): string {
  const letters = Array.from({ length: 5 }, () => String.fromCharCode(65 + randomInt(26))).join('');
  return `${country}-${letters}`;
}

/** A fresh PostgreSQL database for one test file; drop it in afterAll. */
export async function createTestDatabase(prefix = 'test'): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = testStack().pgAdminUrl;
  const name = randomName(prefix).toLowerCase();
  const client = new Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export type TestRole = 'admin' | 'consortium_lead' | 'evaluator' | 'site_staff';

/** A token signed with the test stack's key, as `npm run token` does with the dev key. */
export async function signTestToken(claims: { role: TestRole | string; sites?: string[]; sub?: string }, opts: { expiresIn?: string; issuer?: string; audience?: string } = {}): Promise<string> {
  const key = await importPKCS8(readFileSync(testStack().jwtPrivateKeyFile, 'utf8'), 'EdDSA');
  return new SignJWT({ role: claims.role, sites: claims.sites ?? [] })
    .setProtectedHeader({ alg: 'EdDSA' })
    .setSubject(claims.sub ?? `test-${claims.role}`)
    .setIssuer(opts.issuer ?? 'meic-dev')
    .setAudience(opts.audience ?? 'meic')
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '15m')
    .sign(key);
}

/** Environment for a service under test, pointing at the test stack. */
export function serviceTestEnv(extra: Record<string, string>): Record<string, string> {
  const stack = testStack();
  return {
    KAFKA_BROKERS: stack.kafkaBrokers,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_NAMESPACE: stack.temporalNamespace,
    MEIC_JWT_PUBLIC_KEY_FILE: stack.jwtPublicKeyFile,
    LOG_LEVEL: 'warn',
    PORT: '0',
    OUTBOX_POLL_MS: '200',
    ...extra,
  };
}

/**
 * Polls until `probe` returns a value other than undefined/false, or fails with the
 * description and the last value seen. Tests wait with this, never with fixed sleeps.
 */
export async function pollUntil<T>(description: string, probe: () => Promise<T | undefined | false> | T | undefined | false, opts: { timeoutMs?: number; intervalMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${description}${lastError ? `: last error ${(lastError as Error).message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
  }
}

export interface ApiResponse<T = unknown> {
  status: number;
  contentType: string | null;
  body: T;
}

/** A small JSON client for a service under test. */
export function apiClient(baseUrl: string, token?: string) {
  async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const send = () =>
      fetch(`${baseUrl}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
    let res: Response;
    try {
      res = await send();
    } catch (e) {
      // A kept-alive socket the server closed as it was reused (seen under load: ECONNRESET). A GET
      // changes nothing, so it is sent once more; a write is not, its failure is the test's to see.
      if (method !== 'GET') throw e;
      res = await send();
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep text */
    }
    return { status: res.status, contentType: res.headers.get('content-type'), body: parsed as T };
  }
  return {
    get: <T = unknown>(path: string) => call<T>('GET', path),
    post: <T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body, headers),
    patch: <T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('PATCH', path, body, headers),
    put: <T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('PUT', path, body, headers),
    delete: <T = unknown>(path: string) => call<T>('DELETE', path),
  };
}

/** Listens on an ephemeral port and returns the base URL. */
export async function listen(app: { listen: (port: number, host: string) => Promise<unknown>; getUrl: () => Promise<string> }): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}

/** A Kafka record as the contracts' toKafkaRecord makes it from a CloudEvent. */
export interface TestKafkaRecord {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface TestProducer {
  /** Sends one record and waits for all in-sync replicas (acks=all). */
  send: (record: TestKafkaRecord) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * A connected producer on the test stack that feeds a service's read models the way
 * production does: real records on the producing service's topic, idempotent and in order.
 */
export async function testProducer(clientId = randomName('test-producer')): Promise<TestProducer> {
  const { Kafka, logLevel, Partitioners } = await import('kafkajs');
  const kafka = new Kafka({ clientId, brokers: testStack().kafkaBrokers.split(','), logLevel: logLevel.NOTHING, retry: { initialRetryTime: 200, retries: 10 } });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  return {
    send: async (record) => {
      await producer.send({ topic: record.topic, acks: -1, messages: [{ key: record.key, value: record.value, headers: record.headers }] });
    },
    close: () => producer.disconnect(),
  };
}

export interface ReceivedEvent {
  key: string | null;
  headers: Record<string, string>;
  data: Record<string, unknown>;
}

/**
 * Reads a topic from the beginning with a throw-away consumer group until `want` events
 * matching `match` have arrived (or fails after the timeout): how tests check outbox delivery.
 */
export async function collectEvents(topic: string, match: (e: ReceivedEvent) => boolean, want = 1, timeoutMs = 15_000): Promise<ReceivedEvent[]> {
  const { Kafka, logLevel } = await import('kafkajs');
  const kafka = new Kafka({ clientId: 'test-collector', brokers: testStack().kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: randomName('collector'), maxWaitTimeInMs: 200 });
  const found: ReceivedEvent[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]));
        const event = { key: message.key?.toString() ?? null, headers, data: JSON.parse(message.value?.toString() ?? 'null') as Record<string, unknown> };
        if (match(event)) found.push(event);
      },
    });
    await pollUntil(`${want} matching event(s) on ${topic}`, () => found.length >= want || undefined, { timeoutMs });
    return found;
  } finally {
    await consumer.disconnect();
  }
}
export * from './prisma-drift';
export * from './schema-drift-suite';
export * from './built-service';
export * from './beneficiaries-peer';
