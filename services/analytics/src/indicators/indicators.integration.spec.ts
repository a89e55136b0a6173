import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEvent, type CloudEvent } from '@meic/contracts';
import { startAnalytics, type AnalyticsHarness } from '../testing/analytics-harness';
import { DEFAULT_CATALOGUE } from './indicator-catalogue';
import type { EvaluatedIndicator, IndicatorsResponse } from './indicators.schemas';
import { siteRegistered } from '../testing/test-events';

const AS_OF = '2026-12-31';

/** An indicator a deployment adds to its own catalogue file: no code knows it. */
const LOCAL_INDICATOR = `
  - code: LOCAL-01
    title: {en: Women placed in a job, it: Donne inserite al lavoro, el: Γυναίκες που τοποθετήθηκαν σε εργασία}
    description: {en: Women whose first job placement took place in the period.}
    unit: participants
    kind: count
    condition: {all: [{step: placed}, {attribute: sex, in: [female]}]}
`;


const person = (siteCode: string, sex: 'female' | 'male') => ({
  pseudonym: randomUUID(),
  siteCode,
  country: siteCode.slice(0, 2),
  sex,
  ageBand: '30-39' as const,
  citizenship: 'UA',
  legalStatus: 'refugee' as const,
});

describe('GET /v1/indicators', () => {
  let h: AnalyticsHarness;
  let dir: string;
  // site_staff of both sites read exact figures, so every figure below can be checked by hand.
  const get = async (query: string, as: { role: 'admin' | 'evaluator' | 'consortium_lead' | 'site_staff'; sites?: string[] } = { role: 'site_staff', sites: ['IT-RM', 'CY-NIC'] }) => {
    const res = await h.get<IndicatorsResponse>(`/v1/indicators?asOf=${AS_OF}${query}`, as);
    expect(res.status).toBe(200);
    return res.body;
  };
  const byCode = (r: IndicatorsResponse, code: string) => r.indicators.find((i) => i.code === code) as EvaluatedIndicator;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meic-catalogue-'));
    const file = join(dir, 'indicators.yaml');
    writeFileSync(file, readFileSync(DEFAULT_CATALOGUE, 'utf8') + LOCAL_INDICATOR);
    h = await startAnalytics({ env: { INDICATOR_CATALOGUE: file } });
    const o1 = randomUUID();
    const o2 = randomUUID();
    const [p1, p2, p3, p4, p5, p6] = [person('IT-RM', 'female'), person('IT-RM', 'male'), person('IT-RM', 'female'), person('CY-NIC', 'female'), person('CY-NIC', 'male'), person('IT-RM', 'male')];
    const l2 = (p: typeof p1, enrolledOn: string, leftOn: string, reached: 'A1' | 'A2') => {
      const courseId = randomUUID();
      return [
        buildEvent('meic.course.enrolled.v2', { ...p, occurredOn: enrolledOn, courseId, courseType: 'l2_language', cefrLevelAtStart: 'A1' }),
        buildEvent('meic.course.completed.v2', { ...p, occurredOn: leftOn, courseId, courseType: 'l2_language', outcome: 'completed', hoursAttended: 60, cefrTarget: 'A2', cefrLevelAtStart: 'A1', cefrLevelReached: reached }),
      ];
    };
    const placed = (p: typeof p1, on: string, contractType: 'permanent' | 'fixed_term' | 'self_employment', employer: string | null) =>
      buildEvent('meic.beneficiary.placed.v2', { ...p, occurredOn: on, placementId: randomUUID(), employerOrgId: employer, employerOrgType: employer ? 'enterprise' : null, contractType, hoursPerWeek: 30, naceSector: 'C' });
    const vocational = randomUUID();
    const events: CloudEvent[] = [
      siteRegistered('IT-RM', 'AMIL', { enrolled: 10, placed: 5 }),
      siteRegistered('CY-NIC', 'AMIR', { enrolled: 20, placed: 4 }),
      buildEvent('meic.organisation.joined.v1', { siteCode: 'IT-RM', country: 'IT', occurredOn: '2026-01-05', organisationId: o1, name: 'Acme', type: 'enterprise', naceSector: 'C', communityOfInterest: false }),
      buildEvent('meic.organisation.joined.v1', { siteCode: 'CY-NIC', country: 'CY', occurredOn: '2026-01-05', organisationId: o2, name: 'VET', type: 'vet_provider', naceSector: 'P', communityOfInterest: true }),
      // P1: assessed, improved in L2, placed (permanent) by O1, employed at the 6-month follow-up.
      buildEvent('meic.beneficiary.enrolled.v2', { ...p1, programme: 'AMIL', occurredOn: '2026-01-10' }),
      buildEvent('meic.beneficiary.assessed.v2', { ...p1, occurredOn: '2026-01-20', assessmentId: randomUUID(), barriers: [], recommendedActivities: [] }),
      ...l2(p1, '2026-02-01', '2026-04-01', 'A2'),
      placed(p1, '2026-05-10', 'permanent', o1),
      buildEvent('meic.beneficiary.followed-up.v2', { ...p1, occurredOn: '2026-11-10', placementId: randomUUID(), placedOn: '2026-05-10', monthsAfterPlacement: 6, employed: true }),
      // P2: left L2 without improving, dropped out.
      buildEvent('meic.beneficiary.enrolled.v2', { ...p2, programme: 'AMIL', occurredOn: '2026-02-01' }),
      ...l2(p2, '2026-02-05', '2026-03-30', 'A1'),
      buildEvent('meic.beneficiary.dropped-out.v2', { ...p2, occurredOn: '2026-06-15', reason: 'moved_away' }),
      // P3: internship at O1, then placed (fixed term) by O1.
      buildEvent('meic.beneficiary.enrolled.v2', { ...p3, programme: 'AMIL', occurredOn: '2026-03-01' }),
      buildEvent('meic.internship.started.v2', { ...p3, occurredOn: '2026-04-01', internshipId: randomUUID(), hostOrgId: o1, hostOrgType: 'enterprise', plannedEndOn: '2026-07-01' }),
      placed(p3, '2026-08-01', 'fixed_term', o1),
      // P4: mentored, never placed.
      buildEvent('meic.beneficiary.enrolled.v2', { ...p4, programme: 'AMIR', occurredOn: '2026-03-01' }),
      buildEvent('meic.mentoring.started.v2', { ...p4, occurredOn: '2026-03-15', matchId: randomUUID(), mentorId: randomUUID(), areas: ['work'] }),
      // P5: enrolled before the period, placed (self-employed) in it.
      buildEvent('meic.beneficiary.enrolled.v2', { ...p5, programme: 'AMIR', occurredOn: '2025-11-01' }),
      placed(p5, '2026-02-01', 'self_employment', null),
      // P6: vocational training, completed.
      buildEvent('meic.beneficiary.enrolled.v2', { ...p6, programme: 'AMIL', occurredOn: '2026-09-01' }),
      buildEvent('meic.course.enrolled.v2', { ...p6, occurredOn: '2026-09-10', courseId: vocational, courseType: 'vocational_training', cefrLevelAtStart: null }),
      buildEvent('meic.course.completed.v2', { ...p6, occurredOn: '2026-11-01', courseId: vocational, courseType: 'vocational_training', outcome: 'completed', hoursAttended: 100, cefrTarget: null, cefrLevelAtStart: null, cefrLevelReached: null }),
    ];
    await h.send(events);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('evaluates the counts of the catalogue for a year, with sub-counts and targets', async () => {
    const r = await get('&period=2026');
    expect(r.period).toEqual({ label: '2026', from: '2026-01-01', to: '2026-12-31' });
    expect(r.indicators.map((i) => i.code)).toEqual([...Array.from({ length: 15 }, (_, i) => `MEIC-${String(i + 1).padStart(2, '0')}`), 'LOCAL-01']);
    const count = (code: string) => byCode(r, code).value?.value;
    // Enrolled in 2026: P1, P2, P3, P4, P6 (P5 enrolled in 2025); women P1, P3, P4.
    const meic01 = byCode(r, 'MEIC-01');
    expect(meic01.title).toBe('Participants enrolled (of whom women)');
    expect(meic01.value).toEqual({ value: 5, suppressed: false });
    expect(meic01.of).toEqual([{ key: 'women', title: 'Women', value: { value: 3, suppressed: false } }]);
    // Targets 10 + 20 = 30; 5 / 30 = 16.7%.
    expect(meic01.target).toEqual({ kind: 'enrolled', value: 30, progressPct: 16.7 });
    expect(count('MEIC-02')).toBe(1); // P1
    expect(count('MEIC-03')).toBe(2); // P1, P2
    expect(count('MEIC-05')).toBe(1); // P6
    expect(count('MEIC-06')).toBe(3); // P1, P2, P6 completed a course
    expect(count('MEIC-07')).toBe(1); // P3
    expect(count('MEIC-13')).toBe(1); // P4
    // Placed in 2026: P1 (permanent), P3 (fixed term), P5 (self-employed); targets 5 + 4 = 9, 3 / 9 = 33.3%.
    const meic08 = byCode(r, 'MEIC-08');
    expect(meic08.value?.value).toBe(3);
    expect(meic08.of.map((o) => [o.key, o.value.value])).toEqual([
      ['permanent', 1],
      ['fixedTerm', 1],
      ['selfEmployed', 1],
    ]);
    expect(meic08.target).toEqual({ kind: 'placed', value: 9, progressPct: 33.3 });
    // The deployment's own indicator: women placed in 2026 = P1, P3.
    expect(byCode(r, 'LOCAL-01').value?.value).toBe(2);
  });

  it('evaluates rates with their Wilson intervals and the Kaplan–Meier median', async () => {
    const r = await get('&period=2026');
    // MEIC-04: left L2 in 2026 P1, P2; improved P1 → 1/2. Wilson (z² = 3.8415): centre 0.5,
    // half = 1.96·√(0.125 + 0.2401) / 2.9207 = 0.4055 → 9.5 … 90.5.
    expect(byCode(r, 'MEIC-04').rates).toEqual([{ key: 'rate', title: null, rate: { value: 50, low: 9.5, high: 90.5, numerator: 1, denominator: 2, suppressed: false } }]);
    // MEIC-09 within 6: enrolled in 2026 by 2026-06-30 (observable 6 months at 2026-12-31) P1, P2, P3, P4;
    // placed within 6 months P1 (05-10 ≤ 07-10), P3 (08-01 ≤ 09-01) → 2/4, Wilson 15.0 … 85.0.
    // Within 12: enrolled in 2026 and by 2025-12-31 — nobody → 0/0, no rate.
    expect(byCode(r, 'MEIC-09').rates).toEqual([
      { key: 'within6', title: 'Within 6 months', rate: { value: 50, low: 15, high: 85, numerator: 2, denominator: 4, suppressed: false } },
      { key: 'within12', title: 'Within 12 months', rate: { value: null, low: null, high: null, numerator: 0, denominator: 0, suppressed: false } },
    ]);
    // MEIC-10: P1 placed at 120 days, P3 at 153; censored P6 121, P2 134 (drop-out), P4 305.
    // S(120) = 4/5 = 0.8; at 153 two at risk (P3, P4): S = 0.8 · 1/2 = 0.4 ≤ 0.5 → median 153.
    expect(byCode(r, 'MEIC-10').median).toEqual({ days: 153, cohort: { value: 5, suppressed: false } });
    // MEIC-11: 6-month follow-up in 2026 P1, employed → 1/1; Wilson low = (1 + 1.9207 − 1.9208) / 4.8415 = 20.7.
    expect(byCode(r, 'MEIC-11').rates[0]?.rate).toEqual({ value: 100, low: 20.7, high: 100, numerator: 1, denominator: 1, suppressed: false });
    // MEIC-12: P2 dropped out of 5 enrolled → 20%.
    expect(byCode(r, 'MEIC-12').rates[0]?.rate).toMatchObject({ value: 20, numerator: 1, denominator: 5 });
  });

  it('counts cluster members and their contributions by organisation type', async () => {
    const r = await get('&period=2026');
    const types = (code: string) => Object.fromEntries(byCode(r, code).byType.map((t) => [t.type, Object.fromEntries(Object.entries(t.counts).map(([k, c]) => [k, c.value]))]));
    // O1 (enterprise) hosted P3's internship and hired P1 and P3; O2 (vet_provider) did nothing.
    const members = types('MEIC-14');
    expect(members['enterprise']).toEqual({ members: 1, active: 1, providedCourse: 0, hostedInternship: 1, hired: 1 });
    expect(members['vet_provider']).toEqual({ members: 1, active: 0, providedCourse: 0, hostedInternship: 0, hired: 0 });
    expect(members['university']).toEqual({ members: 0, active: 0, providedCourse: 0, hostedInternship: 0, hired: 0 });
    // Contributions: 1 internship, 2 placements by an enterprise; P5's placement names no employer.
    expect(types('MEIC-15')['enterprise']).toEqual({ internships: 1, placements: 2 });
  });

  it('narrows to a country, with that country’s targets, and titles in Greek', async () => {
    const r = await get('&period=2026&country=CY&lang=el');
    expect(r.filters).toEqual({ country: 'CY', programme: null, site: null });
    // CY-NIC: enrolled in 2026 P4 (target 20 → 5%); placed P5 (target 4 → 25%).
    expect(byCode(r, 'MEIC-01').value?.value).toBe(1);
    expect(byCode(r, 'MEIC-01').target).toEqual({ kind: 'enrolled', value: 20, progressPct: 5 });
    expect(byCode(r, 'MEIC-08').target).toEqual({ kind: 'placed', value: 4, progressPct: 25 });
    // P4 alone, never placed: the curve never reaches 0.5.
    expect(byCode(r, 'MEIC-10').median).toEqual({ days: null, cohort: { value: 1, suppressed: false } });
    expect(byCode(r, 'MEIC-12').title).toBe('Ποσοστό εγκατάλειψης');
    expect(byCode(r, 'LOCAL-01').title).toBe('Γυναίκες που τοποθετήθηκαν σε εργασία');
  });

  it('shows site_staff their own sites, against their own targets', async () => {
    const r = await get('&period=2026', { role: 'site_staff', sites: ['IT-RM'] });
    // IT-RM enrolled P1, P2, P3, P6 → 4 of target 10 = 40%; placed P1, P3 → 2 of 5 = 40%.
    expect(byCode(r, 'MEIC-01').target).toEqual({ kind: 'enrolled', value: 10, progressPct: 40 });
    expect(byCode(r, 'MEIC-01').value?.value).toBe(4);
    expect(byCode(r, 'MEIC-08').target).toEqual({ kind: 'placed', value: 5, progressPct: 40 });
    // Cohort P1 (120, placed), P6 (121), P2 (134), P3 (153, placed): S(120) = 3/4, S(153) = 3/4 · 0 = 0 → 153.
    expect(byCode(r, 'MEIC-10').median).toEqual({ days: 153, cohort: { value: 4, suppressed: false } });
  });

  it('takes quarters, months and ranges; the whole history without a period', async () => {
    // Q1 2026 enrolments: P1 (01-10), P2 (02-01), P3 and P4 (03-01).
    expect(byCode(await get('&period=2026-Q1'), 'MEIC-01').value?.value).toBe(4);
    expect(byCode(await get('&period=2026-03'), 'MEIC-01').value?.value).toBe(2);
    expect(byCode(await get('&period=2026-01-10..2026-02-01'), 'MEIC-01').value?.value).toBe(2);
    const all = await get('');
    expect(all.period).toEqual({ label: null, from: '1900-01-01', to: '2299-12-31' });
    expect(byCode(all, 'MEIC-01').value?.value).toBe(6);
  });

  it('answers a bad period naming period (400 when malformed, 422 when no such period), and a site_staff outside their site with 403', async () => {
    for (const [period, status] of [['2026-Q5', 400], ['2026-02-30..2026-03-01', 422], ['2026-04-01..2026-03-01', 422]] as const) {
      const res = await h.get<{ errors: { path: string }[] }>(`/v1/indicators?period=${period}`, { role: 'admin' });
      expect(res.status).toBe(status);
      expect(res.body.errors.map((e) => e.path)).toEqual(['/period']);
    }
    const res = await h.get('/v1/indicators?site=CY-NIC', { role: 'site_staff', sites: ['IT-RM'] });
    expect(res.status).toBe(403);
  });

  it('serves the catalogue as defined, including the deployment’s own indicator', async () => {
    const res = await h.get<{ indicators: { code: string; kind: string; condition?: unknown }[] }>('/v1/indicators/catalogue', { role: 'consortium_lead' });
    expect(res.status).toBe(200);
    expect(res.body.indicators).toHaveLength(16);
    expect(res.body.indicators[15]).toMatchObject({ code: 'LOCAL-01', kind: 'count', condition: { all: [{ step: 'placed' }, { attribute: 'sex', in: ['female'] }] } });
  });
});

