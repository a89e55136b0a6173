// The publisher with the real planner: a breakdown in which one site's categories can never be
// shown (a published total of 5 made of 5 single people in 5 months) leaves that site out, with
// every aggregate containing it, and still shows the rest — checked by the independent attacker.
import type { Principal } from '@meic/service-kit';
import { attackShownUnits, hierarchyUnits } from '../testing/shown-units-attack';
import { PublisherService, type MeasureCounts } from './publisher.service';

jest.mock('yalps', () => jest.requireActual<typeof import('../testing/yalps-node-realm')>('../testing/yalps-node-realm').yalpsFromNodeRealm(__filename));

const lead: Principal = { sub: 'l', role: 'consortium_lead', sites: [] };
const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const sites = [
  { code: 'FR-A', country: 'FR', programme: 'AMIR' },
  { code: 'IT-B', country: 'IT', programme: 'AMIR' },
  { code: 'IT-C', country: 'IT', programme: 'AMIL' },
  { code: 'ES-D', country: 'ES', programme: 'AMIL' },
  { code: 'ES-E', country: 'ES', programme: 'AMIR' },
];
const counts = [
  months.map((_, i) => (i % 2 === 0 && i < 10 ? 1 : 0)), // 5 single placements
  months.map((_, i) => 5 + (i % 3)),
  months.map((_, i) => 8 + (i % 4)),
  months.map((_, i) => (i === 3 ? 2 : 6 + (i % 2))),
  months.map((_, i) => 4 + (i % 3)),
];
const totals = counts.map((r) => r.reduce((a, b) => a + b, 0));
const m: MeasureCounts = { key: 'k-left-out', sites, categories: months, exhaustive: true, counts, totals };

const units = hierarchyUnits(sites);

describe('PublisherService: a site whose categories can never be shown', () => {
  const published = new PublisherService(5).publish(lead, m);
  const containsA = (u: { members: string[] }) => u.members.includes('FR-A');

  it('withholds that site and every aggregate containing it, keeps the totals, and shows the other sites', () => {
    expect(published.cell('site', 'FR-A', null)).toEqual({ value: 5, suppressed: false });
    for (const u of units.filter(containsA)) for (const c of months) expect(published.cell(u.level, u.key, c)).toEqual({ value: null, suppressed: true });
    // IT-C has nothing small: every month published as it is.
    expect(months.map((c) => published.cell('site', 'IT-C', c).value)).toEqual(counts[2]);
    // An aggregate without it is shown too, but for the complements its neighbours need.
    expect(months.filter((c) => !published.cell('programme', 'AMIL', c).suppressed).length).toBeGreaterThan(months.length / 2);
  });

  it('leaves an attacker holding every published cell and every relation among the units shown nothing to recover', async () => {
    const attack = await attackShownUnits(published, units.filter((u) => !containsA(u)), months);
    expect(attack.recovered).toEqual([]);
    // Some cells are hidden at all (ES-E's months are small), so the check had something to attack.
    expect(attack.hidden).toBeGreaterThan(0);
  });
});
