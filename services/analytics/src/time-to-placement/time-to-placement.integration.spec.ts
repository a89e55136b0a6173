import type { CloudEvent } from '@meic/contracts';
import { startAnalytics, type AnalyticsHarness } from '../testing/analytics-harness';
import { ALL_STAFF, LEAD, personEvents, scenarioEvents, scenarioPeople, SCENARIO_SITES, siteEvent } from '../testing/kpi-scenario';
import type { TimeToPlacementResponse } from './time-to-placement.schemas';

/**
 * The scenario of testing/kpi-scenario.ts (day counts worked out there), cohort of 2025, asOf 2026-06-30.
 * One A4 person of Athens is placed on 2025-12-01 (183 days), an event sent late, after the first checks.
 *
 * IT-RM  events 122 ×2, 181 ×6; censored 184 ×2 (dropped), 455 ×1 → n 11, events 8
 *        t=122: 11 at risk, 2 placed → S = 9/11 = 0.8182; t=181: 9 at risk, 6 placed → S = 3/11 = 0.2727 (median 181)
 *        t=184: 3 at risk (censored 2); t=455: 1 at risk
 *        at risk (time ≥ x) at 0/30/90: 11; 180: 9; 365: 1; 540, 730: 0
 * IT-MI  event 123 ×1; censored 425 ×2 → n 3: S(123) = 2/3
 * GR-ATH event 153 ×1; censored 394 ×6 → n 7: S(153) = 6/7 = 0.8571; at 180 and 365: 6 at risk
 */
const Q = 'from=2025-01-01&to=2025-12-31&asOf=2026-06-30';
const curve = (g: { curve: { t: number; survival: number }[] | null } | undefined) => g?.curve?.map((p) => [p.t, p.survival]);
const atRisk = (g: { atRisk: { t: number; count: { value: number | null } }[] } | undefined) => g?.atRisk.map((r) => r.count.value);

