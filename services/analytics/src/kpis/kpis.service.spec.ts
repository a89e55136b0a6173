import type { Principal } from '@meic/service-kit';
import type { KpisRepository, PlacementTime, SiteCounts, SiteInfo } from './kpis.repository';
import { KpisService } from './kpis.service';

const site: SiteInfo = { site_code: 'IT-RM', country: 'IT', name: 'Roma', programme: 'AMIL', target_enrolled: 100, target_placed: 40, target_women_share_pct: 50 };
// Four people: placed after 30 and 60 days, dropped out at day 10, still waiting at day 100.
const times: PlacementTime[] = [
  { days: 30, placed: true },
  { days: 60, placed: true },
  { days: 10, placed: false },
  { days: 100, placed: false },
];
const counts: SiteCounts = { site_code: 'IT-RM', country: 'IT', enrolled: 4, women: 2, trained: 0, internships_started: 0, placed: 2, dropouts: 1, cohort: 4, cohort_placed: 2, placement_times: times };

function serviceWith(): KpisService {
  // A unit test of the service's own logic: the repository is replaced by fixed rows.
  const repo = { siteCounts: async () => [counts], sites: async () => [site] } as unknown as KpisRepository;
  return new KpisService(repo, 5);
}

describe('KpisService.overview — median days to placement', () => {
  it('reads the median from the Kaplan–Meier curve, censoring drop-outs and people still waiting', async () => {
    // At day 10 one person is censored: 3 remain at risk. Day 30: 1 of 3 placed, S = 2/3.
    // Day 60: 1 of 2 placed, S = 2/3 × 1/2 = 1/3 ≤ 0.5, so the median is 60 days. (A naive median of
    // the two placed people would say 45; ignoring the censoring would say 30–60.)
    const staff: Principal = { sub: 's', role: 'site_staff', sites: ['IT-RM'] };
    const res = await serviceWith().overview(staff, { groupBy: 'site' }, new Date('2026-06-01T00:00:00Z'));
    expect(res.groups[0]?.medianDaysToPlacement).toBe(60);
    expect(res.totals.medianDaysToPlacement).toBe(60);
  });

  it('hides the median with the small cohort it is estimated from, for roles other than site_staff', async () => {
    const lead: Principal = { sub: 'l', role: 'consortium_lead', sites: [] };
    const res = await serviceWith().overview(lead, { groupBy: 'site' }, new Date('2026-06-01T00:00:00Z'));
    expect(res.groups[0]?.enrolled).toEqual({ value: null, suppressed: true });
    expect(res.groups[0]?.medianDaysToPlacement).toBeNull();
  });
});
