import { TOPICS } from '@meic/contracts';
import { collectEvents, pollUntil } from '@meic/testing';
import { expectNoPersonalData, expectPersonalDataAccess, outboxRows, startHarness, type Harness } from '../testing/harness';
import type { AssessmentView } from './assessments.schemas';

type Problem = { status: number; errors?: { path: string; message: string }[] };
type Page = { items: AssessmentView[]; nextCursor?: string };

const body = (overrides: Record<string, unknown> = {}) => ({
  assessedOn: '2026-03-10',
  skills: ['tailoring (10 years, family workshop in Bamako)', 'forklift licence'],
  barriers: ['housing', 'childcare'],
  recommendedActivities: ['l2_language', 'vocational_training'],
  ...overrides,
});

describe('assessments: POST and GET /v1/beneficiaries/{id}/assessments', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('records an assessment: 201, the row, and an event with categories only (never the skills)', async () => {
    const { id, pseudonym } = await h.enrol();
    const res = await h.as.staff.post<AssessmentView>(`/v1/beneficiaries/${id}/assessments`, body());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ beneficiaryId: id, siteCode: h.siteCode, ...body() });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);

    const { rows } = await h.pg.query('SELECT beneficiary_id, skills, barriers, recommended_activities FROM assessments WHERE id = $1', [res.body.id]);
    expect(rows).toEqual([{ beneficiary_id: id, skills: body().skills, barriers: ['housing', 'childcare'], recommended_activities: ['l2_language', 'vocational_training'] }]);

    const [event] = await collectEvents(TOPICS.beneficiaries, (e) => e.key === pseudonym && e.headers['ce_type'] === 'meic.beneficiary.assessed.v2');
    expect(event?.data).toEqual({
      pseudonym,
      siteCode: h.siteCode,
      country: 'IT',
      occurredOn: '2026-03-10',
      sex: 'female',
      ageBand: '25-29',
      citizenship: 'ML',
      legalStatus: 'refugee',
      assessmentId: res.body.id,
      barriers: ['housing', 'childcare'],
      recommendedActivities: ['l2_language', 'vocational_training'],
    });
    expectNoPersonalData(JSON.stringify(event), ['tailoring', 'Bamako', 'forklift']);
  });

  it('keeps a health barrier in the service: the event merges it with other as personal_or_other', async () => {
    const { id, pseudonym } = await h.enrol();
    const res = await h.as.staff.post<AssessmentView>(`/v1/beneficiaries/${id}/assessments`, body({ barriers: ['health', 'housing', 'other'] }));
    expect(res.status).toBe(201);
    expect(res.body.barriers).toEqual(['health', 'housing', 'other']);
    const [event] = await collectEvents(TOPICS.beneficiaries, (e) => e.key === pseudonym && e.headers['ce_type'] === 'meic.beneficiary.assessed.v2');
    expect(event?.data).toMatchObject({ assessmentId: res.body.id, barriers: ['personal_or_other', 'housing'] });
    expect(JSON.stringify(event)).not.toMatch(/health/);
  });

  it('names invalid fields, rejects unknown ones, duplicates in categories and an assessment before enrolment', async () => {
    const { id } = await h.enrol();
    const bad = await h.as.staff.post<Problem>(`/v1/beneficiaries/${id}/assessments`, { ...body({ barriers: ['housing', 'loneliness'], skills: 'sewing', assessedOn: 'yesterday' }), notes: 'free text' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['/notes', '/barriers/1', '/skills', '/assessedOn']));
    expect(bad.body.errors).toContainEqual({ path: '/notes', message: 'is not a known field' });

    const dup = await h.as.staff.post<Problem>(`/v1/beneficiaries/${id}/assessments`, body({ recommendedActivities: ['orientation', 'orientation'] }));
    expect(dup.status).toBe(400);
    expect(dup.body.errors?.map((e) => e.path)).toContain('/recommendedActivities');

    const early = await h.as.staff.post<Problem>(`/v1/beneficiaries/${id}/assessments`, body({ assessedOn: '2026-03-01' }));
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([{ path: '/assessedOn', message: 'must not be before the enrolment date (2026-03-02)' }]);

    expect((await h.as.staff.post(`/v1/beneficiaries/00000000-0000-4000-8000-000000000000/assessments`, body())).status).toBe(404);
    expect((await h.as.staff.post<Problem>(`/v1/beneficiaries/nope/assessments`, body())).body.errors).toEqual([{ path: '/id', message: 'must be a UUID' }]);
    expect((await h.pg.query('SELECT count(*)::int AS n FROM assessments WHERE beneficiary_id = $1', [id])).rows[0]).toEqual({ n: 0 });
  });

  it('authorizes by role and site, for writes and reads', async () => {
    const { id } = await h.enrol();
    await expectPersonalDataAccess(h, (as) => as.post(`/v1/beneficiaries/${id}/assessments`, body()), 201);
    await expectPersonalDataAccess(h, (as) => as.get(`/v1/beneficiaries/${id}/assessments`), 200);
  });

  it('honours Idempotency-Key: replay returns the first response, one row, one event; another body is a 409', async () => {
    const { id, pseudonym } = await h.enrol();
    const first = await h.as.staff.post<AssessmentView>(`/v1/beneficiaries/${id}/assessments`, body(), { 'idempotency-key': `assess-${id}` });
    const replay = await h.as.staff.post<AssessmentView>(`/v1/beneficiaries/${id}/assessments`, body(), { 'idempotency-key': `assess-${id}` });
    expect(first.status).toBe(201);
    expect(replay).toEqual(first);
    expect((await h.pg.query('SELECT count(*)::int AS n FROM assessments WHERE beneficiary_id = $1', [id])).rows[0]).toEqual({ n: 1 });
    expect((await outboxRows(h.pg, 'meic.beneficiary.assessed.v2')).filter((r) => r.message_key === pseudonym)).toHaveLength(1);
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/assessments`, body({ barriers: [] }), { 'idempotency-key': `assess-${id}` })).status).toBe(409);
  });

  it('lists the assessments of a person page by page, oldest first, and audits the read', async () => {
    const { id } = await h.enrol();
    const created: string[] = [];
    for (const day of ['10', '11', '12']) created.push((await h.as.staff.post<AssessmentView>(`/v1/beneficiaries/${id}/assessments`, body({ assessedOn: `2026-03-${day}` }))).body.id);
    const first = await h.as.staff.get<Page>(`/v1/beneficiaries/${id}/assessments?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((a) => a.id)).toEqual(created.slice(0, 2));
    expect(first.body.items[0]?.skills).toEqual(body().skills);
    const second = await h.as.staff.get<Page>(`/v1/beneficiaries/${id}/assessments?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((a) => a.id)).toEqual(created.slice(2));
    expect(second.body.nextCursor).toBeUndefined();
    expect((await h.as.staff.get<Problem>(`/v1/beneficiaries/${id}/assessments?skills=x`)).body.errors).toEqual([{ path: '/skills', message: 'is not a known field' }]);

    const audit = await pollUntil('the audit entries of the read', async () => {
      const res = await h.as.admin.get<{ items: { action: string; resourceType: string; siteCode: string }[] }>(`/v1/audit-log?resourceId=${created[0]}`);
      return res.body.items.some((e) => e.action.startsWith('read ')) ? res.body.items : undefined;
    });
    expect(audit).toContainEqual(expect.objectContaining({ action: 'read /v1/beneficiaries/:id/assessments', resourceType: 'assessment', siteCode: h.siteCode }));
  });

  it('publishes every assessment through the outbox', async () => {
    await pollUntil('every outbox row to be published', async () => (await h.pg.query('SELECT 1 FROM outbox_events WHERE published_at IS NULL')).rowCount === 0);
  });
});
