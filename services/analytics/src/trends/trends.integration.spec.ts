import { startAnalytics, type AnalyticsHarness } from '../testing/analytics-harness';
import { ALL_STAFF, protectionBreaches, LEAD, MI, personEvents, scenarioEvents, scenarioPeople, SCENARIO_SITES } from '../testing/kpi-scenario';
import type { TrendsResponse } from './trends.schemas';

/**
 * The scenario of testing/kpi-scenario.ts. Enrolments by month:
 *   IT-RM  2024-11: 1 (R5); 2025-02: 6 (R1); 2025-03: 4 (R2, R3); 2025-04: 1 (R4)
 *   IT-MI  2025-05: 3
 *   GR-ATH 2025-06: 7
 * Placements: IT-RM 2025-07: 2 (R2), 2025-08: 6 (R1); IT-MI 2025-09: 1; GR-ATH 2025-11: 1.
 */
const values = (series: TrendsResponse['totals']['series'] | undefined) => series?.map((p) => p.value.value);

describe('GET /v1/kpis/trends', () => {
  let h: AnalyticsHarness;

  beforeAll(async () => {
    h = await startAnalytics({ minCell: 5 });
    await h.send(scenarioEvents(SCENARIO_SITES, Object.values(scenarioPeople()).flat()));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('gives every month of the period, zeros included, per site and in total', async () => {
    const res = await h.get<TrendsResponse>(`/v1/kpis/trends?metric=enrolled&interval=month&from=2025-01-01&to=2025-06-30&asOf=2026-06-30`, ALL_STAFF);
    expect(res.status).toBe(200);
    expect(res.body.periods).toEqual(['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01']);
    expect(values(res.body.groups.find((g) => g.key === 'IT-RM')?.series)).toEqual([0, 6, 4, 1, 0, 0]);
    expect(values(res.body.groups.find((g) => g.key === 'IT-MI')?.series)).toEqual([0, 0, 0, 0, 3, 0]);
    expect(values(res.body.totals.series)).toEqual([0, 6, 4, 1, 3, 7]);
    // the total of the period: 6 + 4 + 1 + 3 + 7 = 21
    expect(res.body.totals.total.value).toBe(21);
  });

  it('buckets by quarter and year, and counts other steps', async () => {
    const q = await h.get<TrendsResponse>(`/v1/kpis/trends?metric=placed&interval=quarter&from=2025-01-01&to=2025-12-31&asOf=2026-06-30&groupBy=country`, ALL_STAFF);
    // placed: Q3 2025 = R2 (07) 2 + R1 (08) 6 + MI (09) 1 = 9 in IT; Q4: ATH (11) 1 in GR
    expect(q.body.periods).toEqual(['2025-01-01', '2025-04-01', '2025-07-01', '2025-10-01']);
    expect(values(q.body.groups.find((g) => g.key === 'IT')?.series)).toEqual([0, 0, 9, 0]);
    expect(values(q.body.groups.find((g) => g.key === 'GR')?.series)).toEqual([0, 0, 0, 1]);
    const y = await h.get<TrendsResponse>(`/v1/kpis/trends?metric=enrolled&interval=year&from=2024-01-01&to=2025-12-31&asOf=2026-06-30&site=IT-RM`, ALL_STAFF);
    // R5 enrolled 2024-11; the other 11 in 2025
    expect(values(y.body.totals.series)).toEqual([1, 11]);
  });

  it('filters by occurredOn and ends at asOf by default, starting 24 months earlier', async () => {
    const res = await h.get<TrendsResponse>(`/v1/kpis/trends?metric=enrolled&from=2024-11-01&to=2025-01-31&asOf=2026-06-30&site=IT-RM`, ALL_STAFF);
    expect(values(res.body.totals.series)).toEqual([1, 0, 0]);
    // asOf 2025-12-31, no from/to: 2023-12-01 … 2025-12-01 = 25 months; R5 falls in 2024-11 (index 11)
    const open = await h.get<TrendsResponse>(`/v1/kpis/trends?metric=enrolled&asOf=2025-12-31&site=IT-RM`, ALL_STAFF);
    expect(open.body.filters.from).toBe('2023-12-01');
    expect(open.body.filters.to).toBe('2025-12-31');
    expect(open.body.periods).toHaveLength(25);
    expect(open.body.totals.series[11]).toEqual({ period: '2024-11-01', value: { value: 1, suppressed: false } });
  });

  it('protects every bucket for consortium_lead: facts counted in the month their release block closes', async () => {
    const q = `metric=enrolled&interval=month&from=2025-01-01&to=2025-06-30&asOf=2026-06-30`;
    const [lead, truth] = await Promise.all([h.get<TrendsResponse>(`/v1/kpis/trends?${q}`, LEAD), h.get<TrendsResponse>(`/v1/kpis/trends?${q}`, ALL_STAFF)]);
    const breaches: string[] = [];
    for (const g of lead.body.groups) {
      breaches.push(...protectionBreaches(`${g.key} total`, g.total, truth.body.groups.find((x) => x.key === g.key)?.total ?? { value: 0, suppressed: false }));
      g.series.forEach((p) => {
        const v = p.value.value as number;
        if (p.value.suppressed || (v > 0 && v < 5)) breaches.push(`${g.key} ${p.period}: ${JSON.stringify(p.value)}`);
      });
    }
    expect(breaches).toEqual([]);
    // Rome: 1 (2024-11) + 6 (2025-02) + 4 (2025-03) = 11 ≥ 10 closes a block in March, so all
    // eleven count in March 2025; April's one waits. Milan's 3 all wait.
    const rome = lead.body.groups.find((g) => g.key === 'IT-RM');
    expect(rome?.series.filter((p) => p.value.value !== 0).map((p) => p.period)).toEqual(['2025-03-01']);
    expect(Math.abs((rome?.series[2]?.value.value as number) - 11)).toBeLessThanOrEqual(4);
    expect(lead.body.groups.find((g) => g.key === MI.code)?.series.every((p) => p.value.value === 0)).toBe(true);
  });

  it('moves a late event into its past bucket', async () => {
    await h.send(personEvents({ site: MI, enrolled: '2025-02-20' }));
    const res = await h.get<TrendsResponse>(`/v1/kpis/trends?metric=enrolled&from=2025-01-01&to=2025-06-30&asOf=2026-06-30&site=IT-MI`, ALL_STAFF);
    expect(values(res.body.totals.series)).toEqual([0, 1, 0, 0, 3, 0]);
  });

  it('names the field: 400 for an unknown metric or interval, 422 for too many buckets', async () => {
    const paths = async (q: string, status = 400) => {
      const r = await h.getRaw(`/v1/kpis/trends?${q}`, ALL_STAFF);
      expect(r.status).toBe(status);
      return ((await r.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
    };
    expect(await paths('metric=women')).toEqual(['/metric']);
    expect(await paths('metric=enrolled&interval=week')).toEqual(['/interval']);
    // 2010-01 … 2025-12 by month = 192 buckets > 120
    expect(await paths('metric=enrolled&interval=month&from=2010-01-01&to=2025-12-31', 422)).toEqual(['/interval']);
    expect((await h.getRaw(`/v1/kpis/trends?metric=enrolled&country=GR`, { role: 'site_staff', sites: ['IT-RM'] })).status).toBe(403);
  });
});
