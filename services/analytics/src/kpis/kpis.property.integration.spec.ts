import { randomUUID } from 'node:crypto';
import { buildEvent } from '@meic/contracts';
import { randomSiteCode } from '@meic/testing';
import { startAnalytics, type AnalyticsHarness } from '../testing/analytics-harness';
import { prng } from '../testing/prng';
import { daysBetween, randomHistory, type HistorySite } from '../testing/random-history';
import { referenceOverview, referencePeople, referenceWithinMonths, type Period, type RefPerson } from '../testing/reference-model';
import type { OverviewResponse } from './kpis.schemas';

/**
 * Property: for random event histories (shuffled, partly redelivered), every overview figure,
 * funnel step, breakdown cell, number at risk, monthly trend, cohort rate and catalogue indicator
 * (MEIC-01…09, -11, -12)
 * the API computes in ClickHouse equals a plain TypeScript computation over the same events.
 * Read as site_staff of the history's own sites, so nothing is suppressed and every number is
 * comparable. A failure names the seed, which regenerates the same history.
 */
const SEEDS = Array.from({ length: 12 }, (_, i) => 1000 + i);
const AS_OF = '2026-09-30';

describe('overview KPIs equal a plain computation over random histories', () => {
  let h: AnalyticsHarness;

  beforeAll(async () => {
    h = await startAnalytics();
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(SEEDS)('seed %i', async (seed) => {
    const r = prng(seed * 7919);
    const sites: HistorySite[] = [
      { code: randomSiteCode('IT'), country: 'IT', programme: 'AMIL' },
      { code: randomSiteCode('IT'), country: 'IT', programme: 'LIME' },
      { code: randomSiteCode('GR'), country: 'GR', programme: 'AMIL' },
    ];
    const events = randomHistory(seed, sites, { people: 20 + Math.floor(r() * 40), start: '2025-01-01', days: 600, asOf: AS_OF });
    await h.send(events);
    const people = referencePeople(events);
    const staff = { role: 'site_staff' as const, sites: sites.map((s) => s.code) };

    // A random period inside the history, and the whole history.
    const from = `2025-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-01`;
    const to = `2026-${String(1 + Math.floor(r() * 9)).padStart(2, '0')}-15`;
    const periods: Period[] = [
      { from, to, asOf: AS_OF },
      { from: '1900-01-01', to: '2299-12-31', asOf: AS_OF },
    ];
    for (const period of periods) {
      const q = `from=${period.from}&to=${period.to}&asOf=${period.asOf}`;
      // The indicators of the catalogue for the period, per site.
      for (const site of sites) {
        const ind = await h.get<{ indicators: { code: string; value?: { value: number | null } | null; of?: { key: string; value: { value: number | null } }[] | null; rates?: { key: string; rate: { numerator: number | null; denominator: number | null } }[] | null }[] }>(
          `/v1/indicators?period=${period.from}..${period.to}&asOf=${period.asOf}&site=${site.code}`,
          staff,
        );
        expect(ind.status).toBe(200);
        const at = people.filter((p) => p.site === site.code);
        const inP = (on: string | undefined) => on !== undefined && on >= period.from && on <= period.to && on <= period.asOf;
        const cohort = at.filter((p) => inP(p.enrolledOn));
        const byCode = new Map(ind.body.indicators.map((i) => [i.code, i]));
        // Cohort "this site, enrolled in the period": placement within 6 and 12 months among the observable.
        const c = await h.get<{ a: { placementWithin6Months: { rate: { numerator: number | null; denominator: number | null } }; placementWithin12Months: { rate: { numerator: number | null; denominator: number | null } } } }>(
          `/v1/kpis/cohorts?asOf=${period.asOf}&a.site=${site.code}&a.enrolledFrom=${period.from}&a.enrolledTo=${period.to}&b.site=${site.code}`,
          staff,
        );
        expect(c.status).toBe(200);
        const r6 = referenceWithinMonths(at, period, 6);
        const r12 = referenceWithinMonths(at, period, 12);
        expect({ seed, site: site.code, cohort: [c.body.a.placementWithin6Months.rate.numerator, c.body.a.placementWithin6Months.rate.denominator, c.body.a.placementWithin12Months.rate.numerator, c.body.a.placementWithin12Months.rate.denominator] }).toEqual({
          seed,
          site: site.code,
          cohort: [r6.numerator, r6.denominator, r12.numerator, r12.denominator],
        });
        // Placements per month (first placement, by the month it occurred in).
        if (period.from !== '1900-01-01') {
          const t = await h.get<{ groups: { key: string; series: { period: string; value: { value: number | null } }[] }[] }>(`/v1/kpis/trends?${q}&site=${site.code}&metric=placed&interval=month`, staff);
          expect(t.status).toBe(200);
          const series = t.body.groups[0]?.series ?? [];
          const want = series.map((x) => [x.period, at.filter((p) => inP(p.first.placed) && (p.first.placed as string).slice(0, 7) === x.period.slice(0, 7)).length]);
          expect({ seed, site: site.code, trend: series.map((x) => [x.period, x.value.value]) }).toEqual({ seed, site: site.code, trend: want });
        }
        const rate = (code: string, key?: string) => {
          const r = byCode.get(code)?.rates ?? [];
          const x = key ? r.find((y) => y.key === key) : r[0];
          return [x?.rate.numerator, x?.rate.denominator];
        };
        const w6 = referenceWithinMonths(at, period, 6);
        const w12 = referenceWithinMonths(at, period, 12);
        expect({
          seed,
          site: site.code,
          meic01: [byCode.get('MEIC-01')?.value?.value, byCode.get('MEIC-01')?.of?.find((o) => o.key === 'women')?.value.value],
          meic02: byCode.get('MEIC-02')?.value?.value,
          meic03: byCode.get('MEIC-03')?.value?.value,
          meic04: rate('MEIC-04'),
          meic05: byCode.get('MEIC-05')?.value?.value,
          meic06: byCode.get('MEIC-06')?.value?.value,
          meic07: byCode.get('MEIC-07')?.value?.value,
          meic08: byCode.get('MEIC-08')?.value?.value,
          meic09: [rate('MEIC-09', 'within6'), rate('MEIC-09', 'within12')],
          meic11: rate('MEIC-11'),
          meic12: rate('MEIC-12'),
        }).toEqual({
          seed,
          site: site.code,
          meic01: [cohort.length, cohort.filter((p) => p.sex === 'female').length],
          meic02: at.filter((p) => inP(p.first.assessed)).length,
          meic03: at.filter((p) => inP(p.first.l2Enrolled)).length,
          // left an L2 course in the period; of them, improved by the evaluation date
          meic04: [at.filter((p) => inP(p.first.l2Left) && (p.first.l2Improved ?? '9999') <= period.asOf).length, at.filter((p) => inP(p.first.l2Left)).length],
          meic05: at.filter((p) => inP(p.first.vocationalEnrolled)).length,
          meic06: at.filter((p) => inP(p.first.courseCompleted)).length,
          meic07: at.filter((p) => inP(p.first.internshipStarted)).length,
          meic08: at.filter((p) => inP(p.first.placed)).length,
          meic09: [
            [w6.numerator, w6.denominator],
            [w12.numerator, w12.denominator],
          ],
          // employed at the 6-month follow-up in the period, among those followed up at 6 months in it
          meic11: [at.filter((p) => inP(p.first.followedUp6) && inP(p.first.employed6)).length, at.filter((p) => inP(p.first.followedUp6)).length],
          meic12: [cohort.filter((p) => p.first.droppedOut !== undefined && p.first.droppedOut <= period.asOf).length, cohort.length],
        });
      }
      for (const groupBy of ['site', 'country', 'programme'] as const) {
        const res = await h.get<OverviewResponse>(`/v1/kpis/overview?${q}&groupBy=${groupBy}`, staff);
        expect(res.status).toBe(200);
        const keyOf = (p: RefPerson) => (groupBy === 'site' ? p.site : groupBy === 'country' ? p.country : p.programme);
        const keys = [...new Set(sites.map((s) => (groupBy === 'site' ? s.code : groupBy === 'country' ? s.country : s.programme)))].sort();
        expect(res.body.groups.map((g) => g.key)).toEqual(keys);
        for (const g of res.body.groups) {
          const want = referenceOverview(
            people.filter((p) => keyOf(p) === g.key),
            period,
          );
          const got = {
            enrolled: g.enrolled.value,
            women: g.women.value,
            trained: g.trained.value,
            internshipsStarted: g.internshipsStarted.value,
            placed: g.placed.value,
            dropouts: g.dropouts.value,
            cohortPlaced: g.placementRatePct.numerator,
            medianDaysToPlacement: g.medianDaysToPlacement,
          };
          expect({ seed, period, groupBy, key: g.key, ...got }).toEqual({ seed, period, groupBy, key: g.key, ...want });
        }
        // The funnel: the enrolment cohort of the period, each later step reached by the evaluation date.
        const funnel = await h.get<{ groups: { key: string; steps: { step: string; count: { value: number | null } }[] }[] }>(`/v1/kpis/funnel?${q}&groupBy=${groupBy}`, staff);
        expect(funnel.status).toBe(200);
        for (const g of funnel.body.groups) {
          const cohort = people.filter((p) => keyOf(p) === g.key && p.enrolledOn >= period.from && p.enrolledOn <= period.to);
          const reached = (step: 'assessed' | 'courseCompleted' | 'internshipStarted' | 'placed' | 'employed6') => cohort.filter((p) => (p.first[step] ?? '9999') <= period.asOf).length;
          const want = { enrolled: cohort.length, assessed: reached('assessed'), trained: reached('courseCompleted'), internship: reached('internshipStarted'), placed: reached('placed'), employed6: reached('employed6') };
          expect({ seed, groupBy, key: g.key, steps: Object.fromEntries(g.steps.map((x) => [x.step, x.count.value])) }).toEqual({ seed, groupBy, key: g.key, steps: want });
        }
        // Breakdown of the period's placements by age band.
        const breakdown = await h.get<{ groups: { key: string; categories: { category: string; count: { value: number | null } }[] }[] }>(`/v1/kpis/breakdown?${q}&groupBy=${groupBy}&metric=placed&by=ageBand`, staff);
        expect(breakdown.status).toBe(200);
        for (const g of breakdown.body.groups) {
          const placed = people.filter((p) => keyOf(p) === g.key && (p.first.placed ?? '') >= period.from && (p.first.placed ?? '9999') <= period.to && (p.first.placed ?? '9999') <= period.asOf);
          const got = Object.fromEntries(g.categories.map((c) => [c.category, c.count.value]));
          const want = Object.fromEntries(g.categories.map((c) => [c.category, placed.filter((p) => p.ageBand === c.category).length]));
          expect({ seed, groupBy, key: g.key, byAgeBand: got }).toEqual({ seed, groupBy, key: g.key, byAgeBand: want });
        }
        // Numbers at risk of the time-to-placement curves: days from enrolment to placement, or to
        // drop-out or the evaluation date, at least t (the enrolment cohort of the period).
        const ttp = await h.get<{ riskTimes: number[]; groups: { key: string; atRisk: { t: number; count: { value: number | null } }[] }[] }>(`/v1/kpis/time-to-placement?${q}&groupBy=${groupBy}`, staff);
        expect(ttp.status).toBe(200);
        for (const g of ttp.body.groups) {
          const cohort = people.filter((p) => keyOf(p) === g.key && p.enrolledOn >= period.from && p.enrolledOn <= period.to && p.enrolledOn <= period.asOf);
          const days = cohort.map((p) => {
            const placed = p.first.placed !== undefined && p.first.placed <= period.asOf ? p.first.placed : undefined;
            const dropped = p.first.droppedOut !== undefined && p.first.droppedOut < period.asOf ? p.first.droppedOut : undefined;
            return Math.max(0, daysBetween(p.enrolledOn, placed ?? dropped ?? period.asOf));
          });
          const want = ttp.body.riskTimes.map((t) => [t, days.filter((d) => d >= t).length]);
          expect({ seed, groupBy, key: g.key, atRisk: g.atRisk.map((r) => [r.t, r.count.value]) }).toEqual({ seed, groupBy, key: g.key, atRisk: want });
        }
        const totals = referenceOverview(people, period);
        expect(res.body.totals.enrolled.value).toBe(totals.enrolled);
        expect(res.body.totals.placed.value).toBe(totals.placed);
        expect(res.body.totals.medianDaysToPlacement).toBe(totals.medianDaysToPlacement);
      }
    }
  });

  it('dates "employed at 6 months" by the follow-up that said so, not by the first 6-month follow-up', async () => {
    // One person, two jobs: the first job's 6-month follow-up (2025-08-05) says not employed, the
    // second job's (2026-03-05) says employed. In July–December 2025 the person was followed up at
    // 6 months (1) but not found employed then (0): MEIC-11 = 0 of 1. In 2026 the person's first
    // 6-month follow-up lies outside the period (0 of 0); over both years: 1 of 1.
    const site = { code: randomSiteCode('IT'), country: 'IT', programme: 'AMIL' };
    const person = { pseudonym: randomUUID(), siteCode: site.code, country: 'IT', sex: 'female' as const, ageBand: '30-39' as const, citizenship: 'NG', legalStatus: 'refugee' as const };
    const placed = (placementId: string, on: string) =>
      buildEvent('meic.beneficiary.placed.v2', { ...person, occurredOn: on, placementId, employerOrgId: null, employerOrgType: null, contractType: 'fixed_term', hoursPerWeek: 30, naceSector: 'C' });
    const followUp = (placementId: string, placedOn: string, on: string, employed: boolean) =>
      buildEvent('meic.beneficiary.followed-up.v2', { ...person, occurredOn: on, placementId, placedOn, monthsAfterPlacement: 6, employed });
    const [j1, j2] = [randomUUID(), randomUUID()];
    await h.send([
      buildEvent('meic.beneficiary.enrolled.v2', { ...person, programme: 'AMIL', occurredOn: '2025-01-10' }),
      placed(j1, '2025-02-01'),
      followUp(j1, '2025-02-01', '2025-08-05', false),
      placed(j2, '2025-09-01'),
      followUp(j2, '2025-09-01', '2026-03-05', true),
    ]);
    const meic11 = async (period: string) => {
      const res = await h.get<{ indicators: { code: string; rates?: { rate: { numerator: number | null; denominator: number | null } }[] | null }[] }>(
        `/v1/indicators?period=${period}&asOf=${AS_OF}&site=${site.code}`,
        { role: 'site_staff', sites: [site.code] },
      );
      const r = res.body.indicators.find((i) => i.code === 'MEIC-11')?.rates?.[0]?.rate;
      return [r?.numerator, r?.denominator];
    };
    expect(await meic11('2025-07-01..2025-12-31')).toEqual([0, 1]);
    expect(await meic11('2026')).toEqual([0, 0]);
    expect(await meic11('2025-01-01..2026-06-30')).toEqual([1, 1]);
  });
});
