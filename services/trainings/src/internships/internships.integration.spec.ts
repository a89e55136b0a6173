import { expectNoPersonalData, randomSiteCode, roleClients, startTrainings, type Beneficiary, type TrainingsHarness } from '../testing/trainings-harness';

type Internship = {
  id: string;
  beneficiaryId: string;
  hostOrgId: string;
  hostOrgType: string;
  siteCode: string;
  country: string;
  startedOn: string;
  plannedEndOn: string;
  endedOn: string | null;
  outcome: string | null;
  createdAt: string;
};
type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] };
type Page<T> = { items: T[]; nextCursor?: string };

describe('internships: POST/GET /v1/internships, GET /v1/internships/{id}, POST /v1/internships/{id}/end', () => {
  let h: TrainingsHarness;
  const site = randomSiteCode('CY');
  const other = randomSiteCode('ES');
  let c: Awaited<ReturnType<typeof roleClients>>;
  let host: string;
  let otherHost: string;
  let person: Beneficiary;
  let elsewhere: Beneficiary;

  const body = (extra: Record<string, unknown> = {}) => ({ beneficiaryId: person.id, hostOrgId: host, siteCode: site, startedOn: '2026-05-04', plannedEndOn: '2026-08-04', ...extra });

  beforeAll(async () => {
    h = await startTrainings();
    c = await roleClients(h, site, other);
    await h.site(site);
    await h.site(other);
    host = await h.organisation(site, 'enterprise');
    otherHost = await h.organisation(other, 'enterprise');
    person = await h.beneficiary(site, { sex: 'female', ageBand: '30-39', citizenship: 'SY', legalStatus: 'subsidiary_protection' });
    elsewhere = await h.beneficiary(other);
  });

  afterAll(async () => {
    await h?.close();
  });

  describe('POST /v1/internships', () => {
    it('starts: 201 with id, one row, meic.internship.started.v2 with hostOrgType and coarse attributes only', async () => {
      const res = await c.staff.post<Internship>('/v1/internships', body());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ beneficiaryId: person.id, hostOrgId: host, hostOrgType: 'enterprise', siteCode: site, country: 'CY', startedOn: '2026-05-04', plannedEndOn: '2026-08-04', endedOn: null, outcome: null });
      const { rows } = await h.sql.query('SELECT beneficiary_id, host_org_type, ended_on FROM internships WHERE id = $1', [res.body.id]);
      expect(rows).toEqual([{ beneficiary_id: person.id, host_org_type: 'enterprise', ended_on: null }]);

      const [event] = await h.events('meic.internship.started.v2', (d) => d['internshipId'] === res.body.id);
      expect(event!.key).toBe(person.pseudonym);
      expect(event!.headers).toMatchObject({ ce_type: 'meic.internship.started.v2', ce_subject: person.pseudonym, ce_source: '/meic/trainings' });
      expect(event!.data).toEqual({
        siteCode: site,
        country: 'CY',
        occurredOn: '2026-05-04',
        pseudonym: person.pseudonym,
        sex: 'female',
        ageBand: '30-39',
        citizenship: 'SY',
        legalStatus: 'subsidiary_protection',
        internshipId: res.body.id,
        hostOrgId: host,
        hostOrgType: 'enterprise',
        plannedEndOn: '2026-08-04',
      });
      expectNoPersonalData(event!);
    });

    it('400 naming invalid and unknown fields, and a planned end before the start', async () => {
      const res = await c.admin.post<Problem>('/v1/internships', { ...body(), startedOn: '04/05/2026', siteCode: 'cyprus', hostOrgId: 7, employer: 'ACME' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([{ path: '/employer', message: 'is not a known field' }, expect.objectContaining({ path: '/startedOn' }), expect.objectContaining({ path: '/siteCode' }), expect.objectContaining({ path: '/hostOrgId' })]),
      );
      const order = await c.admin.post<Problem>('/v1/internships', body({ plannedEndOn: '2026-05-03' }));
      expect(order.status).toBe(400);
      expect(order.body.errors).toEqual([{ path: '/plannedEndOn', message: 'must not be before startedOn (2026-05-04)' }]);
    });

    it('422 for unknown site, unknown/other-site/erased beneficiary, and unknown/other-site/departed host', async () => {
      const cases: [Record<string, unknown>, { path: string; message: string }][] = [
        [{ siteCode: randomSiteCode('GR') }, { path: '/siteCode', message: 'unknown site' }],
        [{ beneficiaryId: '00000000-0000-4000-8000-000000000002' }, { path: '/beneficiaryId', message: 'unknown or erased beneficiary' }],
        [{ beneficiaryId: elsewhere.id }, { path: '/beneficiaryId', message: `beneficiary is enrolled at site ${other}, not ${site}` }],
        [{ hostOrgId: '00000000-0000-4000-8000-000000000003' }, { path: '/hostOrgId', message: 'unknown organisation' }],
        [{ hostOrgId: otherHost }, { path: '/hostOrgId', message: `organisation belongs to the cluster of site ${other}, not ${site}` }],
      ];
      for (const [extra, error] of cases) {
        const res = await c.admin.post<Problem>('/v1/internships', body(extra));
        expect(res.status).toBe(422);
        expect(res.body.errors).toEqual([error]);
      }

      const gone = await h.beneficiary(site);
      await h.erase(gone);
      const erased = await c.admin.post<Problem>('/v1/internships', body({ beneficiaryId: gone.id }));
      expect(erased.status).toBe(422);
      expect(erased.body.errors).toEqual([{ path: '/beneficiaryId', message: 'unknown or erased beneficiary' }]);

      // Left on 2026-06-30: an internship starting after that is refused, one started before is not.
      const departed = await h.organisation(site, 'trade_union');
      await h.organisationLeft(departed, site, 'trade_union', '2026-06-30');
      const late = await c.admin.post<Problem>('/v1/internships', body({ hostOrgId: departed, startedOn: '2026-07-01', plannedEndOn: '2026-09-01' }));
      expect(late.status).toBe(422);
      expect(late.body.errors).toEqual([{ path: '/hostOrgId', message: 'organisation left the cluster on 2026-06-30' }]);
      const earlier = await c.admin.post<Internship>('/v1/internships', body({ hostOrgId: departed, startedOn: '2026-02-01', plannedEndOn: '2026-04-01' }));
      expect(earlier.status).toBe(201);
      expect(earlier.body.hostOrgType).toBe('trade_union');
    });

    it('401 without token; 403 for consortium_lead, evaluator and site_staff of another site', async () => {
      expect((await h.anonymous.post('/v1/internships', body())).status).toBe(401);
      expect((await c.lead.post('/v1/internships', body())).status).toBe(403);
      expect((await c.evaluator.post('/v1/internships', body())).status).toBe(403);
      expect((await c.otherStaff.post('/v1/internships', body())).status).toBe(403);
    });

    it('honours Idempotency-Key: replay → same response, one row, one event; another body → 409', async () => {
      const b = body({ startedOn: '2026-09-01', plannedEndOn: '2026-12-01' });
      const first = await c.staff.post<Internship>('/v1/internships', b, { 'idempotency-key': 'intern-1' });
      const replay = await c.staff.post<Internship>('/v1/internships', b, { 'idempotency-key': 'intern-1' });
      expect(first.status).toBe(201);
      expect(replay).toEqual(first);
      const { rows } = await h.sql.query("SELECT id FROM internships WHERE beneficiary_id = $1 AND started_on = '2026-09-01'", [person.id]);
      expect(rows).toEqual([{ id: first.body.id }]);
      expect(await h.outboxCount('meic.internship.started.v2', { internshipId: first.body.id })).toBe(1);
      await h.events('meic.internship.started.v2', (d) => d['internshipId'] === first.body.id);
      expect((await c.staff.post('/v1/internships', { ...b, plannedEndOn: '2026-12-02' }, { 'idempotency-key': 'intern-1' })).status).toBe(409);
    });
  });

  describe('POST /v1/internships/{id}/end', () => {
    let internship: Internship;

    beforeAll(async () => {
      const res = await c.staff.post<Internship>('/v1/internships', body({ startedOn: '2026-03-02', plannedEndOn: '2026-06-02' }));
      expect(res.status).toBe(201);
      internship = res.body;
    });

    it('400 naming fields, and an end before the start', async () => {
      const schema = await c.staff.post<Problem>(`/v1/internships/${internship.id}/end`, { endedOn: 'tomorrow', outcome: 'quit', reason: 'x' });
      expect(schema.status).toBe(400);
      expect(schema.body.errors).toEqual(expect.arrayContaining([{ path: '/reason', message: 'is not a known field' }, expect.objectContaining({ path: '/endedOn' }), expect.objectContaining({ path: '/outcome' })]));
      const order = await c.staff.post<Problem>(`/v1/internships/${internship.id}/end`, { endedOn: '2026-03-01', outcome: 'interrupted' });
      expect(order.status).toBe(400);
      expect(order.body.errors).toEqual([{ path: '/endedOn', message: 'must not be before the start (2026-03-02)' }]);
    });

    it('401/403 matrix and 404 for an unknown internship', async () => {
      const b = { endedOn: '2026-06-02', outcome: 'hired' };
      expect((await h.anonymous.post(`/v1/internships/${internship.id}/end`, b)).status).toBe(401);
      expect((await c.lead.post(`/v1/internships/${internship.id}/end`, b)).status).toBe(403);
      expect((await c.evaluator.post(`/v1/internships/${internship.id}/end`, b)).status).toBe(403);
      expect((await c.otherStaff.post(`/v1/internships/${internship.id}/end`, b)).status).toBe(403);
      expect((await c.admin.post('/v1/internships/00000000-0000-4000-8000-000000000004/end', b)).status).toBe(404);
    });

    it('ends: 200, the row, meic.internship.ended.v2 with startedOn and hostOrgType; replay by key; 409 once ended', async () => {
      const b = { endedOn: '2026-06-02', outcome: 'hired' };
      const res = await c.staff.post<Internship>(`/v1/internships/${internship.id}/end`, b, { 'idempotency-key': 'end-1' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: internship.id, endedOn: '2026-06-02', outcome: 'hired' });
      expect(await c.staff.post(`/v1/internships/${internship.id}/end`, b, { 'idempotency-key': 'end-1' })).toEqual(res);

      const [event] = await h.events('meic.internship.ended.v2', (d) => d['internshipId'] === internship.id);
      expect(event!.key).toBe(person.pseudonym);
      expect(event!.data).toEqual({
        siteCode: site,
        country: 'CY',
        occurredOn: '2026-06-02',
        pseudonym: person.pseudonym,
        sex: 'female',
        ageBand: '30-39',
        citizenship: 'SY',
        legalStatus: 'subsidiary_protection',
        internshipId: internship.id,
        hostOrgId: host,
        hostOrgType: 'enterprise',
        startedOn: '2026-03-02',
        outcome: 'hired',
      });
      expectNoPersonalData(event!);

      const again = await c.staff.post<Problem>(`/v1/internships/${internship.id}/end`, { endedOn: '2026-06-03', outcome: 'completed' });
      expect(again.status).toBe(409);
      expect(await h.outboxCount('meic.internship.ended.v2', { internshipId: internship.id })).toBe(1);
      const { rows } = await h.sql.query('SELECT ended_on::text, outcome FROM internships WHERE id = $1', [internship.id]);
      expect(rows).toEqual([{ ended_on: '2026-06-02', outcome: 'hired' }]);
    });

    it('deletes the internships of a person erased meanwhile: no record and no new fact about them', async () => {
      const leaver = await h.beneficiary(site);
      const started = await c.staff.post<Internship>('/v1/internships', body({ beneficiaryId: leaver.id }));
      expect(started.status).toBe(201);
      await h.erase(leaver);
      const res = await c.staff.post<Problem>(`/v1/internships/${started.body.id}/end`, { endedOn: '2026-06-02', outcome: 'interrupted' });
      expect(res.status).toBe(404);
      expect((await c.admin.get(`/v1/internships/${started.body.id}`)).status).toBe(404);
      expect((await h.sql.query('SELECT 1 FROM internships WHERE beneficiary_id = $1', [leaver.id])).rowCount).toBe(0);
    });
  });

  describe('GET /v1/internships and /v1/internships/{id}', () => {
    const site2 = randomSiteCode('IT');
    const created: Internship[] = [];
    let theirs: Internship;

    beforeAll(async () => {
      await h.site(site2);
      const org = await h.organisation(site2, 'local_authority');
      const people = [await h.beneficiary(site2), await h.beneficiary(site2)];
      for (let i = 0; i < 5; i++) {
        const res = await c.admin.post<Internship>('/v1/internships', { beneficiaryId: people[i % 2]!.id, hostOrgId: org, siteCode: site2, startedOn: `2026-0${i + 1}-10`, plannedEndOn: '2026-12-31' });
        expect(res.status).toBe(201);
        created.push(res.body);
      }
      const res = await c.admin.post<Internship>('/v1/internships', { beneficiaryId: elsewhere.id, hostOrgId: otherHost, siteCode: other, startedOn: '2026-05-01', plannedEndOn: '2026-06-01' });
      expect(res.status).toBe(201);
      theirs = res.body;
    });

    it('lists oldest first, filtered by siteCode and beneficiaryId, paged with limit and cursor', async () => {
      const all = await c.admin.get<Page<Internship>>(`/v1/internships?siteCode=${site2}`);
      expect(all.body.items.map((i) => i.id)).toEqual(created.map((i) => i.id));
      const first = created[0]!.beneficiaryId;
      const one = await c.admin.get<Page<Internship>>(`/v1/internships?siteCode=${site2}&beneficiaryId=${first}`);
      expect(one.body.items.map((i) => i.id)).toEqual(created.filter((i) => i.beneficiaryId === first).map((i) => i.id));

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await c.admin.get<Page<Internship>>(`/v1/internships?siteCode=${site2}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((i) => i.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(created.map((i) => i.id));

      const bad = await c.admin.get<Problem>('/v1/internships?beneficiaryId=x&limit=9999&hostOrgId=y');
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['/beneficiaryId', '/limit', '/hostOrgId']));
    });

    it('is person-level: admin everywhere, site_staff their sites only, evaluators (extracts only) and consortium_lead never; 401 without a token', async () => {
      const staff2 = await h.as('site_staff', [site2]);
      expect((await h.anonymous.get('/v1/internships')).status).toBe(401);
      expect((await c.lead.get('/v1/internships')).status).toBe(403);
      expect((await c.lead.get(`/v1/internships/${theirs.id}`)).status).toBe(403);
      expect((await c.evaluator.get('/v1/internships')).status).toBe(403);
      expect((await c.evaluator.get(`/v1/internships/${theirs.id}`)).status).toBe(403);

      const mine = await staff2.get<Page<Internship>>('/v1/internships?limit=500');
      expect(mine.status).toBe(200);
      expect(new Set(mine.body.items.map((i) => i.siteCode))).toEqual(new Set([site2]));
      expect((await staff2.get(`/v1/internships?siteCode=${other}`)).status).toBe(403);
      expect((await staff2.get(`/v1/internships/${theirs.id}`)).status).toBe(403);
      expect((await staff2.get<Internship>(`/v1/internships/${created[0]!.id}`)).body).toEqual(created[0]);

      for (const client of [c.admin]) {
        const all = await client.get<Page<Internship>>('/v1/internships?limit=500');
        expect(all.body.items.map((i) => i.id)).toEqual(expect.arrayContaining([theirs.id, created[0]!.id]));
        expect((await client.get<Internship>(`/v1/internships/${theirs.id}`)).body).toEqual(theirs);
      }
    });

    it('404 for an unknown internship, 400 for an id that is not a UUID', async () => {
      expect((await c.admin.get('/v1/internships/00000000-0000-4000-8000-000000000005')).status).toBe(404);
      const bad = await c.admin.get<Problem>('/v1/internships/42');
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ path: '/id', message: 'must be a UUID' }]);
    });
  });
});
