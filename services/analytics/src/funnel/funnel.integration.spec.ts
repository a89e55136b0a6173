import { startAnalytics, type AnalyticsHarness } from '../testing/analytics-harness';
import { ALL_STAFF, protectionBreaches, LEAD, MI, personEvents, rateBreaches, scenarioEvents, scenarioPeople, SCENARIO_SITES } from '../testing/kpi-scenario';
import type { FunnelResponse } from './funnel.schemas';

/**
 * The scenario of testing/kpi-scenario.ts, cohort of 2025 (from 2025-01-01 to 2025-12-31), asOf 2026-06-30.
 *
 *            enrolled assessed trained(∧assessed) internship(∧trained) placed(∧internship) employed6(∧placed)
 * IT-RM      11       8 (R1,R2) 10 (8: R3 untested) 6 (6)               8 (6: R2 no intern) 6 (6)
 * IT-MI      3        3         0 (0)               0 (0)               1 (0)               0 (0)
 * GR-ATH     7        7         4 (4)               2 (2)               1 (1)               0 (0)
 * totals     21       18        14 (12)             8 (8)               10 (7)              6 (6)
 * R5 (enrolled 2024-11) is outside the cohort even though assessed in 2025.
 */
const Q = 'from=2025-01-01&to=2025-12-31&asOf=2026-06-30';
const counts = (steps: FunnelResponse['totals']['steps']) => steps.map((s) => s.count.value);
const conversions = (steps: FunnelResponse['totals']['steps']) => steps.map((s) => (s.conversion ? [s.conversion.numerator, s.conversion.denominator, s.conversion.value] : null));

