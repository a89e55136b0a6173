import { pollUntil, randomSiteCode } from '@meic/testing';
import type { PathwayTemplateBody } from '@meic/contracts';
import { startHarness, type Harness } from '../testing/harness';
import type { PathwayView } from './pathway.schemas';

type TemplateView = { siteCode: string; source: string; template: PathwayTemplateBody; changed?: boolean };
type ProblemView = { status: number; detail: string; errors?: { path: string; message: string }[] };

const V2: PathwayTemplateBody = {
  version: 2,
  stages: ['intake', 'orientation', 'training', 'internship', 'job_search', 'employed', 'follow_up', 'closed'],
  deadlines: { assessmentWithinDays: 14, firstActivityWithinDays: 10, stalledAfterDays: 60, internshipEndGraceDays: 14, followUpMonths: [6, 12] },
  onMissed: { assessment_overdue: 'none' },
};

describe('a site pathway template: GET/PUT /v1/sites/{code}/pathway-template', () => {
  let h: Harness;
  beforeAll(async () => {
    // People enrolled months ago: their overdue tasks are raised at once.
    h = await startHarness({ worker: true, catchUpGraceSeconds: 0 });
  });
  afterAll(async () => {
    await h?.close();
  });

  const path = () => `/v1/sites/${h.siteCode}/pathway-template`;
  const pathwayOf = (id: string) => h.as.staff.get<PathwayView>(`/v1/beneficiaries/${id}/pathway`);
  const startedPathway = (id: string) => pollUntil('the pathway to start', async () => ((r) => (r.status === 200 ? r.body : undefined))(await pathwayOf(id)));

  it('refuses a bad template naming each field, and writes nothing', async () => {
    const bad = await h.as.admin.put<ProblemView>(path(), { ...V2, stages: ['training', 'intake'], deadlines: { ...V2.deadlines, stalledAfterDays: -1 }, extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
    expect(bad.body.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['/deadlines/stalledAfterDays', '/extra']));
    expect(bad.body.errors?.find((e) => e.path === '/deadlines/stalledAfterDays')?.message).toContain('(got -1)');
    const order = await h.as.admin.put<ProblemView>(path(), { ...V2, stages: ['training', 'intake'] });
    expect(order.status).toBe(400);
    expect(order.body.errors).toEqual([{ path: '/stages', message: expect.stringContaining("must follow the pathway's order") }]);
    const now = await h.as.lead.get<TemplateView>(path());
    expect(now.status).toBe(200);
    expect(now.body).toMatchObject({ siteCode: h.siteCode, source: 'default', template: { version: 1 } });
  });

  it('is set by admins only, for a site the service knows', async () => {
    expect((await h.as.staff.put(path(), V2)).status).toBe(403);
    expect((await h.as.lead.put(path(), V2)).status).toBe(403);
    const unknown = randomSiteCode();
    expect((await h.as.admin.put<ProblemView>(`/v1/sites/${unknown}/pathway-template`, V2)).status).toBe(422);
    expect((await h.as.admin.get(`/v1/sites/${unknown}/pathway-template`)).status).toBe(404);
    expect((await h.as.admin.get('/v1/sites/rome/pathway-template')).status).toBe(400);
  });

  it("starts new pathways with the site's template, keeps running ones on theirs until migrated, and changes nothing when set twice", async () => {
    const before = await h.enrol();
    expect((await startedPathway(before.id)).templateVersion).toBe(1);

    const set = await h.as.admin.put<TemplateView>(path(), V2);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ source: 'site', changed: true, template: V2 });
    const again = await h.as.admin.put<TemplateView>(path(), V2);
    expect(again.body).toMatchObject({ source: 'site', changed: false });
    expect((await h.as.staff.get<TemplateView>(path())).body).toMatchObject({ source: 'site', template: V2 });

    // Another content under the same or a lower version could not be told apart in the pathways.
    const same = await h.as.admin.put<ProblemView>(path(), { ...V2, deadlines: { ...V2.deadlines, stalledAfterDays: 61 } });
    expect(same.status).toBe(409);
    expect(same.body.errors).toEqual([{ path: '/version', message: 'must be above 2 for a changed template' }]);
    expect((await h.as.admin.put(path(), { ...V2, version: 1 })).status).toBe(409);

    // Enrolled 2026-03-02 with nothing since: first activity (10 days) and stalled (60 days) are
    // overdue; the assessment deadline raises nothing under this template.
    const after = await h.enrol();
    const pathway = await pollUntil('the new pathway to raise its overdue tasks', async () => {
      const p = (await pathwayOf(after.id)).body;
      const kinds = p.openTasks?.map((t) => t.kind) ?? [];
      return kinds.includes('first_activity_overdue') && kinds.includes('pathway_stalled') ? p : undefined;
    });
    expect(pathway.templateVersion).toBe(2);
    expect(pathway.openTasks.map((t) => t.kind).sort()).toEqual(['first_activity_overdue', 'pathway_stalled']);
    expect(pathway.openTasks.find((t) => t.kind === 'first_activity_overdue')?.dueOn).toBe('2026-03-12');

    expect((await pathwayOf(before.id)).body.templateVersion).toBe(1);
    const migrated = await h.as.admin.post<{ templateVersion: number; migrated: number }>(`/v1/sites/${h.siteCode}/pathways/migrate-template`, {});
    expect(migrated.body).toMatchObject({ templateVersion: 2 });
    expect(migrated.body.migrated).toBeGreaterThanOrEqual(2);
    await pollUntil('the running pathway to follow version 2', async () => (await pathwayOf(before.id)).body.templateVersion === 2);
  });
});
