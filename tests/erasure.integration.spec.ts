import { Client as TemporalClient, Connection } from '@temporalio/client';
import { startStack, type StackHarness } from '@meic/onboarding/testing/stack-harness';
import { apiClient, pollUntil, randomSiteCode, signTestToken, testServiceToken, testStack, type ApiResponse } from '@meic/testing';
import { Client } from 'pg';

/**
 * A person with records in every domain service asks for their data (one document from every
 * service), then is erased (ADR 0015): the workflow drives each store to the end, and afterwards no
 * database holds the person's id or pseudonym outside the tombstone, and the pathway's history is
 * gone from Temporal.
 */
describe('erasure reaches every store', () => {
  let stack: StackHarness;
  let temporal: { connection: Connection; client: TemporalClient };
  const siteCode = randomSiteCode('GR');

  beforeAll(async () => {
    stack = await startStack({ pathways: { catchUpGraceSeconds: 0 } });
    const connection = await Connection.connect({ address: testStack().temporalAddress });
    temporal = { connection, client: new TemporalClient({ connection, namespace: testStack().temporalNamespace }) };
  }, 120_000);
  afterAll(async () => {
    await temporal?.connection.close();
    await stack?.close();
  });

  async function eventually<T>(what: string, call: () => Promise<ApiResponse<T>>): Promise<ApiResponse<T>> {
    const res = await pollUntil(what, async () => {
      const r = await call();
      return r.status === 422 ? undefined : r;
    }, { timeoutMs: 30_000 });
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }

  /** Rows of every table of a database whose JSON mentions any of `needles`, but in the tables `except`. */
  async function mentions(url: string, needles: string[], except: string[] = []): Promise<string[]> {
    const pg = new Client({ connectionString: url });
    await pg.connect();
    try {
      const tables = (await pg.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.t).filter((t) => !except.includes(t));
      const found: string[] = [];
      for (const t of tables) {
        const { rows } = await pg.query<{ row: string }>(`SELECT row_to_json(x)::text AS row FROM "${t}" x WHERE row_to_json(x)::text ~* $1`, [needles.join('|')]);
        // The first row found says what kept the trace.
        if (rows.length > 0) found.push(`${t}: ${rows.length} (${rows[0]?.row.slice(0, 300)})`);
      }
      return found;
    } finally {
      await pg.end();
    }
  }

  it('deletes what trainings, stakeholders, the beneficiaries database and Temporal hold about the person', async () => {
    const admin = await signTestToken({ role: 'admin' });
    const staff = await signTestToken({ role: 'site_staff', sites: [siteCode] });
    const S = apiClient(stack.urls.stakeholders, admin);
    const T = apiClient(stack.urls.trainings, staff);
    const B = apiClient(stack.urls.beneficiaries, staff);

    expect((await S.post('/v1/sites', { code: siteCode, name: 'Athens West', country: 'GR', city: 'Athens', programme: 'AMIR', clusterName: 'C', startedOn: '2025-01-10', defaultLanguage: 'el', targets: { enrolled: 80, placed: 30, womenSharePct: 45 } })).status).toBe(201);
    const vet = await eventually<{ id: string }>('a VET provider', () => S.post('/v1/organisations', { name: 'Athens VET', type: 'vet_provider', siteCode, naceSector: 'P', joinedOn: '2025-01-20', communityOfInterest: false }));
    const host = await eventually<{ id: string }>('a host', () => S.post('/v1/organisations', { name: 'Piraeus SA', type: 'enterprise', siteCode, naceSector: 'H', joinedOn: '2025-01-20', communityOfInterest: false }));
    const course = await eventually<{ id: string }>('a course', () => T.post('/v1/courses', { siteCode, type: 'l2_language', title: 'Greek A2', providerOrgId: vet.body.id, hours: 120, startsOn: '2025-03-01', endsOn: '2025-05-30', cefrTarget: 'A2' }));
    const mentor = await S.post<{ id: string }>('/v1/mentors', { siteCode, displayName: 'Mentor', languages: ['el'], areas: ['work'] });

    const person = await eventually<{ id: string }>('an enrolment', () =>
      B.post('/v1/beneficiaries', {
        siteCode,
        enrolledOn: '2025-02-15',
        person: { givenName: 'Zainab', familyName: 'Erasedova', birthDate: '1994-04-14', phone: '+30 690 555 1234' },
        sex: 'female',
        citizenship: 'AF',
        legalStatus: 'refugee',
        arrivalYear: 2021,
        educationIsced: 3,
        languages: [],
        consent: { dataProcessing: true, evaluationFollowUp: true, recordedOn: '2025-02-15' },
      }),
    );
    const id = person.body.id;
    const pseudonym = (await apiClient(stack.urls.beneficiaries, await testServiceToken('test')).get<{ pseudonym: string }>(`/v1/beneficiaries/${id}/reference`)).body.pseudonym;
    expect((await T.post(`/v1/courses/${course.body.id}/enrolments`, { beneficiaryId: id, enrolledOn: '2025-03-01' }, { 'idempotency-key': `enrol-${id}` })).status).toBe(201);
    expect((await T.post('/v1/internships', { beneficiaryId: id, hostOrgId: host.body.id, siteCode, startedOn: '2025-06-02', plannedEndOn: '2025-08-29' })).status).toBe(201);
    expect((await apiClient(stack.urls.stakeholders, staff).post('/v1/mentoring-matches', { mentorId: mentor.body.id, beneficiaryId: id, areas: ['work'], startedOn: '2025-03-10' })).status).toBe(201);
    await pollUntil('the pathway to run', async () => temporal.client.workflow.getHandle(`pathway-${id}`).describe().then(() => true, () => undefined));
    const needles = [id, pseudonym, 'Zainab', 'Erasedova'];
    expect(await mentions(stack.databases.trainings, needles)).not.toEqual([]);

    // Subject access (GDPR art. 15, 20): one document with what every service holds, gathered by a workflow.
    const exported = await B.get<{ status: string; parts: Record<string, Record<string, unknown> | null> }>(`/v1/beneficiaries/${id}/data-export`);
    expect(exported.status).toBe(200);
    expect(exported.body.status).toBe('completed');
    const parts = exported.body.parts;
    expect(Object.keys(parts).sort()).toEqual(['beneficiaries', 'pathway', 'stakeholders', 'trainings']);
    expect(parts['beneficiaries']?.['record']).toMatchObject({ id, personalData: { givenName: 'Zainab', familyName: 'Erasedova' } });
    expect((parts['beneficiaries']?.['eventsPublished'] as { type: string }[]).map((e) => e.type)).toEqual(expect.arrayContaining(['meic.beneficiary.enrolled.v2', 'meic.beneficiary.consent-recorded.v2']));
    expect(parts['pathway']).toMatchObject({ beneficiaryId: id, stage: expect.any(String) });
    expect(parts['trainings']).toMatchObject({ courseEnrolments: [expect.objectContaining({ beneficiaryId: id })], internships: [expect.objectContaining({ beneficiaryId: id })] });
    expect((parts['trainings']?.['eventsPublished'] as { type: string }[]).map((e) => e.type).sort()).toEqual(['meic.course.enrolled.v2', 'meic.internship.started.v2']);
    expect(parts['stakeholders']).toMatchObject({ mentoringMatches: [expect.objectContaining({ beneficiaryId: id })] });
    // No person is ever shown the pseudonym, not even in their own export.
    expect(JSON.stringify(exported.body)).not.toContain(pseudonym);
    expect((await apiClient(stack.urls.beneficiaries, await signTestToken({ role: 'evaluator' })).get(`/v1/beneficiaries/${id}/data-export`)).status).toBe(403);

    const erased = await B.delete<{ status: string }>(`/v1/beneficiaries/${id}`);
    expect(erased.status).toBe(202);
    const done = await pollUntil('the erasure to complete', async () => {
      const r = await B.get<{ status: string; steps: { store: string; status: string }[] }>(`/v1/beneficiaries/${id}/erasure`);
      return r.body.status === 'completed' ? r.body : undefined;
    }, { timeoutMs: 100_000 });
    expect(done.steps.map((s) => [s.store, s.status])).toEqual([
      ['temporal', 'done'],
      ['trainings', 'done'],
      ['stakeholders', 'done'],
      ['beneficiaries', 'done'],
    ]);

    // Trainings and stakeholders: nothing holds the id or the person; the pseudonym is left only in the
    // tombstone and in the outbox rows of events already published, which link to no one any more.
    for (const db of [stack.databases.trainings, stack.databases.stakeholders]) {
      expect(await mentions(db, [id, 'Zainab', 'Erasedova'])).toEqual([]);
      expect(await mentions(db, [pseudonym], ['erased_people', 'outbox_events'])).toEqual([]);
    }
    // The beneficiaries database: the tombstone holds the id; the outbox, events already published (the pseudonym).
    expect(await mentions(stack.databases.beneficiaries, [id, 'Zainab', 'Erasedova'], ['erasures'])).toEqual([]);
    expect(await mentions(stack.databases.beneficiaries, [pseudonym], ['outbox_events'])).toEqual([]);
    await expect(temporal.client.workflow.getHandle(`pathway-${id}`).describe()).rejects.toThrow(/not found/i);
    expect((await B.get(`/v1/beneficiaries/${id}/data-export`)).status).toBe(404);
    // The person's records are gone from the services' own APIs too.
    expect((await T.get<{ items: unknown[] }>(`/v1/internships?siteCode=${siteCode}&beneficiaryId=${id}`)).body.items).toEqual([]);
    expect((await T.post(`/v1/courses/${course.body.id}/enrolments`, { beneficiaryId: id, enrolledOn: '2025-03-01' })).status).toBe(422);
    // Only the erasure workflow (a service token) may ask a service to erase.
    expect((await apiClient(stack.urls.trainings, admin).post('/v1/erasures', { beneficiaryId: id })).status).toBe(403);
    expect((await apiClient(stack.urls.stakeholders, admin).post('/v1/erasures', { beneficiaryId: id })).status).toBe(403);
  }, 180_000);
});