describe('GET /v1/kpis/funnel', () => {
  let h: AnalyticsHarness;

  beforeAll(async () => {
    h = await startAnalytics({ minCell: 5 });
    const p = scenarioPeople();
    await h.send(scenarioEvents(SCENARIO_SITES, Object.values(p).flat()));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('counts each step of the enrolment cohort and converts over "previous AND this" (site_staff, unsuppressed)', async () => {
    const res = await h.get<FunnelResponse>(`/v1/kpis/funnel?${Q}&groupBy=site`, ALL_STAFF);
    expect(res.status).toBe(200);
    expect(res.body.steps).toEqual(['enrolled', 'assessed', 'trained', 'internship', 'placed', 'employed6']);
    const rm = res.body.groups.find((g) => g.key === 'IT-RM');
    expect(counts(rm?.steps ?? [])).toEqual([11, 8, 10, 6, 8, 6]);
    // 8/11 = 72.7; 8/8; 6/10 = 60; 6/6 (the two placed without internship are not in the numerator); 6/8 = 75
    expect(conversions(rm?.steps ?? [])).toEqual([null, [8, 11, 72.7], [8, 8, 100], [6, 10, 60], [6, 6, 100], [6, 8, 75]]);
    expect(counts(res.body.groups.find((g) => g.key === 'IT-MI')?.steps ?? [])).toEqual([3, 3, 0, 0, 1, 0]);
    // MI: placed 1 after no internship → 0/0 has no rate but shows its counts
    expect(res.body.groups.find((g) => g.key === 'IT-MI')?.steps[4]?.conversion).toMatchObject({ value: null, numerator: 0, denominator: 0, suppressed: false });
    expect(counts(res.body.groups.find((g) => g.key === 'GR-ATH')?.steps ?? [])).toEqual([7, 7, 4, 2, 1, 0]);
    expect(counts(res.body.totals.steps)).toEqual([21, 18, 14, 8, 10, 6]);
    // 18/21 = 85.7; 12/18 = 66.7; 8/14 = 57.1; 7/8 = 87.5; 6/10 = 60
    expect(conversions(res.body.totals.steps)).toEqual([null, [18, 21, 85.7], [12, 18, 66.7], [8, 14, 57.1], [7, 8, 87.5], [6, 10, 60]]);
  });

  it('groups by country and programme, and confines site_staff to their sites', async () => {
    const byCountry = await h.get<FunnelResponse>(`/v1/kpis/funnel?${Q}&groupBy=country`, ALL_STAFF);
    // IT = RM + MI: 14 enrolled, 11 assessed, 10 trained, 6 internship, 9 placed, 6 employed6
    expect(counts(byCountry.body.groups.find((g) => g.key === 'IT')?.steps ?? [])).toEqual([14, 11, 10, 6, 9, 6]);
    const byProgramme = await h.get<FunnelResponse>(`/v1/kpis/funnel?${Q}&groupBy=programme`, ALL_STAFF);
    // AMIL = RM + ATH: 18, 15, 14, 8, 9, 6
    expect(counts(byProgramme.body.groups.find((g) => g.key === 'AMIL')?.steps ?? [])).toEqual([18, 15, 14, 8, 9, 6]);
    // A site_staff of Rome alone: only Rome, totals = Rome
    const own = await h.get<FunnelResponse>(`/v1/kpis/funnel?${Q}`, { role: 'site_staff', sites: ['IT-RM'] });
    expect(own.body.groups.map((g) => g.key)).toEqual(['IT-RM']);
    expect(counts(own.body.totals.steps)).toEqual([11, 8, 10, 6, 8, 6]);
  });

  it('filters the cohort by enrolment date (occurredOn) and counts later steps up to asOf', async () => {
    // From 2025-03-01: Rome loses R1 (enrolled 02-01) → R2 ×2, R3 ×2, R4: enrolled 5, assessed 2 (R2),
    // trained 4 (R2, R3), internship 0, placed 2 (R2), employed6 0
    const later = await h.get<FunnelResponse>(`/v1/kpis/funnel?from=2025-03-01&to=2025-12-31&asOf=2026-06-30&site=IT-RM`, ALL_STAFF);
    expect(counts(later.body.totals.steps)).toEqual([5, 2, 4, 0, 2, 0]);
    // asOf 2025-07-15: R1's placement (08-01) and follow-up have not happened yet; R2's (07-01) has.
    const early = await h.get<FunnelResponse>(`/v1/kpis/funnel?from=2025-01-01&to=2025-12-31&asOf=2025-07-15&site=IT-RM`, ALL_STAFF);
    expect(counts(early.body.totals.steps)).toEqual([11, 8, 10, 6, 2, 0]);
  });

  it('protects every cell for consortium_lead: never 1 … 4, zeros stay zero, conversions of the published counts', async () => {
    const [lead, truth] = await Promise.all([h.get<FunnelResponse>(`/v1/kpis/funnel?${Q}&groupBy=site`, LEAD), h.get<FunnelResponse>(`/v1/kpis/funnel?${Q}&groupBy=site`, ALL_STAFF)]);
    expect(lead.status).toBe(200);
    const breaches: string[] = [];
    for (const g of lead.body.groups) {
      const t = truth.body.groups.find((x) => x.key === g.key);
      g.steps.forEach((s, i) => {
        const ts = t?.steps[i];
        if (!ts) throw new Error(`no truth for ${g.key} ${s.step}`);
        breaches.push(...protectionBreaches(`${g.key} ${s.step}`, s.count, ts.count));
        const prev = g.steps[i - 1];
        if (s.conversion && prev) breaches.push(...rateBreaches(`${g.key} ${s.step}`, s.conversion, { value: s.conversion.numerator, suppressed: false }, prev.count));
      });
    }
    expect(breaches).toEqual([]);
    // Milan's 3 enrolments wait in an open release block (fewer than 10): nobody is counted there yet.
    expect(lead.body.groups.find((g) => g.key === MI.code)?.steps.map((s) => s.count.value)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(lead.body.disclosure).toMatchObject({ method: 'cell-key', asOf: '2026-06-30' });
  });

  it('takes in a late enrolment: an event with an old occurredOn sent after the others', async () => {
    const late = personEvents({ site: MI, enrolled: '2025-06-15', assessed: '2025-06-20' });
    await h.send(late);
    const res = await h.get<FunnelResponse>(`/v1/kpis/funnel?${Q}&site=IT-MI`, ALL_STAFF);
    // Milan 3 → 4 enrolled and assessed
    expect(counts(res.body.totals.steps)).toEqual([4, 4, 0, 0, 1, 0]);
  });

  it('answers 400 naming a malformed field, 422 for from after to, 403 for site_staff outside their sites', async () => {
    const bad = await h.getRaw(`/v1/kpis/funnel?groupBy=region`, ALL_STAFF);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['/groupBy']);
    const badDate = await h.getRaw(`/v1/kpis/funnel?from=2025-13-01`, ALL_STAFF);
    expect(badDate.status).toBe(400);
    expect(((await badDate.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['/from']);
    const reversed = await h.getRaw(`/v1/kpis/funnel?from=2025-06-01&to=2025-01-01`, ALL_STAFF);
    expect(reversed.status).toBe(422);
    const rome = { role: 'site_staff' as const, sites: ['IT-RM'] };
    expect((await h.getRaw(`/v1/kpis/funnel?site=GR-ATH`, rome)).status).toBe(403);
    expect((await h.getRaw(`/v1/kpis/funnel?country=GR`, rome)).status).toBe(403);
    expect((await h.getRaw(`/v1/kpis/funnel?country=IT`, rome)).status).toBe(200);
  });
});