describe('GET /v1/kpis/time-to-placement', () => {
  let h: AnalyticsHarness;
  let latePlacement: CloudEvent[];

  beforeAll(async () => {
    // Release blocks of one fact: every month is released as it ends, so this small scenario
    // shows consortium_lead curves at all (with the default of 10, Milan and Athens wait).
    h = await startAnalytics({ minCell: 5, env: { MEIC_RELEASE_BLOCK: '1' } });
    const p = scenarioPeople();
    const [a4, ...others] = p.A4;
    if (!a4) throw new Error('scenario has no A4');
    const a4Events = personEvents({ ...a4, placed: '2025-12-01' });
    latePlacement = a4Events.filter((e) => e.type === 'meic.beneficiary.placed.v2');
    const everyoneElse = Object.entries(p).flatMap(([k, v]) => (k === 'A4' ? others : v));
    await h.send([...SCENARIO_SITES.map((s) => siteEvent(s)), ...scenarioEvents([], everyoneElse), ...a4Events.filter((e) => e.type !== 'meic.beneficiary.placed.v2')]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('gives site_staff the whole Kaplan–Meier curve, numbers at risk and median per site and in total', async () => {
    const res = await h.get<TimeToPlacementResponse>(`/v1/kpis/time-to-placement?${Q}`, ALL_STAFF);
    expect(res.status).toBe(200);
    expect(res.body.riskTimes).toEqual([0, 30, 90, 180, 360, 540, 720]);
    const rm = res.body.groups.find((g) => g.key === 'IT-RM');
    expect(rm?.cohort.value).toBe(11);
    expect(rm?.events.value).toBe(8);
    expect(curve(rm)).toEqual([
      [0, 1],
      [122, 0.8182],
      [181, 0.2727],
      [184, 0.2727],
      [455, 0.2727],
    ]);
    expect(atRisk(rm)).toEqual([11, 11, 11, 9, 1, 0, 0]);
    expect(rm?.median.t).toBe(181);
    expect(rm?.truncatedAt).toBeNull();
    const mi = res.body.groups.find((g) => g.key === 'IT-MI');
    expect(curve(mi)).toEqual([
      [0, 1],
      [123, 0.6667],
      [425, 0.6667],
    ]);
    expect(mi?.median.t).toBeNull();
    // totals (21 people): 122 ×2 → 19/21 = 0.9048; 123 → 18/21 = 0.8571; 153 → 17/21 = 0.8095;
    // 181 ×6 (17 at risk) → 11/21 = 0.5238, never ≤ 0.5 → no median
    expect(res.body.totals.cohort.value).toBe(21);
    expect(res.body.totals.events.value).toBe(10);
    expect(curve(res.body.totals)?.slice(0, 5)).toEqual([
      [0, 1],
      [122, 0.9048],
      [123, 0.8571],
      [153, 0.8095],
      [181, 0.5238],
    ]);
    expect(res.body.totals.median.t).toBeNull();
  });

  it('gives consortium_lead curves of perturbed counts per 30-day bucket, only where at least 10 are at risk', async () => {
    const res = await h.get<TimeToPlacementResponse>(`/v1/kpis/time-to-placement?${Q}`, LEAD);
    expect(res.status).toBe(200);
    expect(res.body.disclosure).toMatchObject({ method: 'cell-key', minAtRisk: 10 });
    // Milan: 3 people, published as 0 or 5…7 at risk: fewer than 10, so no step and no median.
    const mi = res.body.groups.find((g) => g.key === 'IT-MI');
    expect(mi).toMatchObject({ suppressed: true, curve: null, truncatedAt: null, median: { t: null, low: null, high: null } });
    for (const g of [...res.body.groups, { key: 'total', ...res.body.totals }]) {
      const values = g.atRisk.map((r) => r.count.value as number);
      // No number at risk is 1 … 4; the number at risk at 0 is the cohort: the same people, one figure.
      expect({ key: g.key, small: values.filter((v) => v > 0 && v < 5) }).toEqual({ key: g.key, small: [] });
      expect(values[0]).toBe(g.cohort.value);
      if (g.suppressed) continue;
      const points = g.curve ?? [];
      expect(points[0]).toMatchObject({ t: 0, survival: 1 });
      for (const [i, p] of points.entries()) {
        expect(p.t % 30).toBe(0);
        if (i > 0) expect(p.survival).toBeLessThanOrEqual((points[i - 1] as { survival: number }).survival);
      }
      // A step is shown only where at least 10 are (as published) at risk at the start of its bucket.
      for (const p of points.slice(1)) {
        const before = g.atRisk.find((r) => r.t === p.t - 30);
        if (before) expect(before.count.value as number).toBeGreaterThanOrEqual(10);
      }
    }
    // The same request twice: the same figures.
    const again = await h.get<TimeToPlacementResponse>(`/v1/kpis/time-to-placement?${Q}`, LEAD);
    expect({ ...again.body, generatedAt: null }).toEqual({ ...res.body, generatedAt: null });
  });

  it('filters the cohort by enrolment date', async () => {
    // From 2025-03-01 Rome keeps R2 ×2 (placed at 122), R3 ×2 (censored 184), R4 (censored 455): S(122) = 3/5
    const res = await h.get<TimeToPlacementResponse>(`/v1/kpis/time-to-placement?from=2025-03-01&to=2025-12-31&asOf=2026-06-30&site=IT-RM`, ALL_STAFF);
    expect(res.body.totals.cohort.value).toBe(5);
    expect(res.body.totals.events.value).toBe(2);
    expect(curve(res.body.totals)).toEqual([
      [0, 1],
      [122, 0.6],
      [184, 0.6],
      [455, 0.6],
    ]);
  });

  it('takes in a late placement with an old occurredOn', async () => {
    await h.send(latePlacement);
    const res = await h.get<TimeToPlacementResponse>(`/v1/kpis/time-to-placement?${Q}&site=GR-ATH`, ALL_STAFF);
    // Athens: 153 → 6/7 = 0.8571; 183 (6 at risk, 1 placed) → 6/7 · 5/6 = 5/7 = 0.7143; 394: 5 censored
    expect(res.body.totals.events.value).toBe(2);
    expect(curve(res.body.totals)).toEqual([
      [0, 1],
      [153, 0.8571],
      [183, 0.7143],
      [394, 0.7143],
    ]);
  });

  it('answers 400 naming a malformed or unknown field, 403 for site_staff outside their sites', async () => {
    const bad = await h.getRaw(`/v1/kpis/time-to-placement?asOf=yesterday`, ALL_STAFF);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['/asOf']);
    const unknown = await h.getRaw(`/v1/kpis/time-to-placement?metric=placed`, ALL_STAFF);
    expect(unknown.status).toBe(400);
    expect((await h.getRaw(`/v1/kpis/time-to-placement?site=IT-MI`, { role: 'site_staff', sites: ['IT-RM'] })).status).toBe(403);
  });
});
