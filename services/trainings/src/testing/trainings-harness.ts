import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import {
  buildEvent,
  toKafkaRecord,
  TOPICS,
  type AgeBand,
  type CloudEvent,
  type EventType,
  type LegalStatus,
  type OrganisationType,
  type Sex,
} from '@meic/contracts';
import { createKafka, createLogger, domainTopic, ensureTopics } from '@meic/service-kit';
import { apiClient, collectEvents, createTestDatabase, listen, pollUntil, randomName, serviceTestEnv, signTestToken, startBeneficiariesPeer, testProducer, testServiceToken, testStack, type ReceivedEvent, type TestRole } from '@meic/testing';
import { Client } from 'pg';
import { createTrainingsApp } from '../app';
import { loadTrainingsConfig } from '../config';

/**
 * What the trainings integration tests share: the service on a fresh database with its own
 * consumer group, a Kafka producer that feeds its read models with real events (as the
 * stakeholders and beneficiaries services would), tokens per role and a SQL client for
 * checking rows. Test code only; excluded from the build.
 */

export { randomSiteCode } from '@meic/testing';

export const PERSONAL_DATA_FIELDS = ['givenName', 'familyName', 'name', 'birthDate', 'birthYear', 'phone', 'email', 'person', 'address'];

/** Contract: events carry ids and coarse attributes only, never names, birth dates or contacts. */
export function expectNoPersonalData(event: ReceivedEvent): void {
  const keys = Object.keys(event.data);
  expect(keys.filter((k) => PERSONAL_DATA_FIELDS.includes(k))).toEqual([]);
  expect(JSON.stringify(event.data)).not.toMatch(/\d{4}-\d{2}-\d{2}T|@/);
}

export interface Beneficiary {
  id: string;
  /** What trainings events name the person by. */
  pseudonym: string;
  siteCode: string;
  sex: Sex;
  ageBand: AgeBand;
  citizenship: string;
  legalStatus: LegalStatus;
}

export interface TrainingsHarness {
  url: string;
  databaseUrl: string;
  sql: Client;
  /** An API client acting as `role` (site_staff: at `sites`). */
  as: (role: TestRole, sites?: string[]) => Promise<ReturnType<typeof apiClient>>;
  anonymous: ReturnType<typeof apiClient>;
  publish: (event: CloudEvent) => Promise<void>;
  site: (code: string, name?: string) => Promise<void>;
  organisation: (siteCode: string, type?: OrganisationType, joinedOn?: string) => Promise<string>;
  organisationLeft: (orgId: string, siteCode: string, type: OrganisationType, leftOn: string) => Promise<void>;
  beneficiary: (siteCode: string, attrs?: Partial<Omit<Beneficiary, 'id' | 'siteCode'>>) => Promise<Beneficiary>;
  /** Erases the person in the beneficiaries service and waits for the erasure to reach trainings. */
  erase: (b: Beneficiary) => Promise<void>;
  /** Trainings events on Kafka matching `match` (ce_type and a data predicate). */
  events: (type: EventType, match: (data: Record<string, unknown>, key: string | null) => boolean, want?: number) => Promise<ReceivedEvent[]>;
  /** Outbox rows of one event type whose data matches, to prove exactly-one writes. */
  outboxCount: (type: EventType, jsonContains: Record<string, unknown>) => Promise<number>;
  close: () => Promise<void>;
}

