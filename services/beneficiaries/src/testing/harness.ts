// Test support for this service's integration tests (excluded from the build): one beneficiaries
// app on the test stack, its database, a Kafka producer to feed its read models with real
// events, and tokens for every role. Read models are never written directly.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { buildEvent, toKafkaRecord, type CloudEvent, type EventDataOf, type EventType, type OrganisationType } from '@meic/contracts';
import { createLogger } from '@meic/service-kit';
import { apiClient, createTestDatabase, listen, pollUntil, randomName, randomSiteCode, serviceTestEnv, signTestToken, testProducer, testStack, type ApiResponse } from '@meic/testing';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client } from 'pg';
import { createBeneficiariesApp } from '../app';
import type { BeneficiaryView } from '../beneficiaries/beneficiaries.schemas';
import { loadBeneficiariesConfig } from '../config';
import { createPathwayWorker, openPathwayPorts } from '../pathway-worker';

const logger = createLogger('test', 'warn');

/** Personal data of the fixture person: a test asserts none of it reaches an event. */
export const PERSON = { givenName: 'Amina', familyName: 'Diallo', birthDate: '1998-05-17', phone: '+39 333 1234567', email: 'amina.diallo@example.org' };
export const PERSONAL_STRINGS = ['Amina', 'Diallo', '1998-05-17', '1234567', 'amina.diallo', 'example.org'];

export function enrolmentBody(siteCode: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    siteCode,
    enrolledOn: '2026-03-02',
    person: PERSON,
    sex: 'female',
    citizenship: 'ML',
    legalStatus: 'refugee',
    arrivalYear: 2023,
    educationIsced: 3,
    languages: [{ code: 'fr', cefr: 'C1' }, { code: 'it', cefr: 'A2' }],
    consent: { dataProcessing: true, evaluationFollowUp: true, recordedOn: '2026-03-02' },
    ...overrides,
  };
}

export type Api = ReturnType<typeof api>;

