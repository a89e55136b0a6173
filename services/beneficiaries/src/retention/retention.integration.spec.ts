import { pollUntil, temporalHistoryText } from '@meic/testing';
import type { ErasureStatus } from '../erasure/erasure.schemas';
import { startHarness, type Harness } from '../testing/harness';
import { ensureRetentionSchedule } from './retention.schedule';
import type { RetentionReport, RetentionView } from './retention.schemas';
import { RETENTION_SCHEDULE_ID } from './retention.types';
import type { retentionSweepWorkflow } from './retention.workflow';

/**
 * Retention per site: records expire at the programme's end plus five years (or what an admin
 * sets); the report is the dry run; the sweep erases through the erasure flow, leaving ids out of
 * its own history.
 */
describe('beneficiaries: retention', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ worker: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('is set per site by admins only, with a problem naming the field when it is wrong', async () => {
    expect((await h.as.admin.get<RetentionView>(`/v1/sites/${h.otherSiteCode}/retention`)).body).toEqual({ siteCode: h.otherSiteCode, programmeEndsOn: null, years: 5, expiresOn: null });
    const bad = await h.as.admin.put<{ errors: { path: string }[] }>(`/v1/sites/${h.otherSiteCode}/retention`, { programmeEndsOn: '2026-12-31', years: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.path)).toEqual(['/years']);
    expect((await h.as.admin.put(`/v1/sites/XX-NOPE/retention`, { programmeEndsOn: '2026-12-31' })).status).toBe(422);
    expect((await h.as.staff.put(`/v1/sites/${h.siteCode}/retention`, { programmeEndsOn: '2026-12-31' })).status).toBe(403);
    expect((await h.as.lead.get(`/v1/retention/report`)).status).toBe(403);
    const set = await h.as.admin.put<RetentionView>(`/v1/sites/${h.otherSiteCode}/retention`, { programmeEndsOn: '2026-12-31', years: 10 });
    expect(set.body).toEqual({ siteCode: h.otherSiteCode, programmeEndsOn: '2026-12-31', years: 10, expiresOn: '2036-12-31' });
  });

  it('reports who would be erased, then the sweep erases exactly them through the erasure flow', async () => {
    const early = await h.enrol({ enrolledOn: '2025-01-10', ref: `RET-A-${Date.now()}` });
    const late = await h.enrol({ enrolledOn: '2026-03-02', ref: `RET-B-${Date.now()}` });
    expect((await h.as.admin.put<RetentionView>(`/v1/sites/${h.siteCode}/retention`, { programmeEndsOn: '2026-01-31' })).body).toMatchObject({ years: 5, expiresOn: '2031-01-31' });

    const report = async (asOf: string) => (await h.as.admin.get<RetentionReport>(`/v1/retention/report?asOf=${asOf}`)).body;
    const before = await report('2031-01-30');
    expect(before.people).toEqual([]);
    expect(before.sites.find((s) => s.siteCode === h.siteCode)).toMatchObject({ expired: 0, expiresOn: '2031-01-31' });
    const on = await report('2031-01-31');
    expect(on.dryRun).toBe(true);
    expect(on.people).toEqual([{ beneficiaryId: early.id, siteCode: h.siteCode, enrolledOn: '2025-01-10', expiredOn: '2031-01-31' }]);
    // Enrolled after the programme's end: kept five years from the enrolment.
    expect((await report('2031-03-02')).people.map((p) => p.beneficiaryId)).toEqual([early.id, late.id]);
    expect((await h.as.admin.get(`/v1/retention/report?asOf=31-01-2031`)).status).toBe(400);
    // A dry run erases nothing.
    expect((await h.as.staff.get(`/v1/beneficiaries/${early.id}`)).status).toBe(200);

    const handle = await h.temporal.workflow.start<typeof retentionSweepWorkflow>('retentionSweepWorkflow', {
      workflowId: `retention-sweep-test-${h.siteCode}`,
      taskQueue: h.taskQueue,
      args: [{ asOf: '2031-02-01' }],
    });
    expect(await handle.result()).toEqual({ asOf: '2031-02-01', erased: 1 });
    const done = await pollUntil('the erasure to complete', async () => {
      const r = await h.as.staff.get<ErasureStatus>(`/v1/beneficiaries/${early.id}/erasure`);
      return r.body.status === 'completed' ? r.body : undefined;
    }, { timeoutMs: 100_000 });
    expect(done.steps.every((s) => s.status === 'done')).toBe(true);
    const { rows } = await h.pg.query<{ reason: string; requested_by: string }>('SELECT reason, requested_by FROM erasures WHERE beneficiary_id = $1', [early.id]);
    expect(rows).toEqual([{ reason: 'retention', requested_by: 'retention-schedule' }]);
    expect((await h.as.staff.get(`/v1/beneficiaries/${late.id}`)).status).toBe(200);
    expect((await report('2031-02-01')).people).toEqual([]);

    // The sweep's history holds counts, not the ids of the people it erased.
    const history = temporalHistoryText(await handle.fetchHistory());
    expect(history).toContain(String.raw`{\"erased\":1,\"remaining\":0}`);
    expect(history).not.toContain(early.id);
    expect(history).not.toContain(early.pseudonym);
  });

  it('is swept daily by a Temporal schedule, created once', async () => {
    const handle = h.temporal.schedule.getHandle(RETENTION_SCHEDULE_ID);
    await handle.delete().catch(() => undefined);
    expect(await ensureRetentionSchedule(h.temporal, h.taskQueue)).toBe(true);
    expect(await ensureRetentionSchedule(h.temporal, h.taskQueue)).toBe(false);
    const described = await handle.describe();
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'retentionSweepWorkflow', taskQueue: h.taskQueue });
    expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 2, end: 2, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] });
    await handle.delete();
  });
});
