import { Client as TemporalClient, Connection } from '@temporalio/client';
import { TOPICS } from '@meic/contracts';
import { collectEvents, pollUntil, testStack } from '@meic/testing';
import { enrolmentBody, expectNoPersonalData, expectPersonalDataAccess, outboxRows, startHarness, type Enrolled, type Harness } from '../testing/harness';
import type { BeneficiaryView } from './beneficiaries.schemas';

type Page = { items: BeneficiaryView[] };

/** DELETE /v1/beneficiaries/{id}: GDPR art. 17. */
describe('beneficiaries: erasure', () => {
  let h: Harness;
  let temporal: { connection: Connection; client: TemporalClient };

  beforeAll(async () => {
    h = await startHarness({ worker: true });
    const connection = await Connection.connect({ address: testStack().temporalAddress });
    temporal = { connection, client: new TemporalClient({ connection, namespace: testStack().temporalNamespace }) };
  });
  afterAll(async () => {
    await temporal?.connection.close();
    await h?.close();
  });

  const pathwayStatus = async (id: string): Promise<string | undefined> => {
    try {
      return (await temporal.client.workflow.getHandle(`pathway-${id}`).describe()).status.name;
    } catch {
      return undefined;
    }
  };

  /** A person with an assessment and a placement outside the cluster: free text in both. */
  async function personWithHistory(): Promise<Enrolled> {
    const person = await h.enrol({ ref: `ERASE-${Date.now()}`, person: { givenName: 'Erasable', familyName: 'Person', birthDate: '1980-02-03', phone: '+39 06 7654321', email: 'erasable@example.org' } });
    const assessed = await h.as.staff.post(`/v1/beneficiaries/${person.id}/assessments`, { assessedOn: '2026-03-10', skills: ['sewing at home in Gao'], barriers: ['housing'], recommendedActivities: ['l2_language'] });
    expect(assessed.status).toBe(201);
    const placed = await h.as.staff.post(`/v1/beneficiaries/${person.id}/placements`, { employerName: 'Panificio Gao di Luigi Verdi', contractType: 'fixed_term', hoursPerWeek: 20, naceSector: 'C', startedOn: '2026-05-04' });
    expect(placed.status).toBe(201);
    return person;
  }

  it('deletes personal data and free text, keeps the coarse pseudonymous record, publishes the event and ends the pathway', async () => {
    const person = await personWithHistory();
    const { id, pseudonym } = person;
    await pollUntil('the pathway to run', async () => (await pathwayStatus(id)) === 'RUNNING');

    const res = await h.as.staff.delete(`/v1/beneficiaries/${id}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();

    expect((await h.pg.query('SELECT 1 FROM personal_data WHERE beneficiary_id = $1', [id])).rowCount).toBe(0);
    const { rows } = await h.pg.query(
      'SELECT site_code, ref, country, sex, birth_year, age_band, citizenship, legal_status, arrival_year, education_isced, languages, enrolled_on, erased_at IS NOT NULL AS erased FROM beneficiaries WHERE id = $1',
      [id],
    );
    expect(rows[0]).toMatchObject({ site_code: h.siteCode, ref: null, country: 'IT', sex: 'female', birth_year: null, age_band: '40-54', citizenship: 'ML', legal_status: 'refugee', arrival_year: null, education_isced: null, languages: null, erased: true });
    expect((await h.pg.query('SELECT skills, barriers FROM assessments WHERE beneficiary_id = $1', [id])).rows).toEqual([{ skills: [], barriers: ['housing'] }]);
    expect((await h.pg.query('SELECT employer_name, contract_type FROM placements WHERE beneficiary_id = $1', [id])).rows).toEqual([{ employer_name: null, contract_type: 'fixed_term' }]);
    // Nothing in the database still holds the erased strings (Idempotency-Key responses included).
    const dump = await h.pg.query(`SELECT string_agg(t::text, ' ') AS all FROM (
      SELECT row_to_json(b)::text AS t FROM beneficiaries b UNION ALL SELECT row_to_json(a)::text FROM assessments a
      UNION ALL SELECT row_to_json(p)::text FROM placements p UNION ALL SELECT row_to_json(i)::text FROM idempotency_keys i
      UNION ALL SELECT value FROM outbox_events) x`);
    for (const s of ['Erasable', 'Gao', 'Verdi', '7654321', 'erasable@', 'ERASE-']) expect(dump.rows[0].all ?? '').not.toContain(s);

    const [event] = await collectEvents(TOPICS.beneficiaries, (e) => e.key === pseudonym && e.headers['ce_type'] === 'meic.beneficiary.erased.v2');
    expect(event?.headers).toMatchObject({ ce_subject: pseudonym, ce_source: '/meic/beneficiaries' });
    expect(event?.data).toEqual({ pseudonym, siteCode: h.siteCode, country: 'IT', occurredOn: new Date().toISOString().slice(0, 10) });
    expectNoPersonalData(JSON.stringify(event), ['Erasable', 'Gao']);

    // The events consumer ends the pathway asynchronously.
    expect(await pollUntil('the pathway to be terminated', async () => ((await pathwayStatus(id)) === 'TERMINATED' ? 'TERMINATED' : undefined), { timeoutMs: 30_000 })).toBe('TERMINATED');
    // Then the pseudonym is forgotten: nothing here can say whose events carried it.
    await pollUntil('the pseudonym to be forgotten', async () => (await h.pg.query('SELECT 1 FROM beneficiaries WHERE id = $1 AND pseudonym IS NULL', [id])).rowCount === 1);
    expect((await h.pg.query('SELECT 1 FROM beneficiaries WHERE pseudonym = $1', [pseudonym])).rowCount).toBe(0);
  });

  it('answers 404 afterwards: reads, writes about the person, and a second erasure; the list leaves them out', async () => {
    const { id, pseudonym } = await h.enrol();
    expect((await h.as.admin.delete(`/v1/beneficiaries/${id}`)).status).toBe(204);

    expect((await h.as.staff.get(`/v1/beneficiaries/${id}`)).status).toBe(404);
    expect((await h.as.staff.get(`/v1/beneficiaries/${id}/assessments`)).status).toBe(404);
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/assessments`, { assessedOn: '2026-03-10', skills: [], barriers: [], recommendedActivities: [] })).status).toBe(404);
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/placements`, { employerName: 'X', contractType: 'permanent', hoursPerWeek: 38, naceSector: 'G', startedOn: '2026-05-04' })).status).toBe(404);
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/dropout`, { reason: 'moved_away', on: '2026-05-04' })).status).toBe(404);
    expect((await h.as.staff.post(`/v1/beneficiaries/${id}/follow-ups`, { placementId: id, monthsAfterPlacement: 3, employed: true, recordedOn: '2026-08-04' })).status).toBe(404);
    const again = await h.as.staff.delete(`/v1/beneficiaries/${id}`);
    expect(again.status).toBe(404);
    expect(again.contentType).toContain('application/problem+json');
    expect((await outboxRows(h.pg, 'meic.beneficiary.erased.v2')).filter((r) => r.message_key === pseudonym)).toHaveLength(1);

    const list = await h.as.admin.get<Page>(`/v1/beneficiaries?siteCode=${h.siteCode}&limit=500`);
    expect(list.body.items.map((b) => b.id)).not.toContain(id);
    expect((await h.as.admin.delete('/v1/beneficiaries/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('authorizes erasure like personal data: site_staff of the site and admin only', async () => {
    // The refused callers try the staff member's person first, who is then still there to erase.
    const [forStaff, forAdmin] = [(await h.enrol()).id, (await h.enrol()).id];
    await expectPersonalDataAccess(h, (as) => as.delete(`/v1/beneficiaries/${as === h.as.admin ? forAdmin : forStaff}`), 204);
    for (const id of [forStaff, forAdmin]) expect((await h.pg.query('SELECT erased_at IS NOT NULL AS erased FROM beneficiaries WHERE id = $1', [id])).rows[0]).toEqual({ erased: true });
  });

  it('replays an erasure under the same Idempotency-Key: 204 again, one event', async () => {
    const { id, pseudonym } = await h.enrol();
    const first = await h.as.staff.deleteWith(`/v1/beneficiaries/${id}`, { 'idempotency-key': `erase-${id}` });
    const replay = await h.as.staff.deleteWith(`/v1/beneficiaries/${id}`, { 'idempotency-key': `erase-${id}` });
    expect(first.status).toBe(204);
    expect(replay.status).toBe(204);
    expect((await outboxRows(h.pg, 'meic.beneficiary.erased.v2')).filter((r) => r.message_key === pseudonym)).toHaveLength(1);
  });

  it('no longer replays the personal data of an erased enrolment through its Idempotency-Key', async () => {
    const body = enrolmentBody(h.siteCode, { person: { givenName: 'Replayed', familyName: 'Nobody', birthDate: '1991-01-01' } });
    const first = await h.as.staff.post<BeneficiaryView>('/v1/beneficiaries', body, { 'idempotency-key': 'erase-replay' });
    expect(first.status).toBe(201);
    expect((await h.as.staff.delete(`/v1/beneficiaries/${first.body.id}`)).status).toBe(204);
    const replay = await h.as.staff.post<Record<string, unknown>>('/v1/beneficiaries', body, { 'idempotency-key': 'erase-replay' });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual({ id: first.body.id });
  });
});
