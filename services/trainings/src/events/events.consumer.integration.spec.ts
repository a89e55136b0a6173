import { randomUUID } from 'node:crypto';
import { buildEvent } from '@meic/contracts';
import { pollUntil } from '@meic/testing';
import { randomSiteCode, startTrainings, type TrainingsHarness } from '../testing/trainings-harness';

/**
 * The read models this service keeps instead of calling other services, fed here by real
 * events on Kafka: upserts that survive redelivery, in the order of each key's events.
 */
describe('trainings read models from meic.stakeholders.v1 and meic.beneficiaries.v1', () => {
  let h: TrainingsHarness;
  const site = randomSiteCode('GR');

  beforeAll(async () => {
    h = await startTrainings();
  });

  afterAll(async () => {
    await h?.close();
  });

  const row = async (sql: string, params: unknown[]) => (await h.sql.query(sql, params)).rows[0] as Record<string, unknown> | undefined;

  it('sites: a registration, its redelivery and an update leave one row with the latest state', async () => {
    const registered = buildEvent('meic.site.registered.v1', {
      siteCode: site,
      country: 'GR',
      occurredOn: '2026-01-15',
      name: 'Athens',
      city: 'Athens',
      programme: 'AMIL',
      clusterName: 'Cluster',
      startedOn: '2026-01-15',
      defaultLanguage: 'el',
      targets: { enrolled: 10, placed: 5, womenSharePct: 50 },
    });
    await h.publish(registered);
    await h.publish(registered);
    await h.publish(buildEvent('meic.site.updated.v1', { ...registered.data, name: 'Athens Centre', programme: 'AMIR' }));
    await pollUntil('the site update', async () => (await row('SELECT name FROM known_sites WHERE code = $1', [site]))?.['name'] === 'Athens Centre');
    expect((await h.sql.query('SELECT code, country, programme FROM known_sites WHERE code = $1', [site])).rows).toEqual([{ code: site, country: 'GR', programme: 'AMIR' }]);
  });

  it('organisations: joined, left, and joined again (in key order) end in the cluster; a course can name it only while in', async () => {
    await h.site(site, 'Athens Centre');
    const admin = await h.as('admin');
    const id = await h.organisation(site, 'migrant_association', '2026-02-01');
    expect(await row('SELECT site_code, type, joined_on::text, left_on FROM known_organisations WHERE id = $1', [id])).toEqual({ site_code: site, type: 'migrant_association', joined_on: '2026-02-01', left_on: null });

    const course = { siteCode: site, type: 'soft_skills', title: 'Soft skills', providerOrgId: id, hours: 12, startsOn: '2026-04-01', endsOn: '2026-04-30' };
    expect((await admin.post('/v1/courses', course)).status).toBe(201);

    await h.organisationLeft(id, site, 'migrant_association', '2026-03-31');
    expect((await admin.post('/v1/courses', course)).status).toBe(422);

    await h.publish(buildEvent('meic.organisation.joined.v1', { siteCode: site, country: 'GR', occurredOn: '2026-05-01', organisationId: id, name: 'Org', type: 'migrant_association', naceSector: null, communityOfInterest: true }));
    await pollUntil('the organisation to rejoin', async () => (await row('SELECT left_on FROM known_organisations WHERE id = $1', [id]))?.['left_on'] === null);
    expect((await admin.post('/v1/courses', course)).status).toBe(201);
  });

  it('a reference unknown until its event arrives is 422, then accepted: no synchronous call, only the read model', async () => {
    const admin = await h.as('admin');
    const id = randomUUID();
    const course = { siteCode: site, type: 'digital_skills', title: 'Digital', providerOrgId: id, hours: 12, startsOn: '2026-04-01', endsOn: '2026-04-30' };
    const before = await admin.post<{ errors: unknown[] }>('/v1/courses', course);
    expect(before.status).toBe(422);
    await h.publish(buildEvent('meic.organisation.joined.v1', { siteCode: site, country: 'GR', occurredOn: '2026-02-01', organisationId: id, name: 'Late org', type: 'university', naceSector: 'P', communityOfInterest: false }));
    const after = await pollUntil('the organisation to become known', async () => {
      const res = await admin.post<{ providerOrgType: string }>('/v1/courses', course);
      return res.status === 422 ? undefined : res;
    });
    expect(after.status).toBe(201);
    expect(after.body.providerOrgType).toBe('university');
  });

  it('people: remembered with their pseudonym and coarse attributes when a record names them, forgotten with their records on erasure', async () => {
    const b = await h.beneficiary(site, { sex: 'male', ageBand: '55+', citizenship: 'IQ', legalStatus: 'humanitarian_protection' });
    // Known from the beneficiaries service, but not written about yet: nothing held here.
    expect(await row('SELECT 1 AS n FROM known_beneficiaries WHERE id = $1', [b.id])).toBeUndefined();
    const admin = await h.as('admin');
    const host = await h.organisation(site, 'enterprise');
    const started = await admin.post('/v1/internships', { beneficiaryId: b.id, hostOrgId: host, siteCode: site, startedOn: '2026-05-04', plannedEndOn: '2026-08-04' });
    expect(started.status).toBe(201);
    expect(await row('SELECT * FROM known_beneficiaries WHERE id = $1', [b.id])).toEqual({
      id: b.id,
      pseudonym: b.pseudonym,
      site_code: site,
      country: 'GR',
      sex: 'male',
      age_band: '55+',
      citizenship: 'IQ',
      legal_status: 'humanitarian_protection',
      updated_at: expect.any(Date),
    });
    await h.erase(b);
    expect(await row('SELECT 1 AS n FROM known_beneficiaries WHERE id = $1', [b.id])).toBeUndefined();
    expect(await row('SELECT 1 AS n FROM internships WHERE beneficiary_id = $1', [b.id])).toBeUndefined();
    // An erasure redelivered changes nothing; one of a person never written about here is a tombstone only.
    await h.publish(buildEvent('meic.beneficiary.erased.v2', { siteCode: site, country: 'GR', occurredOn: '2026-10-01', pseudonym: b.pseudonym }));
    const stranger = randomUUID();
    await h.publish(buildEvent('meic.beneficiary.erased.v2', { siteCode: site, country: 'GR', occurredOn: '2026-10-01', pseudonym: stranger }));
    await pollUntil('the stranger tombstoned', async () => (await row('SELECT 1 AS n FROM erased_people WHERE pseudonym = $1', [stranger])) !== undefined);
    expect(await row('SELECT count(*)::int AS n FROM erased_people WHERE pseudonym = $1', [b.pseudonym])).toEqual({ n: 1 });
  });
});
