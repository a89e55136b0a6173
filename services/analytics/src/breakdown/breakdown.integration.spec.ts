import { startAnalytics, type AnalyticsHarness } from '../testing/analytics-harness';
import { ALL_STAFF, ATH, protectionBreaches, LEAD, personEvents, scenarioEvents, scenarioPeople, SCENARIO_SITES } from '../testing/kpi-scenario';
import type { BreakdownResponse } from './breakdown.schemas';

/**
 * The scenario of testing/kpi-scenario.ts, enrolled in 2025, asOf 2026-06-30 (everyone's citizenship NG).
 *            female            male             placed (cohort, ever)
 * IT-RM      7 (R1 ×6, R4)     4 (R2 ×2, R3 ×2) female 6 (R1), male 2 (R2)
 * IT-MI      3                 0                female 1
 * GR-ATH     2 (A1, A2)        5 (A3 ×2, A4 ×3) female 1 (A1), male 0
 * totals     12                9                female 8, male 2
 * Course types (enrolled on): IT-RM vocational 6, L2 2, soft skills 2, none 1; GR-ATH vocational 2, digital 2, none 3.
 */
const Q = 'from=2025-01-01&to=2025-12-31&asOf=2026-06-30';
type Figures = BreakdownResponse['totals'];
const counts = (b: Figures | undefined) => Object.fromEntries((b?.categories ?? []).map((c) => [c.category, c.count.value]));
const rates = (b: Figures | undefined) => Object.fromEntries((b?.categories ?? []).map((c) => [c.category, c.rate ? [c.rate.numerator, c.rate.denominator, c.rate.value] : null]));

