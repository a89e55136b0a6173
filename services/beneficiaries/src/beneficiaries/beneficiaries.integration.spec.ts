import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPICS } from '@meic/contracts';
import { collectEvents, pollUntil } from '@meic/testing';
import { enrolmentBody, expectNoPersonalData, expectPersonalDataAccess, outboxRows, startHarness, type Harness } from '../testing/harness';
import { pathwayRepositoryOf } from '../testing/pathway.fixture';
import type { BeneficiaryView } from './beneficiaries.schemas';

type Problem = { status: number; errors?: { path: string; message: string }[] };
type Page = { items: BeneficiaryView[]; nextCursor?: string };

describe('beneficiaries: POST /v1/beneficiaries, GET /v1/beneficiaries, GET /v1/beneficiaries/{id}', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('enrols: 201 with personal data, a record and separate personal data row, and an event without personal data', async () => {
    const res = await h.as.staff.post<BeneficiaryView>('/v1/beneficiaries', enrolmentBody(h.siteCode));
    expect(res.status).toBe(201);
    const id = res.body.id;
    expect(res.body).toMatchObject({ siteCode: h.siteCode, country: 'IT', programme: 'AMIL', person: { givenName: 'Amina', birthDate: '1998-05-17' }, ageBand: '25-29', stage: 'intake' });
    expect(JSON.stringify(res.body)).not.toMatch(/pseudonym/);

    const row = await h.pg.query('SELECT site_code, birth_year, age_band, stage, erased_at, pseudonym FROM beneficiaries WHERE id = $1', [id]);
    const { pseudonym } = row.rows[0];
    expect(row.rows).toEqual([{ site_code: h.siteCode, birth_year: 1998, age_band: '25-29', stage: 'intake', erased_at: null, pseudonym: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
    expect(pseudonym).not.toBe(id);
    expect((await h.pg.query('SELECT given_name FROM personal_data WHERE beneficiary_id = $1', [id])).rows).toEqual([{ given_name: 'Amina' }]);

    const [event] = await collectEvents(TOPICS.beneficiaries, (e) => e.key === pseudonym && e.headers['ce_type'] === 'meic.beneficiary.enrolled.v2');
    expect(event?.headers).toMatchObject({ ce_specversion: '1.0', ce_source: '/meic/beneficiaries', ce_subject: pseudonym });
    expect(event?.data).toEqual({ pseudonym, siteCode: h.siteCode, country: 'IT', programme: 'AMIL', occurredOn: '2026-03-02', sex: 'female', ageBand: '25-29', citizenship: 'ML', legalStatus: 'refugee' });
    expectNoPersonalData(JSON.stringify(event), [id]);

    const got = await h.as.staff.get<BeneficiaryView>(`/v1/beneficiaries/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it('names every invalid field, rejects unknown fields and date order violations', async () => {
    const bad = await h.as.staff.post<Problem>('/v1/beneficiaries', {
      ...enrolmentBody(h.siteCode, { sex: 'x', citizenship: 'Mali', enrolledOn: '2026-13-01' }),
      nickname: 'A.',
      person: { givenName: '', familyName: 'D', birthDate: '1998-05-17', shoeSize: 41 },
    });
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
    const paths = bad.body.errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/nickname', '/sex', '/citizenship', '/enrolledOn', '/person/givenName', '/person/shoeSize']));
    expect(bad.body.errors).toEqual(expect.arrayContaining([{ path: '/nickname', message: 'is not a known field' }]));

    const consent = await h.as.staff.post<Problem>('/v1/beneficiaries', enrolmentBody(h.siteCode, { consent: { dataProcessing: false, evaluationFollowUp: true, recordedOn: '2026-03-02' } }));
    expect(consent.status).toBe(400);
    expect(consent.body.errors?.map((e) => e.path)).toContain('/consent/dataProcessing');

    const order = await h.as.staff.post<Problem>('/v1/beneficiaries', enrolmentBody(h.siteCode, { enrolledOn: '1990-01-01' }));
    expect(order.status).toBe(400);
    expect(order.body.errors).toEqual([{ path: '/person/birthDate', message: 'must be before enrolledOn' }]);

    expect((await h.as.staff.get<Problem>('/v1/beneficiaries/not-a-uuid')).body).toMatchObject({ status: 400, errors: [{ path: '/id', message: 'must be a UUID' }] });
  });

  it('answers 422 for a site the service has not learnt about', async () => {
    const res = await h.as.admin.post<Problem>('/v1/beneficiaries', enrolmentBody('IT-NOWHERE'));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: '/siteCode', message: 'unknown site' }]);
  });

  it('authorizes by role and site: POST, GET one, GET list', async () => {
    await expectPersonalDataAccess(h, (as) => as.post('/v1/beneficiaries', enrolmentBody(h.siteCode)), 201);
    const { id } = await h.enrol();
    await expectPersonalDataAccess(h, (as) => as.get(`/v1/beneficiaries/${id}`), 200);
    await expectPersonalDataAccess(h, (as) => as.get(`/v1/beneficiaries?siteCode=${h.siteCode}`), 200);
    // Without siteCode, site_staff get their own sites; lead and evaluator are refused outright.
    expect((await h.as.otherStaff.get('/v1/beneficiaries')).status).toBe(200);
    expect((await h.as.lead.get('/v1/beneficiaries')).status).toBe(403);
    expect((await h.as.evaluator.get('/v1/beneficiaries')).status).toBe(403);
  });

  it('honours Idempotency-Key: same body replays the first response and writes once; another body is a 409', async () => {
    const body = enrolmentBody(h.siteCode, { person: { givenName: 'Idem', familyName: 'Potent', birthDate: '1990-01-01' } });
    const first = await h.as.staff.post<BeneficiaryView>('/v1/beneficiaries', body, { 'idempotency-key': 'enrol-1' });
    const replay = await h.as.staff.post<BeneficiaryView>('/v1/beneficiaries', body, { 'idempotency-key': 'enrol-1' });
    expect(first.status).toBe(201);
    expect(replay).toEqual(first);
    expect((await h.pg.query("SELECT count(*)::int AS n FROM personal_data WHERE given_name = 'Idem'")).rows[0]).toEqual({ n: 1 });
    // The stored response refers to the person instead of copying their data out of the person table.
    const stored = (await h.pg.query("SELECT response_body::text AS r FROM idempotency_keys WHERE key = 'enrol-1'")).rows[0].r as string;
    expect(stored).toContain(`"personalDataOf": "${first.body.id}"`);
    expect(stored).not.toMatch(/Idem|Potent|1990-01-01/);
    const { pseudonym } = (await h.pg.query('SELECT pseudonym FROM beneficiaries WHERE id = $1', [first.body.id])).rows[0];
    expect((await outboxRows(h.pg, 'meic.beneficiary.enrolled.v2')).filter((r) => r.message_key === pseudonym)).toHaveLength(1);

    const other = await h.as.staff.post<Problem>('/v1/beneficiaries', { ...body, arrivalYear: 2020 }, { 'idempotency-key': 'enrol-1' });
    expect(other.status).toBe(409);
    expect(other.contentType).toContain('application/problem+json');
  });

  it('lists with pagination and the siteCode and stage filters; site_staff see only their sites', async () => {
    const mine = [await h.enrol(), await h.enrol(), await h.enrol()];
    const theirs = await h.enrol({ siteCode: h.otherSiteCode }, h.as.admin);

    // Page through the staff member's site two at a time: every record once, in creation order.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.as.staff.get<Page>(`/v1/beneficiaries?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((b) => b.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(mine.map((b) => b.id)));
    expect(seen).not.toContain(theirs.id);
    expect(seen.slice(-3)).toEqual(mine.map((b) => b.id));

    const other = await h.as.admin.get<Page>(`/v1/beneficiaries?siteCode=${h.otherSiteCode}`);
    expect(other.body.items.map((b) => b.id)).toEqual([theirs.id]);
    expect(other.body.items[0]?.person.givenName).toBe('Amina');
    expect((await h.as.staff.get(`/v1/beneficiaries?siteCode=${h.otherSiteCode}`)).status).toBe(403);

    // The stage comes from the pathway's activity (called here as the workflow would).
    const moved = mine[1]!;
    const pathway = pathwayRepositoryOf(h);
    await pathway.repo.recordStageChange({ beneficiaryId: moved.id, siteCode: h.siteCode, from: 'intake', to: 'orientation', on: '2026-03-05' });
    await pathway.close();
    const oriented = await pollUntil('the stage filter to find the person', async () => {
      const res = await h.as.staff.get<Page>(`/v1/beneficiaries?siteCode=${h.siteCode}&stage=orientation`);
      return res.body.items.length > 0 ? res.body : undefined;
    });
    expect(oriented.items.map((b) => b.id)).toEqual([moved.id]);
    expect(oriented.items[0]?.stage).toBe('orientation');
    const intake = await h.as.admin.get<Page>(`/v1/beneficiaries?siteCode=${h.siteCode}&stage=intake&limit=500`);
    expect(intake.body.items.map((b) => b.id)).not.toContain(moved.id);
  });

  it("keeps the site's own ref: returned, filterable with siteCode, unique per site (409 naming /ref), absent from the event", async () => {
    const ref = `RM-${Date.now()}`;
    const created = await h.as.staff.post<BeneficiaryView>('/v1/beneficiaries', { ...enrolmentBody(h.siteCode), ref });
    expect(created.status).toBe(201);
    expect(created.body.ref).toBe(ref);
    expect((await h.as.staff.get<BeneficiaryView>(`/v1/beneficiaries/${created.body.id}`)).body.ref).toBe(ref);

    const found = await h.as.staff.get<Page>(`/v1/beneficiaries?siteCode=${h.siteCode}&ref=${encodeURIComponent(ref)}`);
    expect(found.body.items.map((b) => b.id)).toEqual([created.body.id]);
    expect((await h.as.staff.get<Page>(`/v1/beneficiaries?siteCode=${h.siteCode}&ref=nobody-${ref}`)).body.items).toEqual([]);

    const again = await h.as.staff.post<Problem>('/v1/beneficiaries', { ...enrolmentBody(h.siteCode), ref });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ path: '/ref', message: 'already used by another beneficiary of the site' }]);
    // Unique per site, not globally: another site may use the same reference.
    expect((await h.as.admin.post('/v1/beneficiaries', { ...enrolmentBody(h.otherSiteCode), ref })).status).toBe(201);
    expect((await h.as.staff.post<Problem>('/v1/beneficiaries', { ...enrolmentBody(h.siteCode), ref: 'x'.repeat(65) })).body.errors?.map((e) => e.path)).toEqual(['/ref']);
    // Without a ref a person is enrolled as before, and has none.
    const plain = await h.as.staff.post<BeneficiaryView>('/v1/beneficiaries', enrolmentBody(h.siteCode));
    expect(plain.body).not.toHaveProperty('ref');

    const { pseudonym } = (await h.pg.query('SELECT pseudonym FROM beneficiaries WHERE id = $1', [created.body.id])).rows[0];
    const [event] = await collectEvents(TOPICS.beneficiaries, (e) => e.key === pseudonym && e.headers['ce_type'] === 'meic.beneficiary.enrolled.v2');
    expect(JSON.stringify(event)).not.toContain(ref);
  });

  it('rejects unknown query fields, bad filters and cursors it did not issue, naming them', async () => {
    const unknown = await h.as.admin.get<Problem>('/v1/beneficiaries?name=Amina');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: '/name', message: 'is not a known field' }]);
    expect((await h.as.admin.get<Problem>('/v1/beneficiaries?stage=hired')).body.errors?.map((e) => e.path)).toContain('/stage');
    expect((await h.as.admin.get<Problem>('/v1/beneficiaries?limit=0')).body.errors?.map((e) => e.path)).toContain('/limit');
    expect((await h.as.admin.get<Problem>('/v1/beneficiaries?cursor=bogus')).body.errors).toEqual([{ path: '/cursor', message: 'is not a cursor this endpoint issued' }]);
  });

  it('audits every read of personal data, one entry per record returned', async () => {
    const { id } = await h.enrol();
    await h.as.staff.get(`/v1/beneficiaries/${id}`);
    const audit = await pollUntil('the audit entries', async () => {
      const res = await h.as.admin.get<{ items: { actor: string; action: string; resourceType: string; siteCode: string; status: number }[] }>(`/v1/audit-log?resourceId=${id}`);
      return res.body.items.length >= 2 ? res.body.items : undefined;
    });
    expect(audit.map((e) => [e.action, e.resourceType, e.siteCode, e.status])).toEqual(
      expect.arrayContaining([
        ['read /v1/beneficiaries/:id', 'beneficiary', h.siteCode, 200],
        ['POST /v1/beneficiaries', 'beneficiary', h.siteCode, 201],
      ]),
    );
  });

  it('publishes every enrolment through the outbox', async () => {
    await pollUntil('every outbox row to be published', async () => {
      const { rows } = await h.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL');
      return rows[0]?.n === 0;
    });
  });

  it('documents the endpoints in OpenAPI 3.1', async () => {
    const doc = (await (await fetch(`${h.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    // What it serves is the committed contract the clients are generated from.
    expect(doc).toEqual(JSON.parse(readFileSync(join(__dirname, '../..', 'openapi.json'), 'utf8')));
    expect(Object.keys(doc.paths['/v1/beneficiaries'] ?? {})).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/v1/beneficiaries/{id}'] ?? {})).toEqual(expect.arrayContaining(['get', 'delete']));
    for (const p of ['/v1/beneficiaries/{id}/assessments', '/v1/beneficiaries/{id}/placements', '/v1/beneficiaries/{id}/follow-ups', '/v1/beneficiaries/{id}/dropout']) {
      expect(doc.paths[p]).toHaveProperty('post');
    }
  });
});
