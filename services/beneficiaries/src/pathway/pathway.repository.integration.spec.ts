import { randomUUID } from 'node:crypto';
import { expectNoPersonalData, outboxRows, startHarness, type Harness } from '../testing/harness';
import { pathwayRepositoryOf } from '../testing/pathway.fixture';
import type { PathwayRepository } from './pathway.repository';

describe('pathway repository: what the pathway activities write', () => {
  let h: Harness;
  let closeRepo: (() => Promise<void>) | undefined;
  let repo: PathwayRepository;

  beforeAll(async () => {
    h = await startHarness();
    ({ repo, close: closeRepo } = pathwayRepositoryOf(h));
  });
  afterAll(async () => {
    await closeRepo?.();
    await h?.close();
  });

  const stageOf = async (id: string) => (await h.pg.query<{ stage: string }>('SELECT stage FROM beneficiaries WHERE id = $1', [id])).rows[0]?.stage;
  const eventsOf = async (type: string, pseudonym: string) => (await outboxRows(h.pg, type)).filter((r) => r.message_key === pseudonym);

  it("records a stage change once: the event with the person's coarse attributes, and the stage column", async () => {
    const { id, pseudonym } = await h.enrol();
    const change = { beneficiaryId: id, siteCode: h.siteCode, from: 'intake' as const, to: 'assessment' as const, on: '2026-03-10' };
    expect(await repo.recordStageChange(change)).toBe('recorded');
    expect(await stageOf(id)).toBe('assessment');
    // A retried activity: nothing more.
    expect(await repo.recordStageChange(change)).toBe('duplicate');

    const rows = await eventsOf('meic.pathway.stage-changed.v2', pseudonym);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]?.value ?? '{}')).toEqual({
      pseudonym,
      siteCode: h.siteCode,
      country: h.siteCode.slice(0, 2),
      occurredOn: '2026-03-10',
      sex: 'female',
      ageBand: '25-29',
      citizenship: 'ML',
      legalStatus: 'refugee',
      from: 'intake',
      to: 'assessment',
    });
    expectNoPersonalData(JSON.stringify(rows));
  });

  it('publishes a return to an earlier stage (another change), and the first stage with from null', async () => {
    const { id, pseudonym } = await h.enrol();
    expect(await repo.recordStageChange({ beneficiaryId: id, siteCode: h.siteCode, from: null, to: 'intake', on: '2026-03-02' })).toBe('recorded');
    expect(await repo.recordStageChange({ beneficiaryId: id, siteCode: h.siteCode, from: 'intake', to: 'job_search', on: '2026-04-01' })).toBe('recorded');
    expect(await repo.recordStageChange({ beneficiaryId: id, siteCode: h.siteCode, from: 'job_search', to: 'internship', on: '2026-05-04' })).toBe('recorded');
    expect(await repo.recordStageChange({ beneficiaryId: id, siteCode: h.siteCode, from: 'internship', to: 'job_search', on: '2026-07-31' })).toBe('recorded');
    expect(await stageOf(id)).toBe('job_search');
    const rows = await eventsOf('meic.pathway.stage-changed.v2', pseudonym);
    expect(rows.map((r) => (JSON.parse(r.value) as { from: string | null; to: string }).to)).toEqual(['intake', 'job_search', 'internship', 'job_search']);
    expect((JSON.parse(rows[0]?.value ?? '{}') as { from: unknown }).from).toBeNull();
  });

  it('raises a task once: the row and its event in one go; a retry is a no-op', async () => {
    const { id, pseudonym } = await h.enrol();
    const task = { taskId: randomUUID(), beneficiaryId: id, siteCode: h.siteCode, kind: 'assessment_overdue' as const, dueOn: '2026-03-16', raisedOn: '2026-03-17' };
    expect(await repo.raiseTask(task)).toBe('recorded');
    expect(await repo.raiseTask(task)).toBe('duplicate');
    expect((await h.pg.query('SELECT beneficiary_id, site_code, kind, status, due_on::text, raised_on::text, done_on, done_by FROM tasks WHERE id = $1', [task.taskId])).rows).toEqual([
      { beneficiary_id: id, site_code: h.siteCode, kind: 'assessment_overdue', status: 'open', due_on: '2026-03-16', raised_on: '2026-03-17', done_on: null, done_by: null },
    ]);
    const rows = await eventsOf('meic.pathway.task-raised.v2', pseudonym);
    expect(rows.map((r) => JSON.parse(r.value) as unknown)).toEqual([
      { siteCode: h.siteCode, country: h.siteCode.slice(0, 2), pseudonym, taskId: task.taskId, kind: 'assessment_overdue', dueOn: '2026-03-16', occurredOn: '2026-03-17' },
    ]);
  });

  it('writes nothing about an erased or unknown person; erasure removes their open tasks at once (the erasure workflow the rest)', async () => {
    const { id, pseudonym } = await h.enrol();
    const open = randomUUID();
    const done = randomUUID();
    for (const taskId of [open, done]) await repo.raiseTask({ taskId, beneficiaryId: id, siteCode: h.siteCode, kind: 'pathway_stalled', dueOn: '2026-06-01', raisedOn: '2026-06-01' });
    expect((await h.as.staff.post(`/v1/tasks/${done}/done`, {})).status).toBe(200);
    expect((await h.as.staff.delete(`/v1/beneficiaries/${id}`)).status).toBe(202);
    expect((await h.pg.query('SELECT id, status FROM tasks WHERE beneficiary_id = $1', [id])).rows).toEqual([{ id: done, status: 'done' }]);
    expect(await repo.raiseTask({ taskId: randomUUID(), beneficiaryId: id, siteCode: h.siteCode, kind: 'pathway_stalled', dueOn: '2026-06-01', raisedOn: '2026-06-01' })).toBe('not-held');
    expect(await repo.recordStageChange({ beneficiaryId: id, siteCode: h.siteCode, from: 'intake', to: 'training', on: '2026-04-01' })).toBe('not-held');
    expect(await repo.recordStageChange({ beneficiaryId: randomUUID(), siteCode: h.siteCode, from: 'intake', to: 'training', on: '2026-04-01' })).toBe('not-held');
    expect(await eventsOf('meic.pathway.task-raised.v2', pseudonym)).toHaveLength(2);
    expect(await eventsOf('meic.pathway.stage-changed.v2', pseudonym)).toEqual([]);
  });
});
