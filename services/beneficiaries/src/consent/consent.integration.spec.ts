import { pollUntil } from '@meic/testing';
import type { BeneficiaryView } from '../beneficiaries/beneficiaries.schemas';
import type { PathwayView } from '../pathway/pathway.schemas';
import type { TaskView } from '../tasks/tasks.schemas';
import { expectPersonalDataAccess, outboxRows, startHarness, type Harness } from '../testing/harness';
import type { ConsentView } from './consent.schemas';

type Page<T> = { items: T[] };
type Problem = { status: number; errors?: { path: string; message: string }[] };

/**
 * Consent as the person gives and withdraws it (contract: PATCH /beneficiaries/{id}/consent),
 * with a pathway worker: follow-up tasks follow the consent in force.
 */
describe('consent: PATCH /v1/beneficiaries/{id}/consent', () => {
  let h: Harness;

  beforeAll(async () => {
    // Placed months ago: the 3- and 6-month follow-ups are due at once, without waiting for late records.
    h = await startHarness({ worker: true, catchUpGraceSeconds: 0 });
  });
  afterAll(async () => h?.close());

  const place = (id: string, startedOn = '2026-04-01') =>
    h.as.staff.post(`/v1/beneficiaries/${id}/placements`, { employerName: 'Sartoria Roma', contractType: 'fixed_term', hoursPerWeek: 30, naceSector: 'C', startedOn });
  const openTasks = async (id: string, kind = 'follow_up_due') =>
    (await h.as.staff.get<Page<TaskView>>(`/v1/tasks?siteCode=${h.siteCode}&status=open&kind=${kind}&limit=500`)).body.items.filter((t) => t.beneficiaryId === id);
  const pathway = (id: string) => h.as.staff.get<PathwayView>(`/v1/beneficiaries/${id}/pathway`);

  it('withdrawing follow-up removes the open follow-up tasks, raises no more, closes the pathway and reaches the event log', async () => {
    const { id, pseudonym } = await h.enrol();
    expect((await place(id)).status).toBe(201);
    await pollUntil('the 3- and 6-month follow-up tasks', async () => (await openTasks(id)).length === 2);

    const res = await h.as.staff.patch<ConsentView>(`/v1/beneficiaries/${id}/consent`, { evaluationFollowUp: false, recordedOn: '2026-12-01' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ dataProcessing: true, evaluationFollowUp: false, recordedOn: '2026-12-01' });
    expect(await openTasks(id)).toEqual([]);
    expect((await h.as.staff.get<BeneficiaryView>(`/v1/beneficiaries/${id}`)).body.consent).toEqual({ dataProcessing: true, evaluationFollowUp: false, recordedOn: '2026-12-01' });

    const closed = await pollUntil('the pathway to close on the withdrawal', async () => {
      const r = await pathway(id);
      return r.status === 200 && r.body.stage === 'closed' ? r.body : undefined;
    });
    expect(closed.history.at(-1)).toEqual({ stage: 'closed', on: '2026-12-01' });
    expect(closed.openTasks.filter((t) => t.kind === 'follow_up_due')).toEqual([]);
    expect(await openTasks(id)).toEqual([]);

    const events = (await outboxRows(h.pg, 'meic.beneficiary.consent-recorded.v2')).filter((r) => r.message_key === pseudonym).map((r) => JSON.parse(r.value));
    expect(events.map((e) => [e.occurredOn, e.evaluationFollowUp])).toEqual([
      ['2026-03-02', true],
      ['2026-12-01', false],
    ]);
    const { rows } = await h.pg.query('SELECT data_processing, evaluation_follow_up, recorded_on::text, recorded_by FROM consent_changes WHERE beneficiary_id = $1', [id]);
    expect(rows).toEqual([{ data_processing: true, evaluation_follow_up: false, recorded_on: '2026-12-01', recorded_by: expect.stringMatching(/^test-site_staff/) }]);
    const audit = await h.pg.query(`SELECT action, resource_type, status FROM audit_log WHERE resource_id = $1 AND resource_type = 'consent'`, [id]);
    expect(audit.rows).toEqual([{ action: 'PATCH /v1/beneficiaries/:id/consent', resource_type: 'consent', status: 200 }]);
  });

  it('raises no follow-up task for a person enrolled without consent to follow-up: the pathway closes at placement', async () => {
    const { id } = await h.enrol({ consent: { dataProcessing: true, evaluationFollowUp: false, recordedOn: '2026-03-02' } });
    expect((await place(id)).status).toBe(201);
    const closed = await pollUntil('the pathway to close at placement', async () => {
      const r = await pathway(id);
      return r.status === 200 && r.body.stage === 'closed' ? r.body : undefined;
    });
    expect(closed.history.at(-1)).toEqual({ stage: 'closed', on: '2026-04-01' });
    expect(await openTasks(id)).toEqual([]);
  });

  it('changes nothing when the consent is the one in force already', async () => {
    const { id, pseudonym } = await h.enrol();
    const res = await h.as.staff.patch<ConsentView>(`/v1/beneficiaries/${id}/consent`, { evaluationFollowUp: true, recordedOn: '2026-06-01' });
    expect(res.body).toEqual({ dataProcessing: true, evaluationFollowUp: true, recordedOn: '2026-03-02' });
    expect((await h.pg.query('SELECT 1 FROM consent_changes WHERE beneficiary_id = $1', [id])).rows).toEqual([]);
    expect((await outboxRows(h.pg, 'meic.beneficiary.consent-recorded.v2')).filter((r) => r.message_key === pseudonym)).toHaveLength(1);
  });

  it('erases the person when consent to processing is withdrawn', async () => {
    const { id, pseudonym } = await h.enrol();
    const res = await h.as.staff.patch<ConsentView>(`/v1/beneficiaries/${id}/consent`, { dataProcessing: false, recordedOn: '2026-12-01' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ dataProcessing: false, evaluationFollowUp: false, recordedOn: '2026-12-01', erased: true });
    expect((await h.as.staff.get(`/v1/beneficiaries/${id}`)).status).toBe(404);
    expect((await h.pg.query('SELECT 1 FROM personal_data WHERE beneficiary_id = $1', [id])).rowCount).toBe(0);
    expect((await outboxRows(h.pg, 'meic.beneficiary.erased.v2')).filter((r) => r.message_key === pseudonym)).toHaveLength(1);
    expect((await h.pg.query('SELECT reason FROM erasures WHERE beneficiary_id = $1', [id])).rows).toEqual([{ reason: 'consent_withdrawn' }]);
    // The erasure runs to the end; the record of the withdrawal goes with the rest.
    await pollUntil('the erasure to complete', async () => (await h.as.staff.get<{ status: string }>(`/v1/beneficiaries/${id}/erasure`)).body.status === 'completed');
    expect((await h.pg.query('SELECT 1 FROM consent_changes WHERE beneficiary_id = $1', [id])).rowCount).toBe(0);
    expect((await h.as.staff.patch(`/v1/beneficiaries/${id}/consent`, { dataProcessing: false, recordedOn: '2026-12-02' })).status).toBe(404);
  });

  it('names the field of a bad request and changes nothing', async () => {
    const { id } = await h.enrol();
    const path = `/v1/beneficiaries/${id}/consent`;
    const none = await h.as.staff.patch<Problem>(path, { recordedOn: '2026-12-01' });
    expect(none.status).toBe(400);
    expect(none.contentType).toContain('application/problem+json');
    expect(none.body.errors).toEqual([{ path: '/evaluationFollowUp', message: 'is required unless dataProcessing is given' }]);
    const bad = await h.as.staff.patch<Problem>(path, { evaluationFollowUp: 'no', recordedOn: '1 December', note: 'asked by phone' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['/evaluationFollowUp', '/recordedOn', '/note']));
    const early = await h.as.staff.patch<Problem>(path, { evaluationFollowUp: false, recordedOn: '2026-03-01' });
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([{ path: '/recordedOn', message: 'must not be before the consent in force (2026-03-02)' }]);
    expect((await h.pg.query('SELECT 1 FROM consent_changes WHERE beneficiary_id = $1', [id])).rows).toEqual([]);
    expect((await h.as.staff.get<BeneficiaryView>(`/v1/beneficiaries/${id}`)).body.consent.evaluationFollowUp).toBe(true);
  });

  it('is for site staff of the person’s site and admins only', async () => {
    const { id } = await h.enrol();
    await expectPersonalDataAccess(h, (as) => as.patch(`/v1/beneficiaries/${id}/consent`, { evaluationFollowUp: true, recordedOn: '2026-12-01' }), 200);
  });
});
