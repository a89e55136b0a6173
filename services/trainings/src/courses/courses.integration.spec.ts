import { TOPICS } from '@meic/contracts';
import { pollUntil } from '@meic/testing';
import { expectNoPersonalData, randomSiteCode, roleClients, startTrainings, type TrainingsHarness } from '../testing/trainings-harness';

type Course = { id: string; siteCode: string; type: string; title: string; providerOrgType: string; cefrTarget: string | null; createdAt: string };
type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] };
type Page<T> = { items: T[]; nextCursor?: string };

describe('courses: POST /v1/courses, GET /v1/courses, GET /v1/courses/{id}', () => {
  let h: TrainingsHarness;
  const site = randomSiteCode('IT');
  const other = randomSiteCode('CY');
  let provider: string;
  let otherProvider: string;
  let c: Awaited<ReturnType<typeof roleClients>>;

  const body = (extra: Record<string, unknown> = {}) => ({
    siteCode: site,
    type: 'l2_language',
    title: 'Italiano per il lavoro A2',
    providerOrgId: provider,
    hours: 120,
    startsOn: '2026-03-09',
    endsOn: '2026-06-26',
    cefrTarget: 'A2',
    ...extra,
  });

  beforeAll(async () => {
    h = await startTrainings();
    await h.site(site);
    await h.site(other);
    provider = await h.organisation(site, 'vet_provider');
    otherProvider = await h.organisation(other, 'university');
    c = await roleClients(h, site, other);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('creates a course: 201 with its id, one row, and meic.course.created.v1 on Kafka with the provider type', async () => {
    const res = await c.staff.post<Course>('/v1/courses', body());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ siteCode: site, country: 'IT', type: 'l2_language', title: 'Italiano per il lavoro A2', providerOrgId: provider, providerOrgType: 'vet_provider', hours: 120, startsOn: '2026-03-09', endsOn: '2026-06-26', cefrTarget: 'A2' });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);

    const { rows } = await h.sql.query('SELECT site_code, type, provider_org_type, hours, cefr_target FROM courses WHERE id = $1', [res.body.id]);
    expect(rows).toEqual([{ site_code: site, type: 'l2_language', provider_org_type: 'vet_provider', hours: 120, cefr_target: 'A2' }]);

    const [event] = await h.events('meic.course.created.v1', (d) => d['courseId'] === res.body.id);
    expect(event!.key).toBe(res.body.id);
    expect(event!.headers).toMatchObject({ ce_type: 'meic.course.created.v1', ce_source: '/meic/trainings', ce_subject: res.body.id, ce_specversion: '1.0', 'content-type': 'application/json' });
    expect(event!.data).toEqual({
      courseId: res.body.id,
      courseType: 'l2_language',
      siteCode: site,
      country: 'IT',
      occurredOn: new Date().toISOString().slice(0, 10),
      title: 'Italiano per il lavoro A2',
      providerOrgId: provider,
      providerOrgType: 'vet_provider',
      hours: 120,
      startsOn: '2026-03-09',
      endsOn: '2026-06-26',
      cefrTarget: 'A2',
    });
    expectNoPersonalData(event!);

    const one = await c.evaluator.get<Course>(`/v1/courses/${res.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(res.body);
  });

  it('publishes a null cefrTarget for a course without one', async () => {
    const res = await c.admin.post<Course>('/v1/courses', body({ type: 'vocational_training', title: 'Saldatura', cefrTarget: undefined, hours: 80.5 }));
    expect(res.status).toBe(201);
    expect(res.body.cefrTarget).toBeNull();
    const [event] = await h.events('meic.course.created.v1', (d) => d['courseId'] === res.body.id);
    expect(event!.data).toMatchObject({ cefrTarget: null, courseType: 'vocational_training', hours: 80.5 });
  });

  it('answers 400 naming each invalid field, and rejects unknown fields', async () => {
    const res = await c.admin.post<Problem>('/v1/courses', { ...body(), type: 'cooking', hours: 0, startsOn: '2026-02-30', providerOrgId: 'nope', nickname: 'x' });
    expect(res.status).toBe(400);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: '/nickname', message: 'is not a known field' },
        expect.objectContaining({ path: '/type' }),
        expect.objectContaining({ path: '/hours' }),
        expect.objectContaining({ path: '/startsOn' }),
        expect.objectContaining({ path: '/providerOrgId' }),
      ]),
    );
    const missing = await c.admin.post<Problem>('/v1/courses', { siteCode: site });
    expect(missing.status).toBe(400);
    expect(missing.body.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['/type', '/title', '/providerOrgId', '/hours', '/startsOn', '/endsOn']));
  });

  it('answers 400 on an end before the start (/endsOn) and a CEFR target on a non-L2 course (/cefrTarget)', async () => {
    const dates = await c.admin.post<Problem>('/v1/courses', body({ endsOn: '2026-03-01' }));
    expect(dates.status).toBe(400);
    expect(dates.body.errors).toEqual([{ path: '/endsOn', message: 'must not be before startsOn (2026-03-09)' }]);
    const cefr = await c.admin.post<Problem>('/v1/courses', body({ type: 'digital_skills' }));
    expect(cefr.status).toBe(400);
    expect(cefr.body.errors).toEqual([{ path: '/cefrTarget', message: 'only l2_language courses have a CEFR target, not digital_skills' }]);
  });

  it('answers 422 for an unknown site, an unknown provider, a provider of another site, and one that left the cluster', async () => {
    const unknownSite = await c.admin.post<Problem>('/v1/courses', body({ siteCode: randomSiteCode('GR') }));
    expect(unknownSite.status).toBe(422);
    expect(unknownSite.body.errors).toEqual([{ path: '/siteCode', message: 'unknown site' }]);

    const unknownOrg = await c.admin.post<Problem>('/v1/courses', body({ providerOrgId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknownOrg.status).toBe(422);
    expect(unknownOrg.body.errors).toEqual([{ path: '/providerOrgId', message: 'unknown organisation' }]);

    const foreign = await c.admin.post<Problem>('/v1/courses', body({ providerOrgId: otherProvider }));
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors).toEqual([{ path: '/providerOrgId', message: `organisation belongs to the cluster of site ${other}, not ${site}` }]);

    const leaver = await h.organisation(site, 'enterprise');
    await h.organisationLeft(leaver, site, 'enterprise', '2026-05-31');
    const left = await c.admin.post<Problem>('/v1/courses', body({ providerOrgId: leaver }));
    expect(left.status).toBe(422);
    expect(left.body.errors).toEqual([{ path: '/providerOrgId', message: 'organisation left the cluster on 2026-05-31' }]);
    expect(await h.outboxCount('meic.course.created.v1', { providerOrgId: leaver })).toBe(0);
  });

  it('401 without a token; writes: admin and site_staff of the site only', async () => {
    expect((await h.anonymous.post('/v1/courses', body())).status).toBe(401);
    expect((await h.anonymous.get('/v1/courses')).status).toBe(401);
    expect((await c.lead.post('/v1/courses', body())).status).toBe(403);
    expect((await c.evaluator.post('/v1/courses', body())).status).toBe(403);
    const otherStaff = await c.otherStaff.post<Problem>('/v1/courses', body());
    expect(otherStaff.status).toBe(403);
    expect(otherStaff.contentType).toContain('application/problem+json');
    expect((await c.admin.post('/v1/courses', body())).status).toBe(201);
  });

  it('reads: every role; site_staff only their own sites (list filtered, other record 403, other filter 403)', async () => {
    const mine = await c.admin.post<Course>('/v1/courses', body({ title: 'Mine' }));
    const theirs = await c.admin.post<Course>('/v1/courses', body({ siteCode: other, providerOrgId: otherProvider, title: 'Theirs', type: 'soft_skills', cefrTarget: undefined }));
    expect(theirs.status).toBe(201);

    for (const client of [c.admin, c.lead, c.evaluator]) {
      const list = await client.get<Page<Course>>('/v1/courses?limit=500');
      expect(list.status).toBe(200);
      expect(list.body.items.map((x) => x.id)).toEqual(expect.arrayContaining([mine.body.id, theirs.body.id]));
      expect((await client.get(`/v1/courses/${theirs.body.id}`)).status).toBe(200);
    }
    const staffList = await c.staff.get<Page<Course>>('/v1/courses?limit=500');
    expect(staffList.status).toBe(200);
    expect(new Set(staffList.body.items.map((x) => x.siteCode))).toEqual(new Set([site]));
    expect((await c.staff.get(`/v1/courses/${mine.body.id}`)).status).toBe(200);
    expect((await c.staff.get(`/v1/courses/${theirs.body.id}`)).status).toBe(403);
    expect((await c.staff.get(`/v1/courses?siteCode=${other}`)).status).toBe(403);
    expect((await c.otherStaff.get<Page<Course>>(`/v1/courses?siteCode=${other}`)).body.items.map((x) => x.id)).toEqual([theirs.body.id]);
  });

  it('404 for an unknown course, 400 for an id that is not a UUID', async () => {
    expect((await c.admin.get('/v1/courses/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const bad = await c.admin.get<Problem>('/v1/courses/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: '/id', message: 'must be a UUID' }]);
  });

  it('filters by siteCode and type and pages with limit and cursor', async () => {
    const site2 = randomSiteCode('ES');
    await h.site(site2);
    const org = await h.organisation(site2, 'chamber_of_commerce');
    const created: string[] = [];
    for (const [i, type] of ['digital_skills', 'financial_literacy', 'digital_skills', 'digital_skills', 'housing_orientation'].entries()) {
      const res = await c.admin.post<Course>('/v1/courses', { siteCode: site2, type, title: `Course ${i}`, providerOrgId: org, hours: 10, startsOn: '2026-04-01', endsOn: '2026-04-30' });
      expect(res.status).toBe(201);
      created.push(res.body.id);
    }
    const all = await c.lead.get<Page<Course>>(`/v1/courses?siteCode=${site2}`);
    expect(all.body.items.map((x) => x.id)).toEqual(created);
    expect(all.body.nextCursor).toBeUndefined();

    const digital = await c.lead.get<Page<Course>>(`/v1/courses?siteCode=${site2}&type=digital_skills`);
    expect(digital.body.items.map((x) => x.id)).toEqual([created[0], created[2], created[3]]);

    const first = await c.lead.get<Page<Course>>(`/v1/courses?siteCode=${site2}&limit=2`);
    expect(first.body.items.map((x) => x.id)).toEqual(created.slice(0, 2));
    const second = await c.lead.get<Page<Course>>(`/v1/courses?siteCode=${site2}&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((x) => x.id)).toEqual(created.slice(2, 4));
    const third = await c.lead.get<Page<Course>>(`/v1/courses?siteCode=${site2}&limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.items.map((x) => x.id)).toEqual(created.slice(4));
    expect(third.body.nextCursor).toBeUndefined();

    const badQuery = await c.lead.get<Problem>('/v1/courses?type=cooking&limit=0&colour=red');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['/type', '/limit', '/colour']));
    const badCursor = await c.lead.get<Problem>('/v1/courses?cursor=abc');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors).toEqual([{ path: '/cursor', message: 'is not a cursor this endpoint issued' }]);
  });

  it('honours Idempotency-Key: a replay returns the first response with one row and one event; another body is 409', async () => {
    const key = `course-${Date.now()}`;
    const b = body({ title: `Idempotent ${key}` });
    const first = await c.staff.post<Course>('/v1/courses', b, { 'idempotency-key': key });
    const replay = await c.staff.post<Course>('/v1/courses', { ...b }, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(replay).toEqual(first);
    const { rows } = await h.sql.query('SELECT id FROM courses WHERE title = $1', [b.title]);
    expect(rows).toEqual([{ id: first.body.id }]);
    expect(await h.outboxCount('meic.course.created.v1', { title: b.title })).toBe(1);
    await h.events('meic.course.created.v1', (d) => d['title'] === b.title);

    const conflict = await c.staff.post<Problem>('/v1/courses', { ...b, hours: 99 }, { 'idempotency-key': key });
    expect(conflict.status).toBe(409);
    expect(conflict.contentType).toContain('application/problem+json');
  });

  it('publishes every outbox row to meic.trainings.v1 and records writes in the audit log', async () => {
    const res = await c.staff.post<Course>('/v1/courses', body({ title: 'Audited' }));
    await h.events('meic.course.created.v1', (d) => d['courseId'] === res.body.id);
    // The relay marks a row published once the broker acknowledged it.
    await pollUntil('the outbox row to be marked published', async () => {
      const { rows } = await h.sql.query('SELECT published_at FROM outbox_events WHERE message_key = $1', [res.body.id]);
      return rows.length === 1 && rows[0].published_at !== null;
    });
    const { rows } = await h.sql.query('SELECT topic FROM outbox_events WHERE message_key = $1', [res.body.id]);
    expect(rows).toEqual([{ topic: TOPICS.trainings }]);

    const audit = await c.admin.get<Page<{ actor: string; action: string; resourceId: string; siteCode: string; status: number }>>(`/v1/audit-log?resourceId=${res.body.id}`);
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'POST /v1/courses', siteCode: site, status: 201, actor: `test-site_staff-${site}` })]);
  });
});
