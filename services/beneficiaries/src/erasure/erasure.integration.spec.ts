import { TOPICS } from '@meic/contracts';
import { collectEvents, pollUntil } from '@meic/testing';
import type { BeneficiaryView } from '../beneficiaries/beneficiaries.schemas';
import { enrolmentBody, expectNoPersonalData, expectPersonalDataAccess, outboxRows, startHarness, type Enrolled, type Harness } from '../testing/harness';
import type { ErasureStatus } from './erasure.schemas';

type Page = { items: BeneficiaryView[] };

/**
 * DELETE /v1/beneficiaries/{id} (GDPR art. 17) with a worker: the personal data goes at once, then
 * the erasure workflow deletes the pathway's history and every row about the person here. (The
 * other services' steps are covered where they run: tests/erasure.integration.spec.ts.)
 */
describe('beneficiaries: erasure', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ worker: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  const pathwayStatus = async (id: string): Promise<string | undefined> => {
    try {
      return (await h.temporal.workflow.getHandle(`pathway-${id}`).describe()).status.name;
    } catch {
      return undefined;
    }
  };
  const completed = (id: string) =>
    pollUntil('the erasure to complete', async () => {
      const r = await h.as.staff.get<ErasureStatus>(`/v1/beneficiaries/${id}/erasure`);
      return r.body.status === 'completed' ? r.body : undefined;
    }, { timeoutMs: 100_000 });

  /** A person with an assessment, a placement outside the cluster, a consent change and an Idempotency-Key: something in every table. */
  async function personWithHistory(): Promise<Enrolled> {
    const person = await h.enrol({ ref: `ERASE-${Date.now()}`, person: { givenName: 'Erasable', familyName: 'Person', birthDate: '1980-02-03', phone: '+39 06 7654321', email: 'erasable@example.org' } });
    const assessed = await h.as.staff.post(`/v1/beneficiaries/${person.id}/assessments`, { assessedOn: '2026-03-10', skills: ['sewing at home in Gao'], barriers: ['health'], recommendedActivities: ['l2_language'] }, { 'idempotency-key': `assess-${person.id}` });
    expect(assessed.status).toBe(201);
    const placed = await h.as.staff.post(`/v1/beneficiaries/${person.id}/placements`, { employerName: 'Panificio Gao di Luigi Verdi', contractType: 'fixed_term', hoursPerWeek: 20, naceSector: 'C', startedOn: '2026-05-04' });
    expect(placed.status).toBe(201);
    expect((await h.as.staff.patch(`/v1/beneficiaries/${person.id}/consent`, { evaluationFollowUp: false, recordedOn: '2026-06-01' })).status).toBe(200);
    return person;
  }

  it('deletes the personal data at once, then the pathway history and every row about the person; the tombstone holds ids only', async () => {
    const { id, pseudonym } = await personWithHistory();
    await pollUntil('the pathway to run', async () => (await pathwayStatus(id)) !== undefined);

    const res = await h.as.staff.delete<ErasureStatus>(`/v1/beneficiaries/${id}`);
    expect(res.status).toBe(202);
    expect(res.body.status).toMatch(/pending|in_progress/);
    expect(res.body.steps.map((s) => s.store)).toEqual(['temporal', 'trainings', 'stakeholders', 'beneficiaries']);
    // At once: no personal data, and every request about the person is a 404.
    expect((await h.pg.query('SELECT 1 FROM personal_data WHERE beneficiary_id = $1', [id])).rowCount).toBe(0);
    expect((await h.as.staff.get(`/v1/beneficiaries/${id}`)).status).toBe(404);

    const [event] = await collectEvents(TOPICS.beneficiaries, (e) => e.key === pseudonym && e.headers['ce_type'] === 'meic.beneficiary.erased.v2');
    expect(event?.data).toEqual({ pseudonym, siteCode: h.siteCode, country: 'IT', occurredOn: new Date().toISOString().slice(0, 10) });
    expectNoPersonalData(JSON.stringify(event), ['Erasable', 'Gao', id]);

    const done = await completed(id);
    // No other service runs beside this one here: the worker is told of none.
    expect(done.steps.map((s) => [s.store, s.status])).toEqual([
      ['temporal', 'done'],
      ['beneficiaries', 'done'],
    ]);
    expect(await pathwayStatus(id)).toBeUndefined();

    // Nothing in the database holds the id, the pseudonym or the erased strings, but the tombstone.
    const tables = (await h.pg.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('erasures', '_prisma_migrations')`)).rows.map((r) => r.t);
    const found: string[] = [];
    for (const t of tables) {
      const { rows } = await h.pg.query(`SELECT count(*)::int AS n FROM "${t}" x WHERE row_to_json(x)::text ~* $1`, [`${id}|${pseudonym}|Erasable|Gao|Verdi|7654321|ERASE-`]);
      if (rows[0].n > 0 && !(t === 'outbox_events')) found.push(`${t}: ${rows[0].n}`);
    }
    expect(found).toEqual([]);
    // The outbox keeps the published events: the pseudonym, which nothing here pairs with the person any more.
    expect((await h.pg.query('SELECT 1 FROM outbox_events WHERE value ~* $1', [`${id}|Erasable|Gao`])).rowCount).toBe(0);
    expect((await h.pg.query('SELECT 1 FROM beneficiaries WHERE pseudonym = $1', [pseudonym])).rowCount).toBe(0);
    const tomb = await h.pg.query('SELECT beneficiary_id, site_code, reason, requested_by, completed_at IS NOT NULL AS completed FROM erasures WHERE beneficiary_id = $1', [id]);
    expect(tomb.rows).toEqual([{ beneficiary_id: id, site_code: h.siteCode, reason: 'request', requested_by: expect.stringMatching(/^test-site_staff/), completed: true }]);
    // The audit log keeps who did what and when, no longer to whom.
    expect((await h.pg.query("SELECT count(*)::int AS n FROM audit_log WHERE resource_id IS NULL AND resource_type IN ('beneficiary', 'assessment', 'placement', 'consent')")).rows[0].n).toBeGreaterThan(0);
  });

  it('answers 404 afterwards: reads, writes about the person, and a second erasure; the list leaves them out', async () => {
    const { id } = await h.enrol();
    expect((await h.as.admin.delete(`/v1/beneficiaries/${id}`)).status).toBe(202);

    expect((await h.as.staff.get(`/v1/beneficiaries/${id}`)).status).toBe(404);
    expect((await h.as.staff.get(`/v1/beneficiaries/${id}/assessments`)).status).toBe(404);
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/assessments`, { assessedOn: '2026-03-10', skills: [], barriers: [], recommendedActivities: [] })).status).toBe(404);
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/placements`, { employerName: 'X', contractType: 'permanent', hoursPerWeek: 38, naceSector: 'G', startedOn: '2026-05-04' })).status).toBe(404);
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/dropout`, { reason: 'moved_away', on: '2026-05-04' })).status).toBe(404);
    expect((await h.as.staff.patch(`/v1/beneficiaries/${id}/consent`, { evaluationFollowUp: true, recordedOn: '2026-05-04' })).status).toBe(404);
    const again = await h.as.staff.delete(`/v1/beneficiaries/${id}`);
    expect(again.status).toBe(404);
    expect(again.contentType).toContain('application/problem+json');
    expect((await h.pg.query('SELECT count(*)::int AS n FROM erasures WHERE beneficiary_id = $1', [id])).rows[0]).toEqual({ n: 1 });

    const list = await h.as.admin.get<Page>(`/v1/beneficiaries?siteCode=${h.siteCode}&limit=500`);
    expect(list.body.items.map((b) => b.id)).not.toContain(id);
    expect((await h.as.admin.delete('/v1/beneficiaries/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await h.as.admin.get('/v1/beneficiaries/00000000-0000-4000-8000-000000000000/erasure')).status).toBe(404);
    await completed(id);
    // Asking about the erased person afterwards leaves no entry naming them: a 404 names nothing held here.
    expect((await h.as.staff.get(`/v1/beneficiaries/${id}`)).status).toBe(404);
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/placements`, { employerName: 'X', contractType: 'permanent', hoursPerWeek: 38, naceSector: 'G', startedOn: '2026-05-04' })).status).toBe(404);
    expect((await h.pg.query('SELECT action, status FROM audit_log WHERE resource_id = $1', [id])).rows).toEqual([]);
  });

  it('authorizes erasure and its progress like personal data: site_staff of the site and admin only', async () => {
    // The refused callers try the staff member's person first, who is then still there to erase.
    const [forStaff, forAdmin] = [(await h.enrol()).id, (await h.enrol()).id];
    await expectPersonalDataAccess(h, (as) => as.delete(`/v1/beneficiaries/${as === h.as.admin ? forAdmin : forStaff}`), 202);
    await expectPersonalDataAccess(h, (as) => as.get(`/v1/beneficiaries/${forStaff}/erasure`), 200);
  });

  it('replays an erasure under the same Idempotency-Key: the first answer again, one event', async () => {
    const { id, pseudonym } = await h.enrol();
    const first = await h.as.staff.deleteWith(`/v1/beneficiaries/${id}`, { 'idempotency-key': `erase-${id}` });
    const replay = await h.as.staff.deleteWith(`/v1/beneficiaries/${id}`, { 'idempotency-key': `erase-${id}` });
    expect(first.status).toBe(202);
    expect(replay.status).toBe(202);
    expect((await outboxRows(h.pg, 'meic.beneficiary.erased.v2')).filter((r) => r.message_key === pseudonym)).toHaveLength(1);
    await completed(id);
    // Its stored answer went with the rest.
    expect((await h.pg.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [`erase-${id}`])).rowCount).toBe(0);
  });

  it('no longer replays the personal data of an erased enrolment through its Idempotency-Key', async () => {
    const body = enrolmentBody(h.siteCode, { person: { givenName: 'Replayed', familyName: 'Nobody', birthDate: '1991-01-01' } });
    const first = await h.as.staff.post<BeneficiaryView>('/v1/beneficiaries', body, { 'idempotency-key': 'erase-replay' });
    expect(first.status).toBe(201);
    expect((await h.as.staff.delete(`/v1/beneficiaries/${first.body.id}`)).status).toBe(202);
    const replay = await h.as.staff.post<Record<string, unknown>>('/v1/beneficiaries', body, { 'idempotency-key': 'erase-replay' });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual({ id: first.body.id });
  });

  it('re-applies erasures after a restore from a backup taken before them, from the erasure events Kafka keeps', async () => {
    const person = await personWithHistory();
    const tables = { beneficiaries: 'id', personal_data: 'beneficiary_id', assessments: 'beneficiary_id', placements: 'beneficiary_id', consent_changes: 'beneficiary_id' } as const;
    // The backup: the person's rows as they were before the erasure.
    const backup: [string, unknown[]][] = [];
    for (const [t, column] of Object.entries(tables)) backup.push([t, (await h.pg.query(`SELECT row_to_json(x) AS r FROM "${t}" x WHERE ${column} = $1`, [person.id])).rows.map((r: { r: unknown }) => r.r)]);
    expect((await h.as.staff.delete(`/v1/beneficiaries/${person.id}`)).status).toBe(202);
    await completed(person.id);

    // The restore: the rows come back, and the tombstone list in this database is as old as the backup.
    await h.pg.query('DELETE FROM erasures WHERE beneficiary_id = $1', [person.id]);
    for (const [t, rows] of backup) for (const r of rows) await h.pg.query(`INSERT INTO "${t}" SELECT * FROM json_populate_record(NULL::"${t}", $1)`, [JSON.stringify(r)]);
    expect((await h.as.staff.get(`/v1/beneficiaries/${person.id}`)).body).toMatchObject({ person: { givenName: 'Erasable' } });

    expect((await h.as.staff.post('/v1/erasures/reapply', {})).status).toBe(403);
    const reapplied = await h.as.admin.post<{ erasedInLog: number; erasedAgain: number; rerun: number }>('/v1/erasures/reapply', {});
    expect(reapplied.status).toBe(200);
    expect(reapplied.body.erasedAgain).toBe(1);
    expect(reapplied.body.erasedInLog).toBeGreaterThanOrEqual(1);
    // The erasures of this file's other people run again too: a restored store may hold them.
    expect(reapplied.body.rerun).toBeGreaterThanOrEqual(1);
    expect((await h.as.staff.get(`/v1/beneficiaries/${person.id}`)).status).toBe(404);
    await completed(person.id);
    for (const [t, column] of Object.entries(tables)) expect([t, (await h.pg.query(`SELECT 1 FROM "${t}" WHERE ${column} = $1`, [person.id])).rowCount]).toEqual([t, 0]);
    expect((await h.pg.query('SELECT reason FROM erasures WHERE beneficiary_id = $1', [person.id])).rows).toEqual([{ reason: 'restore' }]);
    await pollUntil('every reopened erasure to complete again', async () => ((await h.pg.query('SELECT 1 FROM erasures WHERE completed_at IS NULL')).rowCount === 0 ? true : undefined), { timeoutMs: 60_000 });
  });
});
