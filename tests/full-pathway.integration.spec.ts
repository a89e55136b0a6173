import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { EVENT_TYPES } from '@meic/contracts';
import { createLogger } from '@meic/service-kit';
import { apiClient, collectEvents, createTestDatabase, listen, pollUntil, randomName, serviceTestEnv, signTestToken, testServiceToken, type ApiResponse, type ReceivedEvent } from '@meic/testing';
import { createStakeholdersApp } from '@meic/stakeholders/app';
import { loadStakeholdersConfig } from '@meic/stakeholders/config';
import { createTrainingsApp } from '@meic/trainings/app';
import { loadTrainingsConfig } from '@meic/trainings/config';
import { createBeneficiariesApp } from '@meic/beneficiaries/app';
import { loadBeneficiariesConfig } from '@meic/beneficiaries/config';

const logger = createLogger('test', 'error');

/**
 * A caseworker runs whole pathways through the three domain services — site, cluster,
 * courses, beneficiaries, assessment, course, internship, placement, follow-up, mentoring,
 * drop-out, erasure — and every event published on the way is scanned for the personal data
 * that went into the requests. None may appear.
 */
describe('a full MEIC pathway across the domain services publishes no personal data', () => {
  const siteCode = `GR-${randomName('x').replace(/[^a-z]/g, '').slice(-5).toUpperCase()}`;
  const apps: INestApplication[] = [];
  const drops: (() => Promise<void>)[] = [];
  let url: { stakeholders: string; trainings: string; beneficiaries: string };

  // Everything personal or free-text that the requests below carry.
  const person = (n: number) => ({
    givenName: `Zainab${n}q`,
    familyName: `Haidari${n}q`,
    birthDate: `199${n}-04-1${n}`,
    phone: `+30 69${n}0 555 12${n}`,
    email: `zainab${n}.haidari@example.org`,
  });
  const secrets = [1, 2, 3].flatMap((n) => Object.values(person(n))).concat(['Welding and MIG soldering, 4 years in Kabul', 'Taverna Oi Filoi Secret', 'Mentor Farid Secretname']);

  beforeAll(async () => {
    const dbs = await Promise.all(['stakeholders', 'trainings', 'beneficiaries'].map((s) => createTestDatabase(s)));
    drops.push(...dbs.map((d) => d.drop));
    const [sdb, tdb, bdb] = dbs.map((d) => d.url) as [string, string, string];
    const beneficiaries = await createBeneficiariesApp(
      loadBeneficiariesConfig(serviceTestEnv({ DATABASE_URL: bdb, KAFKA_CONSUMER_GROUP: randomName('beneficiaries'), TEMPORAL_TASK_QUEUE: randomName('pathways') })),
      logger,
    );
    const beneficiariesUrl = await listen(beneficiaries);
    // Trainings and stakeholders ask the beneficiaries service who people are, with tokens of their own.
    const peerEnv = async (service: string) => ({ BENEFICIARIES_URL: beneficiariesUrl, MEIC_SERVICE_TOKEN: await testServiceToken(service) });
    const stakeholders = await createStakeholdersApp(loadStakeholdersConfig(serviceTestEnv({ DATABASE_URL: sdb, KAFKA_CONSUMER_GROUP: randomName('stakeholders'), ...(await peerEnv('stakeholders')) })), logger);
    const trainings = await createTrainingsApp(loadTrainingsConfig(serviceTestEnv({ DATABASE_URL: tdb, KAFKA_CONSUMER_GROUP: randomName('trainings'), ...(await peerEnv('trainings')) })), logger);
    apps.push(beneficiaries, stakeholders, trainings);
    url = { stakeholders: await listen(stakeholders), trainings: await listen(trainings), beneficiaries: beneficiariesUrl };
  });

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    for (const drop of drops) await drop();
  });

  /** Writes that reference another service's records wait for its read model: 422 until then. */
  async function eventually<T>(what: string, call: () => Promise<ApiResponse<T>>): Promise<ApiResponse<T>> {
    const res = await pollUntil(what, async () => {
      const r = await call();
      return r.status === 422 ? undefined : r;
    });
    expect({ what, status: res.status }).toEqual({ what, status: expect.any(Number) });
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }

  it('runs enrolment to 3-month follow-up, mentoring, drop-out and erasure, and no event carries personal data', async () => {
    const admin = await signTestToken({ role: 'admin' });
    const staff = await signTestToken({ role: 'site_staff', sites: [siteCode] });
    const S = apiClient(url.stakeholders, admin);
    const St = apiClient(url.stakeholders, staff);
    const T = apiClient(url.trainings, staff);
    const B = apiClient(url.beneficiaries, staff);

    expect(
      (
        await S.post('/v1/sites', {
          code: siteCode,
          name: 'Athens West',
          country: 'GR',
          city: 'Athens',
          programme: 'AMIL',
          clusterName: 'Athens MEIC cluster',
          startedOn: '2025-01-10',
          defaultLanguage: 'el',
          targets: { enrolled: 80, placed: 30, womenSharePct: 45 },
        })
      ).status,
    ).toBe(201);
    const vet = await eventually<{ id: string }>('organisation (VET provider)', () =>
      St.post('/v1/organisations', { name: 'Athens VET Centre', type: 'vet_provider', siteCode, naceSector: 'P', joinedOn: '2025-01-20', communityOfInterest: true }),
    );
    const employer = await St.post<{ id: string }>('/v1/organisations', { name: 'Piraeus Logistics SA', type: 'enterprise', siteCode, naceSector: 'H', joinedOn: '2025-02-01' });
    expect(employer.status).toBe(201);

    const course = await eventually<{ id: string }>('L2 course', () =>
      T.post('/v1/courses', { siteCode, type: 'l2_language', title: 'Greek for work A2', providerOrgId: vet.body.id, hours: 120, startsOn: '2025-03-01', endsOn: '2025-05-30', cefrTarget: 'A2' }),
    );

    const enrol = (n: number) =>
      eventually<{ id: string }>(`beneficiary ${n}`, () =>
        B.post('/v1/beneficiaries', {
          siteCode,
          enrolledOn: '2025-02-15',
          person: person(n),
          sex: n === 2 ? 'male' : 'female',
          citizenship: 'AF',
          legalStatus: 'refugee',
          arrivalYear: 2021,
          educationIsced: 3,
          languages: [{ code: 'fa', cefr: 'C2' }],
          consent: { dataProcessing: true, evaluationFollowUp: true, recordedOn: '2025-02-15' },
        }),
      );
    const a = (await enrol(1)).body.id;
    const b = (await enrol(2)).body.id;
    const c = (await enrol(3)).body.id;

    expect(
      (await B.post(`/v1/beneficiaries/${a}/assessments`, { assessedOn: '2025-02-20', skills: ['Welding and MIG soldering, 4 years in Kabul'], barriers: ['language', 'childcare'], recommendedActivities: ['l2_language', 'internship'] }))
        .status,
    ).toBe(201);
    await eventually('course enrolment', () => T.post(`/v1/courses/${course.body.id}/enrolments`, { beneficiaryId: a, enrolledOn: '2025-03-01', cefrLevelAtStart: 'A1' }));
    expect((await T.post(`/v1/courses/${course.body.id}/enrolments/${a}/completion`, { outcome: 'completed', completedOn: '2025-05-30', hoursAttended: 110, cefrLevelReached: 'A2' })).status).toBe(201);
    const internship = await eventually<{ id: string }>('internship', () =>
      T.post('/v1/internships', { beneficiaryId: a, hostOrgId: employer.body.id, siteCode, startedOn: '2025-06-02', plannedEndOn: '2025-08-29' }),
    );
    expect((await T.post(`/v1/internships/${internship.body.id}/end`, { endedOn: '2025-08-29', outcome: 'hired' })).status).toBeLessThan(300);
    const placement = await eventually<{ id: string }>('placement with a cluster employer', () =>
      B.post(`/v1/beneficiaries/${a}/placements`, { employerOrgId: employer.body.id, contractType: 'fixed_term', hoursPerWeek: 36, naceSector: 'H', startedOn: '2025-09-01' }),
    );
    expect((await B.post(`/v1/beneficiaries/${a}/follow-ups`, { placementId: placement.body.id, monthsAfterPlacement: 3, employed: true, recordedOn: '2025-12-01' })).status).toBe(201);
    expect((await B.post(`/v1/beneficiaries/${b}/placements`, { employerName: 'Taverna Oi Filoi Secret', contractType: 'seasonal', hoursPerWeek: 30, naceSector: 'I', startedOn: '2025-06-15' })).status).toBe(201);

    const mentor = await St.post<{ id: string }>('/v1/mentors', { siteCode, displayName: 'Mentor Farid Secretname', languages: ['fa', 'el'], areas: ['work', 'housing'] });
    expect(mentor.status).toBe(201);
    await eventually('mentoring match', () => St.post('/v1/mentoring-matches', { mentorId: mentor.body.id, beneficiaryId: b, areas: ['housing'], startedOn: '2025-03-10' }));

    expect((await B.post(`/v1/beneficiaries/${c}/dropout`, { reason: 'moved_away', on: '2025-04-01' })).status).toBe(201);
    expect((await B.delete(`/v1/beneficiaries/${c}`)).status).toBe(202);
    expect((await B.get(`/v1/beneficiaries/${c}`)).status).toBe(404);

    const expected = [
      'meic.site.registered.v1',
      'meic.organisation.joined.v1',
      'meic.course.created.v1',
      'meic.beneficiary.enrolled.v2',
      'meic.beneficiary.assessed.v2',
      'meic.course.enrolled.v2',
      'meic.course.completed.v2',
      'meic.internship.started.v2',
      'meic.internship.ended.v2',
      'meic.beneficiary.placed.v2',
      'meic.beneficiary.followed-up.v2',
      'meic.mentor.registered.v1',
      'meic.mentoring.started.v2',
      'meic.beneficiary.dropped-out.v2',
      'meic.beneficiary.erased.v2',
      'meic.beneficiary.consent-recorded.v2',
    ];
    expect(EVENT_TYPES).toEqual(expect.arrayContaining(expected));
    const ofThisSite = (e: ReceivedEvent) => e.data['siteCode'] === siteCode;
    // How many events each producer owes this scenario, so that the scan reads all of them.
    const owed = { 'meic.stakeholders.v1': 5, 'meic.trainings.v1': 5, 'meic.beneficiaries.v1': 12 };
    const all = (await Promise.all(Object.entries(owed).map(([topic, n]) => collectEvents(topic, ofThisSite, n, 30_000)))).flat();
    expect([...new Set(all.map((e) => e.headers['ce_type']))].sort()).toEqual([...expected].sort());

    // Nor the beneficiary ids: people travel as pseudonyms only the beneficiaries service can pair with them.
    const leaks = all.flatMap((e) => {
      const text = `${e.key ?? ''} ${JSON.stringify(e.headers)} ${JSON.stringify(e.data)}`;
      return [...secrets, a, b, c].filter((s) => text.includes(s)).map((s) => `${e.headers['ce_type']} carries "${s}"`);
    });
    expect(leaks).toEqual([]);
    // And the fields themselves never appear, whatever their values.
    const personalKeys = all.filter((e) => ['givenName', 'familyName', 'birthDate', 'phone', 'email', 'person', 'skills', 'employerName', 'displayName'].some((k) => k in e.data));
    expect(personalKeys).toEqual([]);
  });
});
