import { randomUUID } from 'node:crypto';
import { buildEvent, type CloudEvent } from '@meic/contracts';
import { startAnalytics, type AnalyticsHarness } from '../testing/analytics-harness';
import { ALL_STAFF, ATH, LEAD, RM, scenarioEvents, scenarioPeople, SCENARIO_SITES, type ScenarioSite } from '../testing/kpi-scenario';
import type { ClustersResponse } from './clusters.schemas';

/**
 * The scenario of testing/kpi-scenario.ts (cohort of 2025, asOf 2026-06-30) plus cluster members:
 *
 * IT-RM  E1 enterprise      joined 2024-06-01, hired X1 on 2025-10-01          → member, active
 *        V1 vet_provider    joined 2025-01-10, planned a course on 2025-02-01   → member, active
 *        U1 university      joined 2024-01-01, left 2024-12-01                  → not a member in 2025
 *        U2 university      joined 2025-01-10, nothing else                     → member, not active
 * GR-ATH L1 local_authority joined 2025-03-01                                   → member, not active
 *        L2 local_authority joined 2026-02-01                                   → not a member in 2025
 * X1: female, enrolled at IT-RM 2025-04-01, placed by E1 2025-10-01.
 *
 * Enrolled (cohort 2025) / placed ever: IT-RM 11 + X1 = 12 / 8 + 1 = 9; IT-MI 3 / 1; GR-ATH 7 / 1.
 * Contributions in 2025: internships by (unregistered) enterprises: IT-RM 6 (R1), GR-ATH 2 (A1, A2);
 * placements: X1 by E1 (the scenario's placements name no employer); courses: V1's one.
 */
const Q = 'from=2025-01-01&to=2025-12-31&asOf=2026-06-30';

const org = (site: ScenarioSite, id: string, type: 'enterprise' | 'vet_provider' | 'university' | 'local_authority', joined: string): CloudEvent =>
  buildEvent('meic.organisation.joined.v1', { siteCode: site.code, country: site.country, occurredOn: joined, organisationId: id, name: `Org ${type}`, type, naceSector: null, communityOfInterest: false });

function clusterEvents(): CloudEvent[] {
  const [e1, v1, u1, u2, l1, l2] = Array.from({ length: 6 }, () => randomUUID());
  const x1 = { pseudonym: randomUUID(), siteCode: RM.code, country: RM.country, sex: 'female' as const, ageBand: '25-29' as const, citizenship: 'NG', legalStatus: 'refugee' as const };
  return [
    org(RM, e1 as string, 'enterprise', '2024-06-01'),
    org(RM, v1 as string, 'vet_provider', '2025-01-10'),
    org(RM, u1 as string, 'university', '2024-01-01'),
    buildEvent('meic.organisation.left.v1', { siteCode: RM.code, country: RM.country, occurredOn: '2024-12-01', organisationId: u1 as string, name: 'Org university', type: 'university' }),
    org(RM, u2 as string, 'university', '2025-01-10'),
    org(ATH, l1 as string, 'local_authority', '2025-03-01'),
    org(ATH, l2 as string, 'local_authority', '2026-02-01'),
    buildEvent('meic.course.created.v1', {
      siteCode: RM.code,
      country: RM.country,
      occurredOn: '2025-02-01',
      courseId: randomUUID(),
      courseType: 'vocational_training',
      title: 'Welding',
      providerOrgId: v1 as string,
      providerOrgType: 'vet_provider',
      hours: 120,
      startsOn: '2025-03-01',
      endsOn: '2025-06-01',
      cefrTarget: null,
    }),
    buildEvent('meic.beneficiary.enrolled.v2', { ...x1, programme: RM.programme, occurredOn: '2025-04-01' }),
    buildEvent('meic.beneficiary.placed.v2', { ...x1, occurredOn: '2025-10-01', placementId: randomUUID(), employerOrgId: e1 as string, employerOrgType: 'enterprise', contractType: 'permanent', hoursPerWeek: 30, naceSector: 'C' }),
  ];
}

type Figures = ClustersResponse['totals'];
const byType = (f: Figures | undefined, field: 'members' | 'active' | 'internships' | 'placements' | 'courses') =>
  Object.fromEntries((f?.byType ?? []).filter((t) => t[field].value !== 0).map((t) => [t.type, t[field].value]));

