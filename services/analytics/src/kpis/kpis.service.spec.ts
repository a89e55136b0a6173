import type { Principal } from '@meic/service-kit';
import { KpiEngine } from './kpi-engine.service';
import { KpisService } from './kpis.service';
import type { Categorisation, Condition } from './measures';
import type { CountTable, ParticipantsRepository, SiteRow, TimeToEvent } from './participants.repository';
import { testDisclosure } from '../testing/test-disclosure';

const rome: SiteRow = { site_code: 'IT-RM', country: 'IT', programme: 'AMIL', name: 'Roma', city: 'Roma', cluster_name: 'c', target_enrolled: 100, target_placed: 40, target_women_share_pct: 50 };
const milan: SiteRow = { ...rome, site_code: 'IT-MI', name: 'Milano', programme: 'LIME', target_enrolled: 50, target_placed: 10, target_women_share_pct: 30 };
// Four people at Rome: placed after 30 and 60 days, dropped out at day 10, still waiting at day 100.
const times: TimeToEvent[] = [
  { site_code: 'IT-RM', days: 30, event: true, key: 11 },
  { site_code: 'IT-RM', days: 60, event: true, key: 12 },
  { site_code: 'IT-RM', days: 10, event: false, key: 13 },
  { site_code: 'IT-RM', days: 100, event: false, key: 14 },
];

/** Counts per site of each measure the overview asks for, keyed by the measure's name. */
const byMeasure: Record<string, Record<string, number>> = {
  enrolled: { 'IT-RM': 4, 'IT-MI': 20 },
  trained: { 'IT-RM': 0, 'IT-MI': 9 },
  internshipsStarted: { 'IT-RM': 0, 'IT-MI': 6 },
  placed: { 'IT-RM': 2, 'IT-MI': 7 },
  dropouts: { 'IT-RM': 1, 'IT-MI': 2 },
  cohortPlaced: { 'IT-RM': 2, 'IT-MI': 7 },
};
const women: Record<string, number> = { 'IT-RM': 2, 'IT-MI': 8 };

function serviceWith(): KpisService {
  // A unit test of the service's own logic: the repository is replaced by fixed rows.
  const repo = {
    sites: async () => [rome, milan],
    participantSites: async () => [],
    timesToEvent: async () => times,
    countTable: async (measures: Record<string, Condition>, categorisation: Categorisation | null): Promise<CountTable> => {
      const table: CountTable = { totals: {}, cells: {} };
      for (const name of Object.keys(measures)) {
        table.totals[name] = new Map(Object.entries(byMeasure[name] ?? {}).map(([site, n]) => [site, { n, key: n * 7919 }]));
        table.cells[name] = new Map();
        if (categorisation?.by === 'sex') {
          for (const [site, n] of Object.entries(byMeasure[name] ?? {})) {
            const w = women[site] ?? 0;
            table.cells[name]?.set(site, new Map([['female', { n: w, key: w * 104729 }], ['male', { n: n - w, key: (n - w) * 1299709 }]]));
          }
        }
      }
      return table;
    },
  } as unknown as ParticipantsRepository;
  return new KpisService(new KpiEngine(repo, testDisclosure()));
}

const staff: Principal = { sub: 's', role: 'site_staff', sites: ['IT-RM'] };
const at = new Date('2026-06-01T00:00:00Z');

describe('KpisService.overview', () => {
  it('reads the median from the Kaplan–Meier curve, censoring drop-outs and people still waiting', async () => {
    // At day 10 one person is censored: 3 remain at risk. Day 30: 1 of 3 placed, S = 2/3.
    // Day 60: 1 of 2 placed, S = 2/3 × 1/2 = 1/3 ≤ 0.5, so the median is 60 days. (A naive median of
    // the two placed people would say 45; ignoring the censoring would say 30–60.)
    const res = await serviceWith().overview(staff, { groupBy: 'site' }, at);
    expect(res.groups.map((g) => g.key)).toEqual(['IT-RM']);
    expect(res.groups[0]?.medianDaysToPlacement).toBe(60);
    expect(res.totals.medianDaysToPlacement).toBe(60);
  });

  it("shows site_staff their own site's counts as they are, with the rate and progress against targets", async () => {
    const g = (await serviceWith().overview(staff, { groupBy: 'site' }, at)).groups[0];
    expect(g?.enrolled).toEqual({ value: 4, suppressed: false });
    expect(g?.women).toEqual({ value: 2, suppressed: false });
    // 2 of the cohort of 4 placed: 50.0 %; progress 4 of 100 enrolled = 4.0 %, 2 of 40 placed = 5.0 %.
    expect(g?.placementRatePct).toMatchObject({ value: 50, numerator: 2, denominator: 4, suppressed: false });
    expect(g?.progress).toEqual({ enrolledPct: 4, placedPct: 5, womenSharePct: 50 });
    expect(g?.targets).toEqual({ enrolled: 100, placed: 40, womenSharePct: 50 });
  });

  it('refuses a site_staff filter on a site outside their own', async () => {
    await expect(serviceWith().overview(staff, { site: 'IT-MI' }, at)).rejects.toMatchObject({ body: { status: 403, detail: expect.stringMatching(/IT-MI/) } });
  });

  it('weights the women-share target of a country by the sites’ enrolment targets', async () => {
    const admin: Principal = { sub: 'a', role: 'site_staff', sites: ['IT-RM', 'IT-MI'] };
    const res = await serviceWith().overview(admin, { groupBy: 'country' }, at);
    // (50 × 100 + 30 × 50) / 150 = 6500 / 150 = 43.33… → 43.3
    expect(res.groups[0]?.targets).toEqual({ enrolled: 150, placed: 50, womenSharePct: 43.3 });
    // 4 + 20 enrolled, 2 + 8 women.
    expect(res.groups[0]?.enrolled.value).toBe(24);
    expect(res.groups[0]?.women.value).toBe(10);
  });

  it('shows a consortium lead perturbed counts: never 1 … 4, within 4 of the truth, the same for the same people', async () => {
    const lead: Principal = { sub: 'l', role: 'consortium_lead', sites: [] };
    const res = await serviceWith().overview(lead, { groupBy: 'site' }, at);
    const rome = res.groups.find((g) => g.key === 'IT-RM');
    const milan = res.groups.find((g) => g.key === 'IT-MI');
    for (const [cell, truth] of [
      [rome?.enrolled, 4],
      [rome?.women, 2],
      [milan?.enrolled, 20],
      [milan?.women, 8],
      [res.totals.enrolled, 24],
    ] as const) {
      const v = cell?.value as number;
      expect(v === 0 || v >= 5).toBe(true);
      expect(Math.abs(v - truth)).toBeLessThanOrEqual(4);
      expect(cell?.suppressed).toBe(false);
    }
    expect(res.disclosure).toMatchObject({ method: 'cell-key', asOf: '2026-05-31', minCell: 5, maxPerturbation: 4, releaseBlock: 10 });
    expect(await serviceWith().overview(lead, { groupBy: 'site' }, at)).toEqual(res);
  });
});
