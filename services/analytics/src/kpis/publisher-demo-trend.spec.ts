// The publisher with the real planner on the demo programme's monthly placements (seed 2026,
// reference date 2026-11-24: `GET /v1/kpis/trends?metric=placed&interval=month`, see
// bench/disclosure-plan.bench.mjs), which once took 30 s to plan cold — longer than the
// dashboard's proxy waits — and blocked the analytics service meanwhile.
import type { Principal } from '@meic/service-kit';
import type { SiteRef } from '../disclosure/disclosure-plan';
import { attackShownUnits, hierarchyUnits } from '../testing/shown-units-attack';
import { PublisherService, type MeasureCounts } from './publisher.service';

// Times the planner, not Jest's vm context: see yalps-node-realm.
jest.mock('yalps', () => jest.requireActual<typeof import('../testing/yalps-node-realm')>('../testing/yalps-node-realm').yalpsFromNodeRealm(__filename));

const lead: Principal = { sub: 'l', role: 'consortium_lead', sites: [] };
const months = Array.from({ length: 25 }, (_, i) => new Date(Date.UTC(2024, 10 + i, 1)).toISOString().slice(0, 10));
/** First placements per site and month, 2024-11 … 2026-11, as the demo generator makes them. */
const DEMO: readonly [string, string, string, number[]][] = [
  ['CY-LIM', 'CY', 'AMIR', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 2, 1, 0, 3, 3, 2, 3, 3, 3, 8, 3]],
  ['CY-NIC', 'CY', 'AMIL', [0, 0, 0, 0, 1, 1, 3, 4, 3, 7, 4, 3, 9, 5, 8, 4, 10, 6, 3, 7, 10, 17, 14, 13, 10]],
  ['DE-BER', 'DE', 'AMIR', [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 4, 3, 8, 7, 7, 8, 4, 6, 8, 9, 8, 25, 9]],
  ['ES-MAD', 'ES', 'LIME', [0, 0, 1, 6, 10, 5, 16, 13, 15, 29, 10, 9, 24, 17, 5, 3, 11, 6, 3, 4, 3, 0, 0, 0, 0]],
  ['ES-VLC', 'ES', 'AMIR', [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 4, 1, 4, 1, 6, 7, 2, 7, 5, 4, 7, 8, 4, 6]],
  // 5 placements in 5 months: its published total gives each away, so it is left out.
  ['FR-LYO', 'FR', 'AMIR', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1]],
  ['GR-ATH', 'GR', 'AMIL', [0, 0, 0, 0, 0, 0, 5, 0, 5, 2, 5, 3, 7, 4, 5, 6, 9, 5, 6, 8, 17, 8, 10, 6, 6]],
  ['GR-THE', 'GR', 'AMIR', [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 4, 5, 0, 3, 7, 4, 3, 4, 6, 6, 6, 7]],
  // 3 and 4 single placements, totals hidden as a pair under the published AMIR total: pinned.
  ['HU-BUD', 'HU', 'AMIR', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0]],
  ['IT-BO', 'IT', 'LIME', [0, 1, 2, 3, 8, 8, 5, 9, 12, 20, 19, 17, 24, 19, 14, 15, 9, 5, 5, 3, 2, 5, 3, 2, 0]],
  ['IT-PA', 'IT', 'AMIR', [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 3, 3, 0, 4, 5, 7, 3, 7, 3, 4, 3, 6, 1]],
  ['IT-RM', 'IT', 'AMIL', [0, 0, 0, 0, 1, 3, 1, 6, 6, 15, 12, 9, 6, 13, 14, 9, 14, 17, 9, 18, 16, 13, 20, 32, 13]],
  ['SE-MAL', 'SE', 'AMIR', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0]],
];
const sites: SiteRef[] = DEMO.map(([code, country, programme]) => ({ code, country, programme }));
const measureOf = (counts: number[][]): MeasureCounts => {
  const totals = counts.map((r) => r.reduce((a, b) => a + b, 0));
  return { key: `demo-placed-${totals.join(',')}`, sites, categories: months, exhaustive: true, counts, totals };
};
const demo = measureOf(DEMO.map(([, , , row]) => row));

const units = hierarchyUnits(sites);

describe('PublisherService on the demo programme, placements by month', () => {
  it('leaves out the three sites no pattern protects, shows the others within seconds, and an attacker recovers nothing', async () => {
    const started = performance.now();
    const published = new PublisherService(5).publish(lead, demo);
    // 30 s before (and then everything withheld); well under a second in Node, some more under Jest.
    expect(performance.now() - started).toBeLessThan(3000);
    // FR-LYO: a published total of 5 made of 5 single people. HU-BUD and SE-MAL: 3 and 4 single
    // people whose totals are hidden as a pair under the published AMIR total, so each month is pinned.
    const left = new Set(['FR-LYO', 'HU-BUD', 'SE-MAL']);
    for (const code of left) for (const c of months) expect(published.cell('site', code, c)).toEqual({ value: null, suppressed: true });
    for (const c of months) expect(published.cell('programme', 'AMIR', c)).toEqual({ value: null, suppressed: true });
    expect(published.cell('site', 'HU-BUD', null)).toEqual({ value: null, suppressed: true });
    expect(published.cell('site', 'IT-RM', null)).toEqual({ value: 247, suppressed: false });
    await expectShownTruthfulAndSafe(published, demo, left);
  }, 120_000);

  it('without the two pinned sites, leaves FR-LYO out, shows the rest within seconds, and an attacker recovers nothing', async () => {
    const zeroed = new Set(['HU-BUD', 'SE-MAL']);
    const m = measureOf(DEMO.map(([code, , , row]) => (zeroed.has(code) ? row.map(() => 0) : row)));
    const started = performance.now();
    const published = new PublisherService(5).publish(lead, m);
    expect(performance.now() - started).toBeLessThan(3000);
    for (const c of months) expect(published.cell('site', 'FR-LYO', c)).toEqual({ value: null, suppressed: true });
    expect(published.cell('site', 'FR-LYO', null)).toEqual({ value: 5, suppressed: false });
    await expectShownTruthfulAndSafe(published, m, new Set(['FR-LYO']));
  }, 120_000);
});

/**
 * Rome's months are shown (but for the small ones and their complements) and true, and over the
 * units without a left-out site (whose zeros are withheld too) an attacker recovers no hidden cell.
 */
async function expectShownTruthfulAndSafe(published: ReturnType<PublisherService['publish']>, m: MeasureCounts, left: ReadonlySet<string>): Promise<void> {
  const rome = months.map((c) => published.cell('site', 'IT-RM', c).value);
  const romeTruth = m.counts[sites.findIndex((s) => s.code === 'IT-RM')] ?? [];
  expect(rome.filter((v, i) => v !== null && v !== romeTruth[i])).toEqual([]);
  expect(rome.filter((v) => v !== null).length).toBeGreaterThan(months.length / 2);

  const attack = await attackShownUnits(published, units.filter((u) => !u.members.some((c) => left.has(c))), months);
  expect(attack.hidden).toBeGreaterThan(0);
  expect(attack.recovered).toEqual([]);
}
