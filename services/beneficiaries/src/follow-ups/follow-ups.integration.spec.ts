import { TOPICS } from '@meic/contracts';
import { collectEvents, pollUntil } from '@meic/testing';
import type { PlacementView } from '../placements/placements.schemas';
import { expectNoPersonalData, expectPersonalDataAccess, outboxRows, startHarness, type Harness } from '../testing/harness';
import type { FollowUpView } from './follow-ups.schemas';

type Problem = { status: number; errors?: { path: string; message: string }[] };

describe('follow-ups: POST /v1/beneficiaries/{id}/follow-ups', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A person placed on 2026-05-04 with an employer outside the cluster. */
  async function placed(): Promise<{ id: string; pseudonym: string; placementId: string }> {
    const { id, pseudonym } = await h.enrol();
    const res = await h.as.staff.post<PlacementView>(`/v1/beneficiaries/${id}/placements`, { employerName: 'Officina Neri', contractType: 'apprenticeship', hoursPerWeek: 36, naceSector: 'G', startedOn: '2026-05-04' });
    expect(res.status).toBe(201);
    return { id, pseudonym, placementId: res.body.id };
  }
  const body = (placementId: string, overrides: Record<string, unknown> = {}) => ({ placementId, monthsAfterPlacement: 3, employed: true, recordedOn: '2026-08-04', ...overrides });

  it('records a follow-up: 201, the row, and an event with the placement date', async () => {
    const { id, pseudonym, placementId } = await placed();
    const res = await h.as.staff.post<FollowUpView>(`/v1/beneficiaries/${id}/follow-ups`, body(placementId, { monthsAfterPlacement: 6, employed: false, recordedOn: '2026-11-05' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ beneficiaryId: id, siteCode: h.siteCode, placementId, monthsAfterPlacement: 6, employed: false, recordedOn: '2026-11-05', placedOn: '2026-05-04' });
    expect((await h.pg.query('SELECT placement_id, months_after_placement, employed FROM follow_ups WHERE id = $1', [res.body.id])).rows).toEqual([
      { placement_id: placementId, months_after_placement: 6, employed: false },
    ]);

    const [event] = await collectEvents(TOPICS.beneficiaries, (e) => e.key === pseudonym && e.headers['ce_type'] === 'meic.beneficiary.followed-up.v2');
    expect(event?.data).toEqual({
      pseudonym,
      siteCode: h.siteCode,
      country: 'IT',
      occurredOn: '2026-11-05',
      sex: 'female',
      ageBand: '25-29',
      citizenship: 'ML',
      legalStatus: 'refugee',
      placementId,
      placedOn: '2026-05-04',
      monthsAfterPlacement: 6,
      employed: false,
    });
    expectNoPersonalData(JSON.stringify(event), ['Officina', 'Neri']);
  });

  it('allows one follow-up per placement and month: 409 for a second', async () => {
    const { id, pseudonym, placementId } = await placed();
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/follow-ups`, body(placementId))).status).toBe(201);
    const again = await h.as.staff.post<Problem>(`/v1/beneficiaries/${id}/follow-ups`, body(placementId, { employed: false }));
    expect(again.status).toBe(409);
    expect(again.contentType).toContain('application/problem+json');
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/follow-ups`, body(placementId, { monthsAfterPlacement: 12, recordedOn: '2027-05-04' }))).status).toBe(201);
    expect((await outboxRows(h.pg, 'meic.beneficiary.followed-up.v2')).filter((r) => r.message_key === pseudonym)).toHaveLength(2);
  });

  it('answers 422 for a placement of another person or an unknown one', async () => {
    const mine = await placed();
    const someoneElse = await placed();
    const res = await h.as.staff.post<Problem>(`/v1/beneficiaries/${mine.id}/follow-ups`, body(someoneElse.placementId));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: '/placementId', message: 'not a placement of this beneficiary' }]);
    expect((await h.as.staff.post<Problem>(`/v1/beneficiaries/${mine.id}/follow-ups`, body('00000000-0000-4000-8000-000000000000'))).status).toBe(422);
  });

  it('names invalid fields, rejects unknown ones and a follow-up recorded before the placement started', async () => {
    const { id, placementId } = await placed();
    const bad = await h.as.staff.post<Problem>(`/v1/beneficiaries/${id}/follow-ups`, { ...body('p-1', { monthsAfterPlacement: 9, employed: 'yes' }), employerName: 'X' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['/employerName', '/placementId', '/monthsAfterPlacement', '/employed']));
    const early = await h.as.staff.post<Problem>(`/v1/beneficiaries/${id}/follow-ups`, body(placementId, { recordedOn: '2026-05-03' }));
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([{ path: '/recordedOn', message: 'must not be before the placement start (2026-05-04)' }]);
  });

  it('authorizes by role and site', async () => {
    const { id, placementId } = await placed();
    const months = [3, 6];
    // Refused callers try month 12; the two allowed callers record months 3 and 6.
    await expectPersonalDataAccess(h, (as) => as.post(`/v1/beneficiaries/${id}/follow-ups`, body(placementId, { monthsAfterPlacement: as === h.as.staff || as === h.as.admin ? months.shift() : 12, recordedOn: '2027-06-01' })), 201);
  });

  it('honours Idempotency-Key: replay returns the first response, one row, one event; another body is a 409', async () => {
    const { id, pseudonym, placementId } = await placed();
    const first = await h.as.staff.post<FollowUpView>(`/v1/beneficiaries/${id}/follow-ups`, body(placementId), { 'idempotency-key': `fu-${id}` });
    const replay = await h.as.staff.post<FollowUpView>(`/v1/beneficiaries/${id}/follow-ups`, body(placementId), { 'idempotency-key': `fu-${id}` });
    expect(first.status).toBe(201);
    expect(replay).toEqual(first);
    expect((await h.pg.query('SELECT count(*)::int AS n FROM follow_ups WHERE placement_id = $1', [placementId])).rows[0]).toEqual({ n: 1 });
    expect((await outboxRows(h.pg, 'meic.beneficiary.followed-up.v2')).filter((r) => r.message_key === pseudonym)).toHaveLength(1);
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/follow-ups`, body(placementId, { monthsAfterPlacement: 6 }), { 'idempotency-key': `fu-${id}` })).status).toBe(409);
  });

  it('publishes every follow-up through the outbox', async () => {
    await pollUntil('every outbox row to be published', async () => (await h.pg.query('SELECT 1 FROM outbox_events WHERE published_at IS NULL')).rowCount === 0);
  });
});