describe('GET /v1/indicators, MEIC-14 and MEIC-15 for consortium_lead (minCell 5)', () => {
  let h: AnalyticsHarness;

  beforeAll(async () => {
    h = await startAnalytics({ minCell: 5 });
    // IT-RM: one enterprise member (O1) that hosted P1's internship and hired P1; one university (O2), idle.
    const o1 = randomUUID();
    const o2 = randomUUID();
    const p1 = person('IT-RM', 'female');
    await h.send([
      siteRegistered('IT-RM', 'AMIL', { enrolled: 10, placed: 5 }),
      buildEvent('meic.organisation.joined.v1', { siteCode: 'IT-RM', country: 'IT', occurredOn: '2026-01-05', organisationId: o1, name: 'Acme', type: 'enterprise', naceSector: 'C', communityOfInterest: false }),
      buildEvent('meic.organisation.joined.v1', { siteCode: 'IT-RM', country: 'IT', occurredOn: '2026-01-05', organisationId: o2, name: 'Uni', type: 'university', naceSector: 'P', communityOfInterest: false }),
      buildEvent('meic.beneficiary.enrolled.v2', { ...p1, programme: 'AMIL', occurredOn: '2026-01-10' }),
      buildEvent('meic.internship.started.v2', { ...p1, occurredOn: '2026-02-01', internshipId: randomUUID(), hostOrgId: o1, hostOrgType: 'enterprise', plannedEndOn: '2026-05-01' }),
      buildEvent('meic.beneficiary.placed.v2', { ...p1, occurredOn: '2026-06-01', placementId: randomUUID(), employerOrgId: o1, employerOrgType: 'enterprise', contractType: 'permanent', hoursPerWeek: 30, naceSector: 'C' }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('shows organisation counts below minCell as counted (organisations are not people), and protects contributions and people', async () => {
    const res = await h.get<IndicatorsResponse>(`/v1/indicators?asOf=${AS_OF}&period=2026`, { role: 'consortium_lead' });
    expect(res.status).toBe(200);
    const counts = (code: string, type: string) => res.body.indicators.find((i) => i.code === code)?.byType.find((t) => t.type === type)?.counts;
    expect(counts('MEIC-14', 'enterprise')).toEqual({
      members: { value: 1, suppressed: false },
      active: { value: 1, suppressed: false },
      providedCourse: { value: 0, suppressed: false },
      hostedInternship: { value: 1, suppressed: false },
      hired: { value: 1, suppressed: false },
    });
    expect(counts('MEIC-14', 'university')?.members).toEqual({ value: 1, suppressed: false });
    // One internship and one placement: counts of people's activities, released in blocks of 10
    // per site, so not yet counted at all; and never published as 1 … 4 anyway.
    expect(counts('MEIC-15', 'enterprise')).toEqual({ internships: { value: 0, suppressed: false }, placements: { value: 0, suppressed: false } });
    expect(counts('MEIC-15', 'university')).toEqual({ internships: { value: 0, suppressed: false }, placements: { value: 0, suppressed: false } });
    // The one person enrolled waits in an open block too.
    expect(res.body.indicators.find((i) => i.code === 'MEIC-01')?.value).toEqual({ value: 0, suppressed: false });
    expect(res.body.disclosure).toMatchObject({ method: 'cell-key', asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), releaseBlock: 10 });
  });
});
