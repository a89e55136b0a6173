import { expectNoPersonalData, randomSiteCode, roleClients, startTrainings, type Beneficiary, type TrainingsHarness } from '../testing/trainings-harness';

type Course = { id: string };
type Enrolment = {
  courseId: string;
  beneficiaryId: string;
  siteCode: string;
  enrolledOn: string;
  cefrLevelAtStart: string | null;
  completion: { outcome: string; completedOn: string; hoursAttended: number; cefrLevelReached: string | null } | null;
  createdAt: string;
};
type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] };
type Page<T> = { items: T[]; nextCursor?: string };

describe('enrolments: POST/GET /v1/courses/{id}/enrolments and POST …/{beneficiaryId}/completion', () => {
  let h: TrainingsHarness;
  const site = randomSiteCode('IT');
  const other = randomSiteCode('GR');
  let c: Awaited<ReturnType<typeof roleClients>>;
  let l2: Course;
  let vocational: Course;
  let otherCourse: Course;
  let amina: Beneficiary;
  let abdi: Beneficiary;
  let elsewhere: Beneficiary;

  const newCourse = async (siteCode: string, provider: string, extra: Record<string, unknown>) => {
    const res = await c.admin.post<Course>('/v1/courses', { siteCode, title: 'Course', providerOrgId: provider, hours: 120, startsOn: '2026-03-09', endsOn: '2026-06-26', ...extra });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    h = await startTrainings();
    c = await roleClients(h, site, other);
    await h.site(site);
    await h.site(other);
    const provider = await h.organisation(site, 'vet_provider');
    const otherProvider = await h.organisation(other, 'vet_provider');
    l2 = await newCourse(site, provider, { type: 'l2_language', cefrTarget: 'A2' });
    vocational = await newCourse(site, provider, { type: 'vocational_training', hours: 80 });
    otherCourse = await newCourse(other, otherProvider, { type: 'soft_skills' });
    amina = await h.beneficiary(site, { sex: 'female', ageBand: '25-29', citizenship: 'ML', legalStatus: 'refugee' });
    abdi = await h.beneficiary(site, { sex: 'male', ageBand: '18-24', citizenship: 'SO', legalStatus: 'former_unaccompanied_minor' });
    elsewhere = await h.beneficiary(other);
  });

  afterAll(async () => {
    await h?.close();
  });

  describe('POST /v1/courses/{id}/enrolments', () => {
    it('enrols: 201, one row, and meic.course.enrolled.v2 keyed by the beneficiary with coarse attributes only', async () => {
      const res = await c.staff.post<Enrolment>(`/v1/courses/${l2.id}/enrolments`, { beneficiaryId: amina.id, enrolledOn: '2026-03-05', cefrLevelAtStart: 'A1' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ courseId: l2.id, beneficiaryId: amina.id, siteCode: site, enrolledOn: '2026-03-05', cefrLevelAtStart: 'A1', completion: null });

      const { rows } = await h.sql.query('SELECT site_code, cefr_level_at_start, outcome FROM course_enrolments WHERE course_id = $1 AND beneficiary_id = $2', [l2.id, amina.id]);
      expect(rows).toEqual([{ site_code: site, cefr_level_at_start: 'A1', outcome: null }]);

      const [event] = await h.events('meic.course.enrolled.v2', (d) => d['courseId'] === l2.id && d['pseudonym'] === amina.pseudonym);
      expect(event!.key).toBe(amina.pseudonym);
      expect(event!.headers).toMatchObject({ ce_type: 'meic.course.enrolled.v2', ce_subject: amina.pseudonym, ce_source: '/meic/trainings' });
      expect(event!.data).toEqual({
        siteCode: site,
        country: 'IT',
        occurredOn: '2026-03-05',
        pseudonym: amina.pseudonym,
        sex: 'female',
        ageBand: '25-29',
        citizenship: 'ML',
        legalStatus: 'refugee',
        courseId: l2.id,
        courseType: 'l2_language',
        cefrLevelAtStart: 'A1',
      });
      expectNoPersonalData(event!);
    });

    it('409 when the same person is enrolled on the same course again', async () => {
      const again = await c.admin.post<Problem>(`/v1/courses/${l2.id}/enrolments`, { beneficiaryId: amina.id, enrolledOn: '2026-03-06' });
      expect(again.status).toBe(409);
      expect(again.contentType).toContain('application/problem+json');
      expect(await h.outboxCount('meic.course.enrolled.v2', { courseId: l2.id, pseudonym: amina.pseudonym })).toBe(1);
    });

    it('400 naming invalid and unknown fields, a CEFR level on a non-L2 course, and a path id that is not a UUID', async () => {
      const res = await c.admin.post<Problem>(`/v1/courses/${l2.id}/enrolments`, { beneficiaryId: 'x', enrolledOn: '2026-13-01', cefrLevelAtStart: 'Z9', name: 'Amina' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { path: '/name', message: 'is not a known field' },
          expect.objectContaining({ path: '/beneficiaryId' }),
          expect.objectContaining({ path: '/enrolledOn' }),
          expect.objectContaining({ path: '/cefrLevelAtStart' }),
        ]),
      );
      const cefr = await c.admin.post<Problem>(`/v1/courses/${vocational.id}/enrolments`, { beneficiaryId: abdi.id, enrolledOn: '2026-03-05', cefrLevelAtStart: 'A1' });
      expect(cefr.status).toBe(400);
      expect(cefr.body.errors).toEqual([{ path: '/cefrLevelAtStart', message: 'only l2_language courses record a CEFR level, not vocational_training' }]);
      const badId = await c.admin.post<Problem>('/v1/courses/123/enrolments', { beneficiaryId: abdi.id, enrolledOn: '2026-03-05' });
      expect(badId.status).toBe(400);
      expect(badId.body.errors).toEqual([{ path: '/id', message: 'must be a UUID' }]);
    });

    it('404 for an unknown course', async () => {
      expect((await c.admin.post('/v1/courses/00000000-0000-4000-8000-000000000000/enrolments', { beneficiaryId: abdi.id, enrolledOn: '2026-03-05' })).status).toBe(404);
    });

    it('422 for an unknown beneficiary, one of another site, and an erased one', async () => {
      const unknown = await c.admin.post<Problem>(`/v1/courses/${l2.id}/enrolments`, { beneficiaryId: '00000000-0000-4000-8000-000000000001', enrolledOn: '2026-03-05' });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors).toEqual([{ path: '/beneficiaryId', message: 'unknown or erased beneficiary' }]);

      const foreign = await c.admin.post<Problem>(`/v1/courses/${l2.id}/enrolments`, { beneficiaryId: elsewhere.id, enrolledOn: '2026-03-05' });
      expect(foreign.status).toBe(422);
      expect(foreign.body.errors).toEqual([{ path: '/beneficiaryId', message: `beneficiary is enrolled at site ${other}, not ${site}` }]);

      const gone = await h.beneficiary(site);
      await h.erase(gone);
      const erased = await c.admin.post<Problem>(`/v1/courses/${l2.id}/enrolments`, { beneficiaryId: gone.id, enrolledOn: '2026-03-05' });
      expect(erased.status).toBe(422);
      expect(erased.body.errors).toEqual([{ path: '/beneficiaryId', message: 'unknown or erased beneficiary' }]);
    });

    it('401 without a token; 403 for consortium_lead, evaluator and site_staff of another site', async () => {
      const b = { beneficiaryId: abdi.id, enrolledOn: '2026-03-05' };
      expect((await h.anonymous.post(`/v1/courses/${vocational.id}/enrolments`, b)).status).toBe(401);
      expect((await c.lead.post(`/v1/courses/${vocational.id}/enrolments`, b)).status).toBe(403);
      expect((await c.evaluator.post(`/v1/courses/${vocational.id}/enrolments`, b)).status).toBe(403);
      expect((await c.otherStaff.post(`/v1/courses/${vocational.id}/enrolments`, b)).status).toBe(403);
      expect((await c.staff.post(`/v1/courses/${otherCourse.id}/enrolments`, { beneficiaryId: elsewhere.id, enrolledOn: '2026-03-05' })).status).toBe(403);
      expect(await h.outboxCount('meic.course.enrolled.v2', { courseId: vocational.id })).toBe(0);
    });

    it('honours Idempotency-Key: replay → same response, one row, one event; another body → 409', async () => {
      const b = { beneficiaryId: abdi.id, enrolledOn: '2026-03-10' };
      const first = await c.staff.post<Enrolment>(`/v1/courses/${vocational.id}/enrolments`, b, { 'idempotency-key': 'enrol-abdi' });
      const replay = await c.staff.post<Enrolment>(`/v1/courses/${vocational.id}/enrolments`, b, { 'idempotency-key': 'enrol-abdi' });
      expect(first.status).toBe(201);
      expect(replay).toEqual(first);
      const { rows } = await h.sql.query('SELECT count(*)::int AS n FROM course_enrolments WHERE course_id = $1 AND beneficiary_id = $2', [vocational.id, abdi.id]);
      expect(rows[0].n).toBe(1);
      expect(await h.outboxCount('meic.course.enrolled.v2', { courseId: vocational.id, pseudonym: abdi.pseudonym })).toBe(1);
      const [event] = await h.events('meic.course.enrolled.v2', (d) => d['courseId'] === vocational.id && d['pseudonym'] === abdi.pseudonym);
      expect(event!.data).toMatchObject({ courseType: 'vocational_training', cefrLevelAtStart: null, sex: 'male', ageBand: '18-24', legalStatus: 'former_unaccompanied_minor' });
      const conflict = await c.staff.post(`/v1/courses/${vocational.id}/enrolments`, { ...b, enrolledOn: '2026-03-11' }, { 'idempotency-key': 'enrol-abdi' });
      expect(conflict.status).toBe(409);
    });
  });

  describe('GET /v1/courses/{id}/enrolments', () => {
    let course: Course;
    const ids: string[] = [];

    beforeAll(async () => {
      const provider = await h.organisation(site, 'university');
      course = await newCourse(site, provider, { type: 'digital_skills', hours: 20 });
      for (let i = 0; i < 5; i++) {
        const b = await h.beneficiary(site);
        const res = await c.admin.post<Enrolment>(`/v1/courses/${course.id}/enrolments`, { beneficiaryId: b.id, enrolledOn: '2026-03-09' });
        expect(res.status).toBe(201);
        ids.push(b.id);
      }
      const done = await c.admin.post(`/v1/courses/${course.id}/enrolments/${ids[1]}/completion`, { outcome: 'withdrawn', completedOn: '2026-03-20', hoursAttended: 4 });
      expect(done.status).toBe(201);
    });

    it('lists oldest first and pages with limit and cursor', async () => {
      const all = await c.admin.get<Page<Enrolment>>(`/v1/courses/${course.id}/enrolments`);
      expect(all.status).toBe(200);
      expect(all.body.items.map((e) => e.beneficiaryId)).toEqual(ids);
      const pages: string[] = [];
      let cursor: string | undefined;
      let calls = 0;
      do {
        const page = await c.staff.get<Page<Enrolment>>(`/v1/courses/${course.id}/enrolments?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        pages.push(...page.body.items.map((e) => e.beneficiaryId));
        cursor = page.body.nextCursor;
        calls++;
      } while (cursor);
      expect(calls).toBe(3);
      expect(pages).toEqual(ids);
    });

    it('filters by completed', async () => {
      const completed = await c.admin.get<Page<Enrolment>>(`/v1/courses/${course.id}/enrolments?completed=true`);
      expect(completed.body.items.map((e) => [e.beneficiaryId, e.completion?.outcome])).toEqual([[ids[1], 'withdrawn']]);
      const open = await c.admin.get<Page<Enrolment>>(`/v1/courses/${course.id}/enrolments?completed=false`);
      expect(open.body.items.map((e) => e.beneficiaryId)).toEqual([ids[0], ids[2], ids[3], ids[4]]);
      const bad = await c.admin.get<Problem>(`/v1/courses/${course.id}/enrolments?completed=maybe&sort=name`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['/completed', '/sort']));
    });

    it('is person-level: admin and site_staff of the site; 403 for evaluators (extracts only), consortium_lead and other sites; 401 without token; 404 unknown course', async () => {
      expect((await h.anonymous.get(`/v1/courses/${course.id}/enrolments`)).status).toBe(401);
      expect((await c.admin.get(`/v1/courses/${course.id}/enrolments`)).status).toBe(200);
      expect((await c.evaluator.get(`/v1/courses/${course.id}/enrolments`)).status).toBe(403);
      expect((await c.staff.get(`/v1/courses/${course.id}/enrolments`)).status).toBe(200);
      expect((await c.lead.get(`/v1/courses/${course.id}/enrolments`)).status).toBe(403);
      expect((await c.otherStaff.get(`/v1/courses/${course.id}/enrolments`)).status).toBe(403);
      expect((await c.admin.get('/v1/courses/00000000-0000-4000-8000-000000000000/enrolments')).status).toBe(404);
    });
  });

  describe('POST /v1/courses/{id}/enrolments/{beneficiaryId}/completion', () => {
    let learner: Beneficiary;

    beforeAll(async () => {
      learner = await h.beneficiary(site, { sex: 'other', ageBand: '40-54', citizenship: 'AF', legalStatus: 'asylum_seeker' });
      expect((await c.staff.post(`/v1/courses/${l2.id}/enrolments`, { beneficiaryId: learner.id, enrolledOn: '2026-03-09', cefrLevelAtStart: 'pre-A1' })).status).toBe(201);
    });

    it('400 naming fields: schema errors, completion before enrolment, more hours than the course, a level on a non-L2 course', async () => {
      const schema = await c.staff.post<Problem>(`/v1/courses/${l2.id}/enrolments/${learner.id}/completion`, { outcome: 'passed', completedOn: 'soon', hoursAttended: -1, certificate: true });
      expect(schema.status).toBe(400);
      expect(schema.body.errors).toEqual(
        expect.arrayContaining([
          { path: '/certificate', message: 'is not a known field' },
          expect.objectContaining({ path: '/outcome' }),
          expect.objectContaining({ path: '/completedOn' }),
          expect.objectContaining({ path: '/hoursAttended' }),
        ]),
      );
      const rules = await c.staff.post<Problem>(`/v1/courses/${l2.id}/enrolments/${learner.id}/completion`, { outcome: 'completed', completedOn: '2026-03-08', hoursAttended: 121 });
      expect(rules.status).toBe(400);
      expect(rules.body.errors).toEqual([
        { path: '/completedOn', message: 'must not be before the enrolment (2026-03-09)' },
        { path: '/hoursAttended', message: "must not exceed the course's 120 hours" },
      ]);
      const cefr = await c.admin.post<Problem>(`/v1/courses/${vocational.id}/enrolments/${abdi.id}/completion`, { outcome: 'completed', completedOn: '2026-06-26', hoursAttended: 80, cefrLevelReached: 'A2' });
      expect(cefr.status).toBe(400);
      expect(cefr.body.errors).toEqual([{ path: '/cefrLevelReached', message: 'only l2_language courses record a CEFR level, not vocational_training' }]);
      const badId = await c.admin.post<Problem>(`/v1/courses/${l2.id}/enrolments/abc/completion`, { outcome: 'completed', completedOn: '2026-06-26', hoursAttended: 80 });
      expect(badId.status).toBe(400);
      expect(badId.body.errors).toEqual([{ path: '/beneficiaryId', message: 'must be a UUID' }]);
    });

    it('404 when there is no such enrolment or course', async () => {
      const b = { outcome: 'completed', completedOn: '2026-06-26', hoursAttended: 10 };
      const notEnrolled = await c.admin.post<Problem>(`/v1/courses/${l2.id}/enrolments/${elsewhere.id}/completion`, b);
      expect(notEnrolled.status).toBe(404);
      expect((await c.admin.post(`/v1/courses/00000000-0000-4000-8000-000000000000/enrolments/${learner.id}/completion`, b)).status).toBe(404);
    });

    it('401/403 matrix', async () => {
      const b = { outcome: 'completed', completedOn: '2026-06-26', hoursAttended: 100 };
      const path = `/v1/courses/${l2.id}/enrolments/${learner.id}/completion`;
      expect((await h.anonymous.post(path, b)).status).toBe(401);
      expect((await c.lead.post(path, b)).status).toBe(403);
      expect((await c.evaluator.post(path, b)).status).toBe(403);
      expect((await c.otherStaff.post(path, b)).status).toBe(403);
      expect(await h.outboxCount('meic.course.completed.v2', { pseudonym: learner.pseudonym })).toBe(0);
    });

    it('completes: 201, the row, and meic.course.completed.v2 with cefrTarget, cefrLevelAtStart and cefrLevelReached; replay by key; 409 once completed', async () => {
      const path = `/v1/courses/${l2.id}/enrolments/${learner.id}/completion`;
      const b = { outcome: 'completed', completedOn: '2026-06-26', hoursAttended: 112.5, cefrLevelReached: 'A2' };
      const res = await c.staff.post<Enrolment>(path, b, { 'idempotency-key': 'complete-learner' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ courseId: l2.id, beneficiaryId: learner.id, cefrLevelAtStart: 'pre-A1', completion: { outcome: 'completed', completedOn: '2026-06-26', hoursAttended: 112.5, cefrLevelReached: 'A2' } });
      const replay = await c.staff.post<Enrolment>(path, b, { 'idempotency-key': 'complete-learner' });
      expect(replay).toEqual(res);

      const { rows } = await h.sql.query('SELECT outcome, hours_attended, cefr_level_reached, completed_at IS NOT NULL AS stamped FROM course_enrolments WHERE course_id = $1 AND beneficiary_id = $2', [l2.id, learner.id]);
      expect(rows).toEqual([{ outcome: 'completed', hours_attended: 112.5, cefr_level_reached: 'A2', stamped: true }]);

      const [event] = await h.events('meic.course.completed.v2', (d) => d['pseudonym'] === learner.pseudonym);
      expect(event!.key).toBe(learner.pseudonym);
      expect(event!.headers).toMatchObject({ ce_type: 'meic.course.completed.v2', ce_subject: learner.pseudonym });
      expect(event!.data).toEqual({
        siteCode: site,
        country: 'IT',
        occurredOn: '2026-06-26',
        pseudonym: learner.pseudonym,
        sex: 'other',
        ageBand: '40-54',
        citizenship: 'AF',
        legalStatus: 'asylum_seeker',
        courseId: l2.id,
        courseType: 'l2_language',
        outcome: 'completed',
        hoursAttended: 112.5,
        cefrTarget: 'A2',
        cefrLevelAtStart: 'pre-A1',
        cefrLevelReached: 'A2',
      });
      expectNoPersonalData(event!);
      expect(await h.outboxCount('meic.course.completed.v2', { pseudonym: learner.pseudonym })).toBe(1);

      const again = await c.staff.post<Problem>(path, { ...b, outcome: 'failed' });
      expect(again.status).toBe(409);
      const otherKey = await c.staff.post(path, { ...b, hoursAttended: 1 }, { 'idempotency-key': 'complete-learner' });
      expect(otherKey.status).toBe(409);
      expect(await h.outboxCount('meic.course.completed.v2', { pseudonym: learner.pseudonym })).toBe(1);
    });

    it('publishes null levels for a non-L2 course', async () => {
      const res = await c.admin.post<Enrolment>(`/v1/courses/${vocational.id}/enrolments/${abdi.id}/completion`, { outcome: 'failed', completedOn: '2026-06-26', hoursAttended: 30 });
      expect(res.status).toBe(201);
      const [event] = await h.events('meic.course.completed.v2', (d) => d['pseudonym'] === abdi.pseudonym && d['courseId'] === vocational.id);
      expect(event!.data).toMatchObject({ outcome: 'failed', cefrTarget: null, cefrLevelAtStart: null, cefrLevelReached: null });
    });

    it('deletes the enrolments of a person erased after enrolling: no record and no new fact about them', async () => {
      const leaver = await h.beneficiary(site);
      expect((await c.staff.post(`/v1/courses/${l2.id}/enrolments`, { beneficiaryId: leaver.id, enrolledOn: '2026-03-09' }, { 'idempotency-key': `enrol-${leaver.id}` })).status).toBe(201);
      await h.erase(leaver);
      const res = await c.staff.post<Problem>(`/v1/courses/${l2.id}/enrolments/${leaver.id}/completion`, { outcome: 'withdrawn', completedOn: '2026-04-01', hoursAttended: 10 });
      expect(res.status).toBe(404);
      const list = await c.admin.get<Page<Enrolment>>(`/v1/courses/${l2.id}/enrolments?limit=500`);
      expect(list.body.items.find((e) => e.beneficiaryId === leaver.id)).toBeUndefined();
      // Nothing in the database links to the erased id any more, stored Idempotency-Key responses included.
      const dump = await h.sql.query(`SELECT string_agg(t, ' ') AS all FROM (
        SELECT row_to_json(e)::text AS t FROM course_enrolments e UNION ALL SELECT row_to_json(i)::text FROM internships i
        UNION ALL SELECT row_to_json(k)::text FROM known_beneficiaries k UNION ALL SELECT row_to_json(x)::text FROM idempotency_keys x) y`);
      expect(dump.rows[0].all ?? '').not.toContain(leaver.id);
      // And a new record cannot bring them back.
      const again = await c.staff.post<Problem>(`/v1/courses/${l2.id}/enrolments`, { beneficiaryId: leaver.id, enrolledOn: '2026-03-09' });
      expect(again.status).toBe(422);
      expect(again.body.errors).toEqual([{ path: '/beneficiaryId', message: 'unknown or erased beneficiary' }]);
    });
  });
});
