import { TOPICS } from '@meic/contracts';
import { collectEvents, pollUntil } from '@meic/testing';
import type { BeneficiaryView } from '../beneficiaries/beneficiaries.schemas';
import { expectNoPersonalData, expectPersonalDataAccess, outboxRows, startHarness, type Harness } from '../testing/harness';
import type { DropoutView } from './dropouts.schemas';

type Problem = { status: number; errors?: { path: string; message: string }[] };

describe('drop-out: POST /v1/beneficiaries/{id}/dropout', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('records a drop-out: 201, on the record, and an event with the reason category', async () => {
    const { id, pseudonym } = await h.enrol();
    const res = await h.as.staff.post<DropoutView>(`/v1/beneficiaries/${id}/dropout`, { reason: 'moved_away', on: '2026-06-15' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ beneficiaryId: id, siteCode: h.siteCode, reason: 'moved_away', on: '2026-06-15' });
    expect((await h.pg.query('SELECT dropout_reason, dropped_out_on::text FROM beneficiaries WHERE id = $1', [id])).rows).toEqual([{ dropout_reason: 'moved_away', dropped_out_on: '2026-06-15' }]);
    expect((await h.as.staff.get<BeneficiaryView>(`/v1/beneficiaries/${id}`)).body.dropout).toEqual({ reason: 'moved_away', on: '2026-06-15' });

    const [event] = await collectEvents(TOPICS.beneficiaries, (e) => e.key === pseudonym && e.headers['ce_type'] === 'meic.beneficiary.dropped-out.v2');
    expect(event?.data).toEqual({ pseudonym, siteCode: h.siteCode, country: 'IT', occurredOn: '2026-06-15', sex: 'female', ageBand: '25-29', citizenship: 'ML', legalStatus: 'refugee', reason: 'moved_away' });
    expectNoPersonalData(JSON.stringify(event));
  });

  it('keeps a health reason in the service: the event says personal_or_other, as it would for other', async () => {
    const { id, pseudonym } = await h.enrol();
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/dropout`, { reason: 'health', on: '2026-06-15' })).status).toBe(201);
    expect((await h.as.staff.get<BeneficiaryView>(`/v1/beneficiaries/${id}`)).body.dropout).toEqual({ reason: 'health', on: '2026-06-15' });
    const [event] = await collectEvents(TOPICS.beneficiaries, (e) => e.key === pseudonym && e.headers['ce_type'] === 'meic.beneficiary.dropped-out.v2');
    expect(event?.data).toMatchObject({ pseudonym, reason: 'personal_or_other' });
    expect(JSON.stringify(event)).not.toMatch(/health/);
  });

  it('answers 409 when the person dropped out already', async () => {
    const { id, pseudonym } = await h.enrol();
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/dropout`, { reason: 'health', on: '2026-04-01' })).status).toBe(201);
    const again = await h.as.staff.post<Problem>(`/v1/beneficiaries/${id}/dropout`, { reason: 'lost_contact', on: '2026-05-01' });
    expect(again.status).toBe(409);
    expect(again.contentType).toContain('application/problem+json');
    expect((await outboxRows(h.pg, 'meic.beneficiary.dropped-out.v2')).filter((r) => r.message_key === pseudonym)).toHaveLength(1);
  });

  it('names invalid fields, rejects unknown ones and a drop-out before enrolment', async () => {
    const { id } = await h.enrol();
    const bad = await h.as.staff.post<Problem>(`/v1/beneficiaries/${id}/dropout`, { reason: 'she moved to Milan with her sister', on: '2026-06-31', note: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['/reason', '/on', '/note']));
    const early = await h.as.staff.post<Problem>(`/v1/beneficiaries/${id}/dropout`, { reason: 'other', on: '2026-03-01' });
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([{ path: '/on', message: 'must not be before the enrolment date (2026-03-02)' }]);
    expect((await h.as.staff.post(`/v1/beneficiaries/00000000-0000-4000-8000-000000000000/dropout`, { reason: 'other', on: '2026-04-01' })).status).toBe(404);
  });

  it('authorizes by role and site', async () => {
    const [forStaff, forAdmin] = [(await h.enrol()).id, (await h.enrol()).id];
    await expectPersonalDataAccess(h, (as) => as.post(`/v1/beneficiaries/${as === h.as.admin ? forAdmin : forStaff}/dropout`, { reason: 'not_interested', on: '2026-04-01' }), 201);
  });

  it('honours Idempotency-Key: replay returns the first response and writes once; another body is a 409', async () => {
    const { id, pseudonym } = await h.enrol();
    const first = await h.as.staff.post(`/v1/beneficiaries/${id}/dropout`, { reason: 'family_care', on: '2026-04-01' }, { 'idempotency-key': `drop-${id}` });
    const replay = await h.as.staff.post(`/v1/beneficiaries/${id}/dropout`, { reason: 'family_care', on: '2026-04-01' }, { 'idempotency-key': `drop-${id}` });
    expect(first.status).toBe(201);
    expect(replay).toEqual(first);
    expect((await outboxRows(h.pg, 'meic.beneficiary.dropped-out.v2')).filter((r) => r.message_key === pseudonym)).toHaveLength(1);
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/dropout`, { reason: 'health', on: '2026-04-01' }, { 'idempotency-key': `drop-${id}` })).status).toBe(409);
  });

  it('publishes every drop-out through the outbox', async () => {
    await pollUntil('every outbox row to be published', async () => (await h.pg.query('SELECT 1 FROM outbox_events WHERE published_at IS NULL')).rowCount === 0);
  });
});