describe('GET /v1/kpis/breakdown', () => {
  let h: AnalyticsHarness;

  beforeAll(async () => {
    h = await startAnalytics({ minCell: 5 });
    await h.send(scenarioEvents(SCENARIO_SITES, Object.values(scenarioPeople()).flat()));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('splits enrolments by sex per site and in total (site_staff)', async () => {
    const res = await h.get<BreakdownResponse>(`/v1/kpis/breakdown?metric=enrolled&by=sex&${Q}`, ALL_STAFF);
    expect(res.status).toBe(200);
    expect(res.body.exhaustive).toBe(true);
    expect(res.body.categories).toEqual(['female', 'male', 'other', 'undisclosed']);
    const rm = res.body.groups.find((g) => g.key === 'IT-RM');
    expect(counts(rm)).toEqual({ female: 7, male: 4, other: 0, undisclosed: 0 });
    expect(rm?.total.count.value).toBe(11);
    expect(counts(res.body.groups.find((g) => g.key === 'GR-ATH'))).toEqual({ female: 2, male: 5, other: 0, undisclosed: 0 });
    expect(counts(res.body.totals)).toEqual({ female: 12, male: 9, other: 0, undisclosed: 0 });
  });

  it('gives the cohort placement rate per category', async () => {
    const res = await h.get<BreakdownResponse>(`/v1/kpis/breakdown?metric=placementRate&by=sex&${Q}&site=IT-RM`, ALL_STAFF);
    // female 6/7 = 85.7, male 2/4 = 50; 0/0 has no value
    expect(rates(res.body.totals)).toEqual({ female: [6, 7, 85.7], male: [2, 4, 50], other: [0, 0, null], undisclosed: [0, 0, null] });
    expect(res.body.totals.total.rate).toMatchObject({ numerator: 8, denominator: 11, value: 72.7 });
    const all = await h.get<BreakdownResponse>(`/v1/kpis/breakdown?metric=placementRate&by=sex&${Q}`, ALL_STAFF);
    // 8/12 = 66.7, 2/9 = 22.2
    expect(rates(all.body.totals).female).toEqual([8, 12, 66.7]);
    expect(rates(all.body.totals).male).toEqual([2, 9, 22.2]);
  });

  it('marks course types as not exhaustive and puts citizenships outside the top in "other"', async () => {
    const ct = await h.get<BreakdownResponse>(`/v1/kpis/breakdown?metric=enrolled&by=courseType&${Q}&groupBy=site`, ALL_STAFF);
    expect(ct.body.exhaustive).toBe(false);
    expect(counts(ct.body.groups.find((g) => g.key === 'IT-RM'))).toMatchObject({ vocational_training: 6, l2_language: 2, soft_skills: 2, none: 1, digital_skills: 0 });
    expect(counts(ct.body.groups.find((g) => g.key === 'GR-ATH'))).toMatchObject({ vocational_training: 2, digital_skills: 2, none: 3 });
    const cz = await h.get<BreakdownResponse>(`/v1/kpis/breakdown?metric=enrolled&by=citizenship&${Q}`, ALL_STAFF);
    expect(cz.body.categories).toEqual(['NG', 'other']);
    expect(counts(cz.body.totals)).toEqual({ NG: 21, other: 0 });
  });

  it('filters by occurredOn', async () => {
    // From 2025-03-01 Rome keeps R2, R3 (male ×4) and R4 (female)
    const res = await h.get<BreakdownResponse>(`/v1/kpis/breakdown?metric=enrolled&by=sex&from=2025-03-01&to=2025-12-31&asOf=2026-06-30&site=IT-RM`, ALL_STAFF);
    expect(counts(res.body.totals)).toMatchObject({ female: 1, male: 4 });
  });

  it('protects every category for consortium_lead: never 1 … 4, zeros stay zero, rates of the published counts', async () => {
    for (const metric of ['enrolled', 'placementRate']) {
      const q = `/v1/kpis/breakdown?metric=${metric}&by=sex&${Q}`;
      const [lead, truth] = await Promise.all([h.get<BreakdownResponse>(q, LEAD), h.get<BreakdownResponse>(q, ALL_STAFF)]);
      expect(lead.status).toBe(200);
      const breaches: string[] = [];
      for (const g of [...lead.body.groups, { key: 'total', ...lead.body.totals }]) {
        const t = g.key === 'total' ? truth.body.totals : truth.body.groups.find((x) => x.key === g.key);
        g.categories.forEach((c, i) => {
          const tc = t?.categories[i];
          if (tc) breaches.push(...protectionBreaches(`${metric} ${g.key} ${c.category}`, c.count, tc.count));
        });
      }
      expect(breaches).toEqual([]);
    }
    // Rates are made of the counts published beside them: the cohort placed over the enrolled of the same category.
    const [rate, enrolled] = await Promise.all([
      h.get<BreakdownResponse>(`/v1/kpis/breakdown?metric=placementRate&by=sex&${Q}`, LEAD),
      h.get<BreakdownResponse>(`/v1/kpis/breakdown?metric=enrolled&by=sex&${Q}`, LEAD),
    ]);
    for (const g of rate.body.groups) {
      g.categories.forEach((c, i) => {
        expect(c.rate?.numerator).toBe(c.count.value);
        expect(c.rate?.denominator).toBe(enrolled.body.groups.find((x) => x.key === g.key)?.categories[i]?.count.value);
      });
    }
    // Categories with nobody are 0, and the total of a group is the same figure wherever the same people are reached.
    const rome = enrolled.body.groups.find((g) => g.key === 'IT-RM');
    expect(rome?.categories.find((c) => c.category === 'other')?.count).toEqual({ value: 0, suppressed: false });
    const romeAlone = await h.get<BreakdownResponse>(`/v1/kpis/breakdown?metric=enrolled&by=sex&${Q}&site=IT-RM`, LEAD);
    expect(romeAlone.body.totals).toEqual({ total: rome?.total, categories: rome?.categories });
  });

  it('takes in a late enrolment', async () => {
    await h.send(personEvents({ site: ATH, enrolled: '2025-07-01', sex: 'female' }));
    const res = await h.get<BreakdownResponse>(`/v1/kpis/breakdown?metric=enrolled&by=sex&${Q}&site=GR-ATH`, ALL_STAFF);
    expect(counts(res.body.totals)).toMatchObject({ female: 3, male: 5 });
  });

  it('answers 400 naming a malformed or missing field, 403 for site_staff outside their sites', async () => {
    const bad = await h.getRaw(`/v1/kpis/breakdown?metric=enrolled&by=religion`, ALL_STAFF);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['/by']);
    const missing = await h.getRaw(`/v1/kpis/breakdown?by=sex`, ALL_STAFF);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['/metric']);
    expect((await h.getRaw(`/v1/kpis/breakdown?metric=enrolled&by=sex&site=GR-ATH`, { role: 'site_staff', sites: ['IT-RM'] })).status).toBe(403);
  });
});