describe('GET /v1/kpis/clusters', () => {
  let h: AnalyticsHarness;

  beforeAll(async () => {
    h = await startAnalytics({ minCell: 5 });
    await h.send([...scenarioEvents(SCENARIO_SITES, Object.values(scenarioPeople()).flat()), ...clusterEvents()]);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('counts members and active members by type, contributions, intensity and the placement rate per site (site_staff, unsuppressed)', async () => {
    const res = await h.get<ClustersResponse>(`/v1/kpis/clusters?${Q}&groupBy=site`, ALL_STAFF);
    expect(res.status).toBe(200);
    expect(res.body.types.slice(0, 3)).toEqual(['employer_association', 'vet_provider', 'public_employment_service']);
    const rm = res.body.groups.find((g) => g.key === 'IT-RM');
    // U1 left before 2025; U2 joined in it and did nothing.
    expect(byType(rm, 'members')).toEqual({ enterprise: 1, vet_provider: 1, university: 1 });
    expect(byType(rm, 'active')).toEqual({ enterprise: 1, vet_provider: 1 });
    expect(rm?.members).toEqual({ value: 3, suppressed: false });
    expect(rm?.activeMembers).toEqual({ value: 2, suppressed: false });
    expect(rm?.enrolled).toEqual({ value: 12, suppressed: false });
    // 2 active per 12 enrolled = 16.7 per 100
    expect(rm?.activePer100).toBe(16.7);
    // 9 of 12 placed = 75%, with its Wilson interval around it
    expect(rm?.placementRatePct).toMatchObject({ value: 75, numerator: 9, denominator: 12, suppressed: false });
    expect(rm?.placementRatePct.low).toBeLessThan(75);
    expect(rm?.placementRatePct.high).toBeGreaterThan(75);
    expect(byType(rm, 'internships')).toEqual({ enterprise: 6 });
    expect(byType(rm, 'placements')).toEqual({ enterprise: 1 });
    expect(byType(rm, 'courses')).toEqual({ vet_provider: 1 });

    const mi = res.body.groups.find((g) => g.key === 'IT-MI');
    expect(mi?.members).toEqual({ value: 0, suppressed: false });
    expect(mi?.activePer100).toBe(0);
    expect(mi?.placementRatePct).toMatchObject({ value: 33.3, numerator: 1, denominator: 3 });

    const ath = res.body.groups.find((g) => g.key === 'GR-ATH');
    // L2 joins after the period
    expect(byType(ath, 'members')).toEqual({ local_authority: 1 });
    expect(ath?.activeMembers).toEqual({ value: 0, suppressed: false });
    expect(byType(ath, 'internships')).toEqual({ enterprise: 2 });

    // Totals: 4 members, 2 active, 22 enrolled → 9.1 per 100; 11 of 22 placed
    expect(res.body.totals.members.value).toBe(4);
    expect(res.body.totals.activeMembers.value).toBe(2);
    expect(res.body.totals.activePer100).toBe(9.1);
    expect(res.body.totals.placementRatePct).toMatchObject({ value: 50, numerator: 11, denominator: 22 });
  });

  it('groups by country and confines site_staff to their sites', async () => {
    const byCountry = await h.get<ClustersResponse>(`/v1/kpis/clusters?${Q}&groupBy=country`, ALL_STAFF);
    const it = byCountry.body.groups.find((g) => g.key === 'IT');
    // IT = RM + MI: 3 members, 2 active, 15 enrolled → 13.3 per 100
    expect([it?.members.value, it?.activeMembers.value, it?.enrolled.value, it?.activePer100]).toEqual([3, 2, 15, 13.3]);
    const own = await h.get<ClustersResponse>(`/v1/kpis/clusters?${Q}`, { role: 'site_staff', sites: [ATH.code] });
    expect(own.body.groups.map((g) => g.key)).toEqual(['GR-ATH']);
    expect([own.body.totals.members.value, own.body.totals.enrolled.value]).toEqual([1, 7]);
  });

  it('shows consortium_lead organisation counts as counted, even below minCell, and protects counts of people', async () => {
    const res = await h.get<ClustersResponse>(`/v1/kpis/clusters?${Q}&groupBy=site`, LEAD);
    expect(res.status).toBe(200);
    const rm = res.body.groups.find((g) => g.key === 'IT-RM');
    // Members are organisations, not people (docs/adr/0012): 1 enterprise, 1 VET provider, 1
    // university, 2 active, all below minCell and all shown as counted.
    expect(byType(rm, 'members')).toEqual({ enterprise: 1, vet_provider: 1, university: 1 });
    expect(byType(rm, 'active')).toEqual({ enterprise: 1, vet_provider: 1 });
    expect(rm?.members).toEqual({ value: 3, suppressed: false });
    expect(rm?.activeMembers).toEqual({ value: 2, suppressed: false });
    expect(rm?.byType.find((t) => t.type === 'trade_union')?.members).toEqual({ value: 0, suppressed: false });
    // Contributions count people's activities: X1's placement by E1 and V1's course (1 each) wait
    // in open release blocks, so nothing is counted yet; a true 0 stays 0.
    expect(rm?.byType.find((t) => t.type === 'enterprise')?.placements).toEqual({ value: 0, suppressed: false });
    expect(rm?.byType.find((t) => t.type === 'trade_union')?.placements).toEqual({ value: 0, suppressed: false });
    // Enrolled and the placement rate are the overview's: the same people, the same figures.
    const overview = await h.get<{ groups: { key: string; enrolled: unknown; placementRatePct: unknown }[] }>(`/v1/kpis/overview?${Q}&groupBy=site`, LEAD);
    expect(overview.body.groups.find((g) => g.key === 'IT-RM')?.enrolled).toEqual(rm?.enrolled);
    expect(overview.body.groups.find((g) => g.key === 'IT-RM')?.placementRatePct).toEqual(rm?.placementRatePct);
    // Totals: the same organisation counts as site_staff see.
    expect([res.body.totals.members, res.body.totals.activeMembers]).toEqual([
      { value: 4, suppressed: false },
      { value: 2, suppressed: false },
    ]);
    // Nothing is withheld; no published count of people is 1 to 4.
    const figures = [...res.body.groups, res.body.totals];
    expect(figures.flatMap((g) => [g.members, g.activeMembers, g.enrolled, ...g.byType.flatMap((t) => [t.members, t.active, t.internships, t.placements, t.courses])]).filter((c) => c.suppressed)).toEqual([]);
    const people = figures.flatMap((g) => [g.enrolled, ...g.byType.flatMap((t) => [t.internships, t.placements, t.courses])]);
    expect(people.filter((c) => c.value !== null && c.value > 0 && c.value < 5)).toEqual([]);
  });

  it('publishes the same MEIC-14 and MEIC-15 figures in /v1/indicators for consortium_lead', async () => {
    type Indicators = { indicators: { code: string; byType: { type: string; counts: Record<string, { value: number | null; suppressed: boolean }> }[] }[] };
    const res = await h.get<Indicators>(`/v1/indicators?period=2025&asOf=2026-06-30&site=IT-RM`, LEAD);
    expect(res.status).toBe(200);
    const counts = (code: string, type: string) => res.body.indicators.find((i) => i.code === code)?.byType.find((t) => t.type === type)?.counts;
    expect(counts('MEIC-14', 'enterprise')).toMatchObject({ members: { value: 1, suppressed: false }, active: { value: 1, suppressed: false }, hired: { value: 1, suppressed: false } });
    expect(counts('MEIC-14', 'vet_provider')).toMatchObject({ members: { value: 1, suppressed: false }, providedCourse: { value: 1, suppressed: false } });
    const clusters = await h.get<ClustersResponse>(`/v1/kpis/clusters?${Q}&site=IT-RM`, LEAD);
    for (const field of ['internships', 'placements'] as const) {
      expect(clusters.body.totals.byType.find((t) => t.type === 'enterprise')?.[field]).toEqual(counts('MEIC-15', 'enterprise')?.[field]);
    }
  });

  it('answers 400 naming a malformed field, 422 for from after to, 403 for site_staff outside their sites', async () => {
    const bad = await h.getRaw(`/v1/kpis/clusters?groupBy=region`, ALL_STAFF);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['/groupBy']);
    expect((await h.getRaw(`/v1/kpis/clusters?from=2025-06-01&to=2025-01-01`, ALL_STAFF)).status).toBe(422);
    const rome = { role: 'site_staff' as const, sites: ['IT-RM'] };
    expect((await h.getRaw(`/v1/kpis/clusters?site=GR-ATH`, rome)).status).toBe(403);
    expect((await h.getRaw(`/v1/kpis/clusters?country=IT`, rome)).status).toBe(200);
  });
});
