import { randomUUID } from 'node:crypto';
import { TOPICS } from '@meic/contracts';
import { collectEvents, pollUntil } from '@meic/testing';
import { expectNoPersonalData, expectPersonalDataAccess, outboxRows, startHarness, type Harness } from '../testing/harness';
import type { PlacementView } from './placements.schemas';

type Problem = { status: number; detail: string; errors?: { path: string; message: string }[] };

const outside = (overrides: Record<string, unknown> = {}) => ({ employerName: 'Trattoria da Gino Bianchi', contractType: 'fixed_term', hoursPerWeek: 24.5, naceSector: 'I', startedOn: '2026-05-04', ...overrides });

describe('placements: POST /v1/beneficiaries/{id}/placements', () => {
  let h: Harness;
  let member: string;

  beforeAll(async () => {
    h = await startHarness();
    member = await h.joinOrganisation({ type: 'enterprise' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('records a placement with an employer outside the cluster: its name stays here, the event has neither id nor name', async () => {
    const { id, pseudonym } = await h.enrol();
    const res = await h.as.staff.post<PlacementView>(`/v1/beneficiaries/${id}/placements`, outside());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ beneficiaryId: id, siteCode: h.siteCode, ...outside() });
    expect((await h.pg.query('SELECT employer_name, employer_org_id, hours_per_week FROM placements WHERE id = $1', [res.body.id])).rows).toEqual([
      { employer_name: 'Trattoria da Gino Bianchi', employer_org_id: null, hours_per_week: 24.5 },
    ]);

    const [event] = await collectEvents(TOPICS.beneficiaries, (e) => e.key === pseudonym && e.headers['ce_type'] === 'meic.beneficiary.placed.v2');
    expect(event?.data).toEqual({
      pseudonym,
      siteCode: h.siteCode,
      country: 'IT',
      occurredOn: '2026-05-04',
      sex: 'female',
      ageBand: '25-29',
      citizenship: 'ML',
      legalStatus: 'refugee',
      placementId: res.body.id,
      employerOrgId: null,
      employerOrgType: null,
      contractType: 'fixed_term',
      hoursPerWeek: 24.5,
      naceSector: 'I',
    });
    expectNoPersonalData(JSON.stringify(event), ['Trattoria', 'Gino', 'Bianchi']);
  });

  it('records a placement with a cluster member of the site: the event names it and its type', async () => {
    const { id, pseudonym } = await h.enrol();
    const res = await h.as.staff.post<PlacementView>(`/v1/beneficiaries/${id}/placements`, { employerOrgId: member, contractType: 'permanent', hoursPerWeek: 38, naceSector: 'C', startedOn: '2026-04-01' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ employerOrgId: member, employerOrgType: 'enterprise' });
    const [event] = await collectEvents(TOPICS.beneficiaries, (e) => e.key === pseudonym && e.headers['ce_type'] === 'meic.beneficiary.placed.v2');
    expect(event?.data).toMatchObject({ placementId: res.body.id, employerOrgId: member, employerOrgType: 'enterprise', contractType: 'permanent', occurredOn: '2026-04-01' });
  });

  it("lists a person's placements, oldest start first, with the months of their follow-ups", async () => {
    const { id } = await h.enrol();
    expect((await h.as.staff.get<{ items: unknown[] }>(`/v1/beneficiaries/${id}/placements`)).body).toEqual({ items: [] });
    const later = await h.as.staff.post<PlacementView>(`/v1/beneficiaries/${id}/placements`, outside({ startedOn: '2026-09-01' }));
    const first = await h.as.staff.post<PlacementView>(`/v1/beneficiaries/${id}/placements`, { employerOrgId: member, contractType: 'permanent', hoursPerWeek: 38, naceSector: 'C', startedOn: '2026-04-01' });
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/follow-ups`, { placementId: first.body.id, monthsAfterPlacement: 6, employed: true, recordedOn: '2026-10-01' })).status).toBe(201);
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/follow-ups`, { placementId: first.body.id, monthsAfterPlacement: 3, employed: true, recordedOn: '2026-07-01' })).status).toBe(201);

    const list = await h.as.staff.get<{ items: (PlacementView & { followUpMonths: number[] })[] }>(`/v1/beneficiaries/${id}/placements`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((p) => [p.id, p.startedOn, p.followUpMonths])).toEqual([
      [first.body.id, '2026-04-01', [3, 6]],
      [later.body.id, '2026-09-01', []],
    ]);
    expect(list.body.items[1]).toMatchObject({ employerName: 'Trattoria da Gino Bianchi', siteCode: h.siteCode });
    expect((await h.as.otherStaff.get(`/v1/beneficiaries/${id}/placements`)).status).toBe(403);
    expect((await h.as.staff.get(`/v1/beneficiaries/${randomUUID()}/placements`)).status).toBe(404);
  });

  it('needs exactly one employer field and valid values, naming the field', async () => {
    const { id } = await h.enrol();
    const both = await h.as.staff.post<Problem>(`/v1/beneficiaries/${id}/placements`, outside({ employerOrgId: member }));
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual([{ path: '/employerName', message: 'must not be given together with employerOrgId' }]);
    const neither: Record<string, unknown> = outside();
    delete neither['employerName'];
    const none = await h.as.staff.post<Problem>(`/v1/beneficiaries/${id}/placements`, neither);
    expect(none.status).toBe(400);
    expect(none.body.errors).toEqual([{ path: '/employerOrgId', message: 'is required unless employerName is given' }]);

    const bad = await h.as.staff.post<Problem>(`/v1/beneficiaries/${id}/placements`, { ...outside({ hoursPerWeek: 0, naceSector: 'Z', contractType: 'zero_hours', employerOrgId: 'x' }), salary: 1200 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['/salary', '/hoursPerWeek', '/naceSector', '/contractType', '/employerOrgId']));

    const early = await h.as.staff.post<Problem>(`/v1/beneficiaries/${id}/placements`, outside({ startedOn: '2026-02-28' }));
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([{ path: '/startedOn', message: 'must not be before the enrolment date (2026-03-02)' }]);
    expect((await h.pg.query('SELECT count(*)::int AS n FROM placements WHERE beneficiary_id = $1', [id])).rows[0]).toEqual({ n: 0 });
  });

  it('answers 422 for an organisation it does not know, of another site, or that had left the cluster', async () => {
    const { id } = await h.enrol();
    const post = (employerOrgId: string) => h.as.staff.post<Problem>(`/v1/beneficiaries/${id}/placements`, { employerOrgId, contractType: 'seasonal', hoursPerWeek: 40, naceSector: 'A', startedOn: '2026-06-01' });

    const unknown = await post(randomUUID());
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ path: '/employerOrgId', message: 'unknown organisation' }]);

    const elsewhere = await h.joinOrganisation({ siteCode: h.otherSiteCode });
    const other = await post(elsewhere);
    expect(other.status).toBe(422);
    expect(other.body.errors).toEqual([{ path: '/employerOrgId', message: `organisation belongs to another site (${h.otherSiteCode})` }]);

    const leaving = await h.joinOrganisation();
    await h.leaveOrganisation(leaving, h.siteCode, '2026-05-31');
    const left = await post(leaving);
    expect(left.status).toBe(422);
    expect(left.body.errors).toEqual([{ path: '/employerOrgId', message: 'organisation left the cluster on 2026-05-31' }]);
    // Before it left, it was a member: a placement that started then is accepted.
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/placements`, { employerOrgId: leaving, contractType: 'seasonal', hoursPerWeek: 40, naceSector: 'A', startedOn: '2026-05-15' })).status).toBe(201);
  });

  it('keeps a leaving recorded when the joining is delivered again', async () => {
    const org = await h.joinOrganisation();
    await h.leaveOrganisation(org, h.siteCode, '2026-02-01');
    const joined = { siteCode: h.siteCode, country: 'IT', occurredOn: '2026-01-20', organisationId: org, name: 'Cooperativa Esempio', naceSector: 'I', communityOfInterest: false } as const;
    await h.publish('meic.organisation.joined.v1', { ...joined, type: 'enterprise' });
    // Same key, so the same partition, in order: once the second is applied, so is the first.
    await h.publish('meic.organisation.joined.v1', { ...joined, type: 'vet_provider' });
    await pollUntil('the redelivered joinings to be applied', async () => (await h.pg.query("SELECT 1 FROM known_organisations WHERE id = $1 AND type = 'vet_provider'", [org])).rowCount === 1);
    expect((await h.pg.query('SELECT left_on::text FROM known_organisations WHERE id = $1', [org])).rows).toEqual([{ left_on: '2026-02-01' }]);
  });

  it('authorizes by role and site', async () => {
    const { id } = await h.enrol();
    await expectPersonalDataAccess(h, (as) => as.post(`/v1/beneficiaries/${id}/placements`, outside()), 201);
  });

  it('honours Idempotency-Key: replay returns the first response, one row, one event; another body is a 409', async () => {
    const { id, pseudonym } = await h.enrol();
    const first = await h.as.staff.post<PlacementView>(`/v1/beneficiaries/${id}/placements`, outside(), { 'idempotency-key': `place-${id}` });
    const replay = await h.as.staff.post<PlacementView>(`/v1/beneficiaries/${id}/placements`, outside(), { 'idempotency-key': `place-${id}` });
    expect(first.status).toBe(201);
    expect(replay).toEqual(first);
    expect((await h.pg.query('SELECT count(*)::int AS n FROM placements WHERE beneficiary_id = $1', [id])).rows[0]).toEqual({ n: 1 });
    expect((await outboxRows(h.pg, 'meic.beneficiary.placed.v2')).filter((r) => r.message_key === pseudonym)).toHaveLength(1);
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/placements`, outside({ hoursPerWeek: 30 }), { 'idempotency-key': `place-${id}` })).status).toBe(409);
  });

  it('publishes every placement through the outbox', async () => {
    await pollUntil('every outbox row to be published', async () => (await h.pg.query('SELECT 1 FROM outbox_events WHERE published_at IS NULL')).rowCount === 0);
  });
});
