import { randomUUID } from 'node:crypto';
import { pollUntil } from '@meic/testing';
import type { PathwayView } from '../pathway/pathway.schemas';
import type { PathwayRepository } from '../pathway/pathway.repository';
import { expectPersonalDataAccess, startHarness, type Harness } from '../testing/harness';
import { pathwayRepositoryOf } from '../testing/pathway.fixture';
import type { TaskView } from './tasks.schemas';

type Page<T> = { items: T[]; nextCursor?: string };

describe('tasks and pathways over HTTP: GET /v1/tasks, POST /v1/tasks/{id}/done, GET /v1/beneficiaries/{id}/pathway', () => {
  let h: Harness;
  let closeRepo: (() => Promise<void>) | undefined;
  let repo: PathwayRepository;

  beforeAll(async () => {
    // People enrolled weeks ago: their overdue tasks are raised at once, without waiting for late records.
    h = await startHarness({ worker: true, catchUpGraceSeconds: 0 });
    ({ repo, close: closeRepo } = pathwayRepositoryOf(h));
  });
  afterAll(async () => {
    await closeRepo?.();
    await h?.close();
  });

  const pathwayOf = async (id: string) => h.as.staff.get<PathwayView>(`/v1/beneficiaries/${id}/pathway`);
  const tasksOf = async (id: string, query = '') => (await h.as.staff.get<Page<TaskView>>(`/v1/tasks?siteCode=${h.siteCode}&limit=500${query}`)).body.items.filter((t) => t.beneficiaryId === id);

  it('answers the pathway from its workflow: stage, history, open tasks, next deadline, template version', async () => {
    // Enrolled 2026-03-02: the assessment (14 days) and first-activity (30 days) deadlines passed long ago.
    const { id } = await h.enrol();
    const res = await pollUntil('the pathway to answer with its overdue tasks', async () => {
      const r = await pathwayOf(id);
      return r.status === 200 && r.body.openTasks.length >= 2 ? r : undefined;
    });
    expect(res.body).toMatchObject({ beneficiaryId: id, siteCode: h.siteCode, stage: 'intake', templateVersion: 1 });
    expect(res.body.history[0]).toEqual({ stage: 'intake', on: '2026-03-02' });
    expect(res.body.openTasks.map((t) => t.kind)).toEqual(expect.arrayContaining(['assessment_overdue', 'first_activity_overdue']));
    await expectPersonalDataAccess(h, (as) => as.get(`/v1/beneficiaries/${id}/pathway`), 200);
  });

  it('migrates the running pathways of a site to its current template on an admin request only', async () => {
    const { id } = await h.enrol();
    await pollUntil('the pathway to start', async () => (await pathwayOf(id)).status === 200);
    // The harness's site has no template file of its own: the default (version 1) is its current one.
    const res = await h.as.admin.post<{ siteCode: string; templateVersion: number; migrated: number; notRunning: number }>(`/v1/sites/${h.siteCode}/pathways/migrate-template`, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ siteCode: h.siteCode, templateVersion: 1 });
    expect(res.body.migrated).toBeGreaterThanOrEqual(1);
    expect((await pathwayOf(id)).body.templateVersion).toBe(1);
    expect((await h.as.staff.post(`/v1/sites/${h.siteCode}/pathways/migrate-template`, {})).status).toBe(403);
    const bad = await h.as.admin.post<{ errors: { path: string }[] }>('/v1/sites/rome/pathways/migrate-template', {});
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.path)).toEqual(['/code']);
  });

  it('answers 404 problem+json for an unknown person', async () => {
    const unknown = await h.as.staff.get<{ status: number }>(`/v1/beneficiaries/${randomUUID()}/pathway`);
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toContain('application/problem+json');
  });

  it("lists the site's tasks, filters them by status and kind, pages them, and closes one in the pathway too", async () => {
    const { id } = await h.enrol();
    const open = await pollUntil('the tasks raised by the pathway', async () => {
      const t = await tasksOf(id, '&status=open');
      return t.length >= 2 ? t : undefined;
    });
    const assessment = open.find((t) => t.kind === 'assessment_overdue');
    expect(assessment).toMatchObject({ beneficiaryId: id, siteCode: h.siteCode, status: 'open', dueOn: '2026-03-16' });
    expect((await tasksOf(id, '&kind=first_activity_overdue')).map((t) => t.kind)).toEqual(['first_activity_overdue']);

    const done = await h.as.staff.post<TaskView>(`/v1/tasks/${assessment?.id ?? ''}/done`, {});
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: assessment?.id, status: 'done', doneBy: `test-site_staff-${h.siteCode}`, doneOn: new Date().toISOString().slice(0, 10) });
    // Idempotent: done stays done, and the first closer is kept.
    const again = await h.as.admin.post<TaskView>(`/v1/tasks/${assessment?.id ?? ''}/done`, {});
    expect(again.status).toBe(200);
    expect(again.body.doneBy).toBe(`test-site_staff-${h.siteCode}`);

    expect((await tasksOf(id, '&status=done')).map((t) => t.id)).toEqual([assessment?.id]);
    await pollUntil('the pathway to drop the closed task', async () => {
      const r = await pathwayOf(id);
      return r.status === 200 && !r.body.openTasks.some((t) => t.taskId === assessment?.id);
    });
  });

  it('pages with a keyset cursor', async () => {
    const { id } = await h.enrol();
    // A kind no pathway of this file raises (none has an internship), so the running workflows
    // cannot add rows while we page.
    for (const dueOn of ['2026-06-01', '2026-06-02', '2026-06-03']) {
      await repo.raiseTask({ taskId: randomUUID(), beneficiaryId: id, siteCode: h.siteCode, kind: 'internship_end_overdue', dueOn, raisedOn: '2026-06-04' });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.as.staff.get<Page<TaskView>>(`/v1/tasks?siteCode=${h.siteCode}&kind=internship_end_overdue&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((t) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    const all = (await h.as.admin.get<Page<TaskView>>(`/v1/tasks?siteCode=${h.siteCode}&kind=internship_end_overdue&limit=500`)).body.items.map((t) => t.id);
    expect(seen).toEqual(all);
    expect((await h.as.staff.get(`/v1/tasks?cursor=nonsense`)).status).toBe(400);
  });

  it('confines tasks to their site: site_staff of the site and admins', async () => {
    const { id } = await h.enrol();
    const taskId = randomUUID();
    await repo.raiseTask({ taskId, beneficiaryId: id, siteCode: h.siteCode, kind: 'pathway_stalled', dueOn: '2026-06-01', raisedOn: '2026-06-02' });
    await expectPersonalDataAccess(h, (as) => as.get(`/v1/tasks?siteCode=${h.siteCode}`), 200);
    // Without siteCode, site_staff see their own sites only.
    expect((await h.as.otherStaff.get<Page<TaskView>>('/v1/tasks?limit=500')).body.items.some((t) => t.id === taskId)).toBe(false);
    expect((await h.as.staff.get<Page<TaskView>>('/v1/tasks?limit=500')).body.items.some((t) => t.id === taskId)).toBe(true);
    await expectPersonalDataAccess(h, (as) => as.post(`/v1/tasks/${taskId}/done`, {}), 200);
    expect((await h.as.staff.post(`/v1/tasks/${randomUUID()}/done`, {})).status).toBe(404);
    expect((await h.as.staff.get('/v1/tasks?status=closed')).status).toBe(400);
  });

  it('audits task reads and closes', async () => {
    const { id } = await h.enrol();
    const taskId = randomUUID();
    await repo.raiseTask({ taskId, beneficiaryId: id, siteCode: h.siteCode, kind: 'pathway_stalled', dueOn: '2026-06-01', raisedOn: '2026-06-02' });
    await h.as.staff.get(`/v1/tasks?siteCode=${h.siteCode}&limit=500`);
    await h.as.staff.post(`/v1/tasks/${taskId}/done`, {});
    const audit = await pollUntil('the audit entries', async () => {
      const res = await h.as.admin.get<{ items: { action: string; resourceType: string; siteCode: string; status: number }[] }>(`/v1/audit-log?resourceId=${taskId}`);
      return res.body.items.length >= 2 ? res.body.items : undefined;
    });
    expect(audit.map((e) => [e.action, e.resourceType, e.siteCode, e.status])).toEqual(
      expect.arrayContaining([
        ['read /v1/tasks', 'task', h.siteCode, 200],
        ['POST /v1/tasks/:id/done', 'task', h.siteCode, 200],
      ]),
    );
  });

  it('documents the endpoints in OpenAPI', async () => {
    const doc = (await (await fetch(`${h.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/v1/tasks'] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.paths['/v1/tasks/{id}/done'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.paths['/v1/beneficiaries/{id}/pathway'] ?? {})).toEqual(['get']);
  });
});