export async function startTrainings(): Promise<TrainingsHarness> {
  const logger = createLogger('trainings-test', 'warn');
  // People come from the beneficiaries service (GET /v1/beneficiaries/{id}/reference), a real one.
  const peer = await startBeneficiariesPeer();
  const db = await createTestDatabase('trainings');
  const app: INestApplication = await createTrainingsApp(
    loadTrainingsConfig(serviceTestEnv({ DATABASE_URL: db.url, KAFKA_CONSUMER_GROUP: randomName('trainings'), BENEFICIARIES_URL: peer.url, MEIC_SERVICE_TOKEN: await testServiceToken('trainings') })),
    logger,
  );
  const url = await listen(app);
  const sql = new Client({ connectionString: db.url });
  await sql.connect();

  // The topics it consumes exist with the platform's partition count before anything is fed.
  const kafka = createKafka({ brokers: testStack().kafkaBrokers, clientId: randomName('trainings-test-feed'), logger: createLogger('trainings-test-feed', 'error') });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [TOPICS.stakeholders, TOPICS.beneficiaries].map((topic) => domainTopic(topic, 6)));
  await admin.disconnect();
  const producer = await testProducer(randomName('trainings-test-feed'));

  const publish = (event: CloudEvent) => producer.send(toKafkaRecord(event));
  const known = (description: string, query: string, params: unknown[]) =>
    pollUntil(description, async () => ((await sql.query(query, params)).rowCount ?? 0) > 0 || undefined);

  const harness: TrainingsHarness = {
    url,
    databaseUrl: db.url,
    sql,
    anonymous: apiClient(url),
    as: async (role, sites) => apiClient(url, await signTestToken({ role, sites, sub: `test-${role}-${(sites ?? []).join('+')}` })),
    publish,
    async site(code, name = 'Test site') {
      await publish(
        buildEvent('meic.site.registered.v1', {
          siteCode: code,
          country: code.slice(0, 2),
          occurredOn: '2026-01-15',
          name,
          city: 'Test city',
          programme: 'AMIL',
          clusterName: `Cluster ${code}`,
          startedOn: '2026-01-15',
          defaultLanguage: 'it',
          targets: { enrolled: 100, placed: 40, womenSharePct: 40 },
        }),
      );
      await known(`site ${code} in the read model`, 'SELECT 1 FROM known_sites WHERE code = $1 AND name = $2', [code, name]);
    },
    async organisation(siteCode, type = 'vet_provider', joinedOn = '2026-01-20') {
      const id = randomUUID();
      await publish(
        buildEvent('meic.organisation.joined.v1', {
          siteCode,
          country: siteCode.slice(0, 2),
          occurredOn: joinedOn,
          organisationId: id,
          name: `Org ${id.slice(0, 8)}`,
          type,
          naceSector: 'P',
          communityOfInterest: false,
        }),
      );
      await known(`organisation ${id} in the read model`, 'SELECT 1 FROM known_organisations WHERE id = $1', [id]);
      return id;
    },
    async organisationLeft(orgId, siteCode, type, leftOn) {
      await publish(buildEvent('meic.organisation.left.v1', { siteCode, country: siteCode.slice(0, 2), occurredOn: leftOn, organisationId: orgId, name: 'Org', type }));
      await known(`organisation ${orgId} to have left`, 'SELECT 1 FROM known_organisations WHERE id = $1 AND left_on IS NOT NULL', [orgId]);
    },
    async beneficiary(siteCode, attrs = {}) {
      const person = { sex: 'female', ageBand: '25-29', citizenship: 'ML', legalStatus: 'refugee', ...attrs } as const;
      const { id, pseudonym } = await peer.enrol(siteCode, person);
      return { id, pseudonym, siteCode, ...person } as Beneficiary;
    },
    async erase(b) {
      await peer.erase(b.id);
      await known(`the erasure of ${b.id} to reach trainings`, 'SELECT 1 FROM erased_people WHERE pseudonym = $1', [b.pseudonym]);
    },
    events: (type, match, want = 1) => collectEvents(TOPICS.trainings, (e) => e.headers['ce_type'] === type && match(e.data, e.key), want),
    async outboxCount(type, jsonContains) {
      const { rows } = await sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM outbox_events WHERE headers->>'ce_type' = $1 AND value::jsonb @> $2::jsonb`, [type, JSON.stringify(jsonContains)]);
      return Number(rows[0]?.n ?? 0);
    },
    async close() {
      await producer.close().catch(() => undefined);
      await sql.end().catch(() => undefined);
      await app.close();
      await db.drop();
      await peer.close();
    },
  };
  return harness;
}

/** Every role, for 401/403 matrices: site_staff of the record's site and of another one. */
export async function roleClients(h: TrainingsHarness, siteCode: string, otherSite: string) {
  return {
    admin: await h.as('admin'),
    lead: await h.as('consortium_lead'),
    evaluator: await h.as('evaluator'),
    staff: await h.as('site_staff', [siteCode]),
    otherStaff: await h.as('site_staff', [otherSite]),
  };
}
