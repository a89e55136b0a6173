/**
 * Integration-test harness of the stakeholders service (excluded from the build): one app on a
 * fresh database per test file, with a real beneficiaries service beside it (people are looked up
 * there), tokens per role, a JSON client with PATCH, and helpers to read what the outbox published.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { TOPICS } from '@meic/contracts';
import { createLogger } from '@meic/service-kit';
import { apiClient, collectEvents, createTestDatabase, listen, randomName, serviceTestEnv, signTestToken, startBeneficiariesPeer, testServiceToken, type ApiResponse, type BeneficiariesPeer, type ReceivedEvent } from '@meic/testing';
import { Client as PgClient } from 'pg';
import { createStakeholdersApp } from '../app';
import { loadStakeholdersConfig } from '../config';

export { randomSiteCode } from '@meic/testing';

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

export type Api = ReturnType<typeof client>;

/** The shared apiClient (GET, POST, PATCH) with bodies typed `any` unless a test names the type. */
export function client(baseUrl: string, token?: string) {
  const api = apiClient(baseUrl, token);
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    get: api.get as <T = any>(path: string) => Promise<ApiResponse<T>>,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    post: api.post as <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiResponse<T>>,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    patch: api.patch as <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiResponse<T>>,
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
  /** A real beneficiaries service, which this one asks who people are. */
  beneficiaries: BeneficiariesPeer;
  close: () => Promise<void>;
}

/** Starts the service on a fresh database with its own consumer group. */
export async function startHarness(): Promise<Harness> {
  const peer = await startBeneficiariesPeer();
  const database = await createTestDatabase('stakeholders');
  let app: INestApplication | undefined;
  const db = new PgClient({ connectionString: database.url });
  try {
    const env = serviceTestEnv({ DATABASE_URL: database.url, KAFKA_CONSUMER_GROUP: randomName('stakeholders'), BENEFICIARIES_URL: peer.url, MEIC_SERVICE_TOKEN: await testServiceToken('stakeholders') });
    app = await createStakeholdersApp(loadStakeholdersConfig(env), createLogger('test', 'warn'));
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
      beneficiaries: peer,
      close: async () => {
        await db.end().catch(() => undefined);
        await started.close();
        await database.drop();
        await peer.close();
      },
    };
  } catch (e) {
    await db.end().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await database.drop();
    await peer.close();
    throw e;
  }
}

/** Events the service published to meic.stakeholders.v1, as consumers see them. */
export function published(type: string, match: (e: ReceivedEvent) => boolean, want = 1): Promise<ReceivedEvent[]> {
  return collectEvents(TOPICS.stakeholders, (e) => e.headers['ce_type'] === type && match(e), want);
}

/** Rows in the outbox, optionally only those with this message key. */
export async function outboxRows(db: PgClient, key?: string): Promise<{ message_key: string; headers: Record<string, string>; value: string; published_at: Date | null }[]> {
  const { rows } = await db.query(`SELECT message_key, headers, value, published_at FROM outbox_events ${key ? 'WHERE message_key = $1' : ''} ORDER BY id`, key ? [key] : []);
  return rows;
}