/** apiClient plus DELETE with headers (Idempotency-Key). */
export function api(baseUrl: string, token?: string) {
  const client = apiClient(baseUrl, token);
  return {
    ...client,
    deleteWith: async (path: string, headers: Record<string, string>): Promise<ApiResponse> => {
      const res = await fetch(`${baseUrl}${path}`, { method: 'DELETE', headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
      const text = await res.text();
      return { status: res.status, contentType: res.headers.get('content-type'), body: text ? (JSON.parse(text) as unknown) : undefined };
    },
  };
}

export type Enrolled = BeneficiaryView & { pseudonym: string };

export interface Harness {
  url: string;
  pg: Client;
  siteCode: string;
  otherSiteCode: string;
  taskQueue: string;
  as: {
    admin: Api;
    staff: Api;
    otherStaff: Api;
    lead: Api;
    evaluator: Api;
    anonymous: Api;
  };
  publish<T extends EventType>(type: T, data: EventDataOf<T>): Promise<CloudEvent<T>>;
  registerSite(code: string): Promise<void>;
  joinOrganisation(opts?: { siteCode?: string; type?: OrganisationType }): Promise<string>;
  leaveOrganisation(id: string, siteCode: string, on: string, type?: OrganisationType): Promise<void>;
  /** The enrolled person, with the pseudonym their events carry (read from the database: the API never shows it). */
  enrol(overrides?: Record<string, unknown>, as?: Api): Promise<Enrolled>;
  /** A Temporal client on the test namespace, for tests that look at workflows (with `worker`). */
  temporal: TemporalClient;
  close(): Promise<void>;
}

/**
 * Starts the app with two registered sites (the staff token works at the first only).
 * `worker: true` also runs a pathway worker on the app's task queue. `catchUpGraceSeconds` sets the
 * pathways' wait for late records (PATHWAY_CATCH_UP_GRACE_SECONDS; the service's default otherwise).
 */
export async function startHarness(opts: { worker?: boolean; catchUpGraceSeconds?: number } = {}): Promise<Harness> {
  const stack = testStack();
  const db = await createTestDatabase('beneficiaries');
  const taskQueue = randomName('pathways');
  const closers: (() => Promise<void>)[] = [db.drop];
  let app: INestApplication | undefined;
  try {
    app = await createBeneficiariesApp(
      loadBeneficiariesConfig(
        serviceTestEnv({
          DATABASE_URL: db.url,
          TEMPORAL_TASK_QUEUE: taskQueue,
          KAFKA_CONSUMER_GROUP: randomName('beneficiaries'),
          ...(opts.catchUpGraceSeconds !== undefined ? { PATHWAY_CATCH_UP_GRACE_SECONDS: String(opts.catchUpGraceSeconds) } : {}),
        }),
      ),
      logger,
    );
    const started = app;
    closers.unshift(() => started.close());
    const url = await listen(app);

    if (opts.worker) {
      // Pathways and erasures; an erasure here covers Temporal and this database (no other service runs).
      const database = openPathwayPorts(db.url, { temporal: { address: stack.temporalAddress, namespace: stack.temporalNamespace }, peers: [], token: () => '' });
      const worker = await createPathwayWorker({ TEMPORAL_ADDRESS: stack.temporalAddress, TEMPORAL_NAMESPACE: stack.temporalNamespace, TEMPORAL_TASK_QUEUE: taskQueue }, database.ports);
      const running = worker.worker.run();
      closers.unshift(async () => {
        worker.worker.shutdown();
        await running.catch(() => undefined);
        await worker.connection.close();
        await database.close();
      });
    }

    const connection = await Connection.connect({ address: stack.temporalAddress });
    closers.unshift(() => connection.close());
    const temporal = new TemporalClient({ connection, namespace: stack.temporalNamespace });

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    closers.unshift(() => pg.end());

    const producer = await testProducer('beneficiaries-test');
    closers.unshift(() => producer.close());

    const siteCode = randomSiteCode();
    const otherSiteCode = randomSiteCode('CY');
    const token = (role: string, sites?: string[]) => signTestToken({ role, sites, sub: `test-${role}-${sites?.join('+') ?? 'all'}` });
    const as = {
      admin: api(url, await token('admin')),
      staff: api(url, await token('site_staff', [siteCode])),
      otherStaff: api(url, await token('site_staff', [otherSiteCode])),
      lead: api(url, await token('consortium_lead')),
      evaluator: api(url, await token('evaluator')),
      anonymous: api(url),
    };

    const publish = async <T extends EventType>(type: T, data: EventDataOf<T>): Promise<CloudEvent<T>> => {
      const event = buildEvent(type, data);
      await producer.send(toKafkaRecord(event));
      return event;
    };

    const registerSite = async (code: string): Promise<void> => {
      await publish('meic.site.registered.v1', {
        siteCode: code,
        country: code.slice(0, 2),
        occurredOn: '2026-01-15',
        name: `Site ${code}`,
        city: 'Città',
        programme: 'AMIL',
        clusterName: `Cluster ${code}`,
        startedOn: '2026-01-15',
        defaultLanguage: 'it',
        targets: { enrolled: 100, placed: 40, womenSharePct: 40 },
      });
      await pollUntil(`site ${code} in the read model`, async () => (await pg.query('SELECT 1 FROM known_sites WHERE code = $1', [code])).rowCount === 1, { timeoutMs: 30_000 });
    };

    const joinOrganisation = async (o: { siteCode?: string; type?: OrganisationType } = {}): Promise<string> => {
      const id = randomUUID();
      const site = o.siteCode ?? siteCode;
      await publish('meic.organisation.joined.v1', {
        siteCode: site,
        country: site.slice(0, 2),
        occurredOn: '2026-01-20',
        organisationId: id,
        name: 'Cooperativa Esempio',
        type: o.type ?? 'enterprise',
        naceSector: 'I',
        communityOfInterest: false,
      });
      await pollUntil(`organisation ${id} in the read model`, async () => (await pg.query('SELECT 1 FROM known_organisations WHERE id = $1', [id])).rowCount === 1, { timeoutMs: 30_000 });
      return id;
    };

    const leaveOrganisation = async (id: string, site: string, on: string, type: OrganisationType = 'enterprise'): Promise<void> => {
      await publish('meic.organisation.left.v1', { siteCode: site, country: site.slice(0, 2), occurredOn: on, organisationId: id, name: 'Cooperativa Esempio', type });
      await pollUntil(`organisation ${id} to have left`, async () => (await pg.query('SELECT 1 FROM known_organisations WHERE id = $1 AND left_on IS NOT NULL', [id])).rowCount === 1, {
        timeoutMs: 30_000,
      });
    };

    const enrol = async (overrides: Record<string, unknown> = {}, who: Api = as.staff): Promise<Enrolled> => {
      const res = await who.post<BeneficiaryView>('/v1/beneficiaries', enrolmentBody(siteCode, overrides));
      if (res.status !== 201) throw new Error(`enrolment failed: ${res.status} ${JSON.stringify(res.body)}`);
      const { rows } = await pg.query<{ pseudonym: string }>('SELECT pseudonym FROM beneficiaries WHERE id = $1', [res.body.id]);
      return { ...res.body, pseudonym: rows[0]!.pseudonym };
    };

    await registerSite(siteCode);
    await registerSite(otherSiteCode);

    return {
      url,
      pg,
      siteCode,
      otherSiteCode,
      taskQueue,
      as,
      publish,
      registerSite,
      joinOrganisation,
      leaveOrganisation,
      enrol,
      temporal,
      close: async () => {
        for (const close of closers) await close().catch(() => undefined);
      },
    };
  } catch (e) {
    for (const close of closers) await close().catch(() => undefined);
    throw e;
  }
}

type Call = (who: Api) => Promise<ApiResponse>;

/**
 * The contract's authorization for personal data, on one endpoint: 401 without a token, 403
 * for consortium_lead, evaluator and site_staff of another site; `allowed` for site_staff of
 * the site and admin (each call may create a record, so the call is made per role).
 */
export async function expectPersonalDataAccess(h: Harness, call: Call, allowed: number): Promise<void> {
  const statuses = {
    anonymous: (await call(h.as.anonymous)).status,
    lead: (await call(h.as.lead)).status,
    evaluator: (await call(h.as.evaluator)).status,
    otherStaff: (await call(h.as.otherStaff)).status,
    staff: (await call(h.as.staff)).status,
    admin: (await call(h.as.admin)).status,
  };
  expect(statuses).toEqual({ anonymous: 401, lead: 403, evaluator: 403, otherStaff: 403, staff: allowed, admin: allowed });
}

/** Outbox rows of one event type, oldest first. */
export async function outboxRows(pg: Client, type: string): Promise<{ message_key: string; value: string; headers: Record<string, string>; published_at: Date | null }[]> {
  const { rows } = await pg.query<{ message_key: string; value: string; headers: Record<string, string>; published_at: Date | null }>(
    `SELECT message_key, value, headers, published_at FROM outbox_events WHERE headers ->> 'ce_type' = $1 ORDER BY id`,
    [type],
  );
  return rows;
}

/** Asserts a serialized event holds none of the fixture person's personal data. */
export function expectNoPersonalData(serialized: string, extra: string[] = []): void {
  for (const s of [...PERSONAL_STRINGS, ...extra]) expect(serialized).not.toContain(s);
}
