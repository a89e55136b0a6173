import type { CloudEvent } from '@meic/contracts';
import { startAnalytics, type AnalyticsHarness } from '../testing/analytics-harness';
import { ALL_STAFF, LEAD, personEvents, scenarioEvents, scenarioPeople, SCENARIO_SITES, siteEvent } from '../testing/kpi-scenario';
import type { OverviewResponse } from '../kpis/kpis.schemas';
import type { CohortsResponse } from './cohorts.schemas';

/**
 * The scenario of testing/kpi-scenario.ts, evaluated at asOf 2026-03-15; R4 (Rome, enrolled
 * 2025-04-01) is placed on 2025-10-01, an event sent late, after the first checks.
 *
 * a = Rome, enrolled in 2025: R1 ×6, R2 ×2, R3 ×2, R4 → 11
 *   within 6 months: observable if enrolled ≤ 2025-09-15 → all 11, none left out;
 *     placed by enrolment + 6 months: R1 (02-01 → 08-01, on the day) 6, R2 (03-01 → 07-01) 2 → 8/11 = 72.7
 *   within 12 months: observable if enrolled ≤ 2025-03-15 → R1, R2, R3 = 10; R4 left out (1); placed 8 → 8/10 = 80
 *   KM: R2 122 ×2, R1 181 ×6 placed; R3 censored at 184 ×2; R4 at 348 (2025-04-01 → 2026-03-15)
 *     S(122) = 9/11, S(181) = 9/11 · 3/9 = 3/11 ≤ 0.5 → median 181
 *   dropped out: R3 2/11 = 18.2; employed at 6 months: R1 followed up 2026-02-01, all employed → 6/6
 * b = Rome, enrolled in 2025, mentored: R1 ×6 → 6/6 placed within 6 and 12 months, 0/6 dropped, median 181
 */
const AS_OF = '2026-03-15';
const A = 'a.site=IT-RM&a.enrolledFrom=2025-01-01&a.enrolledTo=2025-12-31';
const B = 'b.site=IT-RM&b.enrolledFrom=2025-01-01&b.enrolledTo=2025-12-31&b.activity=mentored';
const summary = (c: CohortsResponse['a']) => ({
  enrolled: c.enrolled.value,
  within6: [c.placementWithin6Months.rate.numerator, c.placementWithin6Months.rate.denominator, c.placementWithin6Months.rate.value, c.placementWithin6Months.notYetObservable.value],
  within12: [c.placementWithin12Months.rate.numerator, c.placementWithin12Months.rate.denominator, c.placementWithin12Months.rate.value, c.placementWithin12Months.notYetObservable.value],
  median: c.medianDaysToPlacement.t,
  dropout: [c.dropoutRate.numerator, c.dropoutRate.denominator, c.dropoutRate.value],
  employed6: [c.employedAt6Months.numerator, c.employedAt6Months.denominator, c.employedAt6Months.value],
});

describe('GET /v1/kpis/cohorts', () => {
  let h: AnalyticsHarness;
  let latePlacement: CloudEvent[];

  beforeAll(async () => {
    h = await startAnalytics({ minCell: 5 });
    const p = scenarioPeople();
    const r4 = personEvents({ ...(p.R4[0] as NonNullable<(typeof p.R4)[0]>), placed: '2025-10-01' });
    latePlacement = r4.filter((e) => e.type === 'meic.beneficiary.placed.v2');
    const others = Object.entries(p).flatMap(([k, v]) => (k === 'R4' ? [] : v));
    await h.send([...SCENARIO_SITES.map((s) => siteEvent(s)), ...scenarioEvents([], others), ...r4.filter((e) => e.type !== 'meic.beneficiary.placed.v2')]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('compares two cohorts on the same indicators (site_staff, unsuppressed)', async () => {
    const res = await h.get<CohortsResponse>(`/v1/kpis/cohorts?asOf=${AS_OF}&${A}&${B}`, ALL_STAFF);
    expect(res.status).toBe(200);
    expect(res.body.a.definition).toEqual({ site: 'IT-RM', country: null, programme: null, enrolledFrom: '2025-01-01', enrolledTo: '2025-12-31', activity: null });
    expect(summary(res.body.a)).toEqual({ enrolled: 11, within6: [8, 11, 72.7, 0], within12: [8, 10, 80, 1], median: 181, dropout: [2, 11, 18.2], employed6: [6, 6, 100] });
    expect(summary(res.body.b)).toEqual({ enrolled: 6, within6: [6, 6, 100, 0], within12: [6, 6, 100, 0], median: 181, dropout: [0, 6, 0], employed6: [6, 6, 100] });
  });

  it('selects cohorts by enrolment dates, programme and country', async () => {
    // Rome from 2025-03-01: R2 ×2, R3 ×2, R4 = 5; AMIL (Rome + Athens) in 2025: 11 + 7 = 18; Greece: 7
    const res = await h.get<CohortsResponse>(`/v1/kpis/cohorts?asOf=${AS_OF}&a.site=IT-RM&a.enrolledFrom=2025-03-01&b.programme=AMIL&b.enrolledFrom=2025-01-01`, ALL_STAFF);
    expect(res.body.a.enrolled.value).toBe(5);
    expect(res.body.b.enrolled.value).toBe(18);
    const gr = await h.get<CohortsResponse>(`/v1/kpis/cohorts?asOf=${AS_OF}&a.country=GR&b.country=IT&b.activity=l2Enrolled`, ALL_STAFF);
    expect(gr.body.a.enrolled.value).toBe(7);
    // in Italy only R2 ×2 took an L2 course
    expect(gr.body.b.enrolled.value).toBe(2);
    // site_staff of Rome see only Rome's people in a programme-wide cohort: 11 of the 18
    const own = await h.get<CohortsResponse>(`/v1/kpis/cohorts?asOf=${AS_OF}&a.programme=AMIL&a.enrolledFrom=2025-01-01`, { role: 'site_staff', sites: ['IT-RM'] });
    expect(own.body.a.enrolled.value).toBe(11);
  });

  it('gives consortium_lead the same figure for the same people as the overview, and publishes every identity only perturbed', async () => {
    const res = await h.get<CohortsResponse>(`/v1/kpis/cohorts?asOf=${AS_OF}&${A}&b.site=IT-MI&b.enrolledFrom=2025-01-01&b.enrolledTo=2025-12-31`, LEAD);
    expect(res.status).toBe(200);
    const overview = await h.get<OverviewResponse>(`/v1/kpis/overview?groupBy=site&from=2025-01-01&to=2025-12-31&asOf=${AS_OF}`, LEAD);
    const rome = overview.body.groups.find((g) => g.key === 'IT-RM');
    // "Rome, enrolled in 2025" is the overview's Rome cell: the same people, the same figure.
    expect(res.body.a.enrolled).toEqual(rome?.enrolled);
    // Milan's 3 wait in an open release block (fewer than 10): nobody is counted, no curve.
    expect(res.body.b.enrolled).toEqual({ value: 0, suppressed: false });
    expect(res.body.b.medianDaysToPlacement).toEqual({ t: null, low: null, high: null, suppressed: true });
    // Complements: enrolled = observed + not yet observable holds only up to the perturbation, and
    // none of the three is 1 … 4.
    for (const side of [res.body.a, res.body.b]) {
      for (const w of [side.placementWithin6Months, side.placementWithin12Months]) {
        for (const c of [side.enrolled, w.observed, w.notYetObservable]) expect(c.value === 0 || (c.value as number) >= 5).toBe(true);
        expect(w.rate.denominator).toBe(w.observed.value);
      }
    }
    const again = await h.get<CohortsResponse>(`/v1/kpis/cohorts?asOf=${AS_OF}&${A}&b.site=IT-MI&b.enrolledFrom=2025-01-01&b.enrolledTo=2025-12-31`, LEAD);
    expect({ ...again.body, generatedAt: null }).toEqual({ ...res.body, generatedAt: null });
  });

  it('takes in a late placement: placement within 6 months changes, the 12-month window still leaves R4 out', async () => {
    await h.send(latePlacement);
    const res = await h.get<CohortsResponse>(`/v1/kpis/cohorts?asOf=${AS_OF}&${A}&${B}`, ALL_STAFF);
    // R4: 2025-04-01 + 6 months = 2025-10-01, placed that day → 9/11 = 81.8; 12 months: still 8/10, R4 not observable
    expect(summary(res.body.a).within6).toEqual([9, 11, 81.8, 0]);
    expect(summary(res.body.a).within12).toEqual([8, 10, 80, 1]);
    expect(res.body.a.medianDaysToPlacement.t).toBe(181);
  });

  it('answers 400 naming a malformed field, 422 for a cohort ending before it starts, 403 for site_staff outside their sites', async () => {
    const paths = async (q: string, status = 400) => {
      const r = await h.getRaw(`/v1/kpis/cohorts?${q}`, ALL_STAFF);
      expect(r.status).toBe(status);
      return ((await r.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
    };
    expect(await paths('a.activity=flying')).toEqual(['/a.activity']);
    expect(await paths('c.site=IT-RM')).toEqual(['/c.site']);
    expect(await paths('b.enrolledFrom=2025-06-01&b.enrolledTo=2025-01-01', 422)).toEqual(['/b.enrolledFrom']);
    const rome = { role: 'site_staff' as const, sites: ['IT-RM'] };
    expect((await h.getRaw(`/v1/kpis/cohorts?a.site=IT-RM&b.site=IT-MI`, rome)).status).toBe(403);
    expect((await h.getRaw(`/v1/kpis/cohorts?a.country=GR`, rome)).status).toBe(403);
  });
});
