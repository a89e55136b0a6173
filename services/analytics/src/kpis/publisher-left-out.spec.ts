// The publisher with the real planner: a breakdown in which one site's categories can never be
// shown (a published total of 5 made of 5 single people in 5 months) leaves that site out, with
// every aggregate containing it, and still shows the rest — checked by the independent attacker.
import type { Principal } from '@meic/service-kit';
import { recoverHidden, type LinearRelation, type PublishedEntry } from '../disclosure/lp-attacker';
import type { Level } from '../disclosure/disclosure-plan';
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

const units: { level: Level; key: string; members: number[] }[] = [
  ...sites.map((s, i) => ({ level: 'site' as const, key: s.code, members: [i] })),
  ...['FR|AMIR', 'IT|AMIR', 'IT|AMIL', 'ES|AMIL', 'ES|AMIR'].map((k) => ({ level: 'countryProgramme' as const, key: k, members: sites.flatMap((s, i) => (`${s.country}|${s.programme}` === k ? [i] : [])) })),
  ...['FR', 'IT', 'ES'].map((k) => ({ level: 'country' as const, key: k, members: sites.flatMap((s, i) => (s.country === k ? [i] : [])) })),
  ...['AMIR', 'AMIL'].map((k) => ({ level: 'programme' as const, key: k, members: sites.flatMap((s, i) => (s.programme === k ? [i] : [])) })),
  { level: 'total', key: 'total', members: sites.map((_, i) => i) },
];
const id = (level: Level, key: string, category: string | null) => `${level}:${key}:${category ?? '*'}`;

describe('PublisherService: a site whose categories can never be shown', () => {
  const published = new PublisherService(5).publish(lead, m);
  const containsA = (u: { members: number[] }) => u.members.includes(0);

  it('withholds that site and every aggregate containing it, keeps the totals, and shows the other sites', () => {
    expect(published.cell('site', 'FR-A', null)).toEqual({ value: 5, suppressed: false });
    for (const u of units.filter(containsA)) for (const c of months) expect(published.cell(u.level, u.key, c)).toEqual({ value: null, suppressed: true });
    // IT-C has nothing small: every month published as it is.
    expect(months.map((c) => published.cell('site', 'IT-C', c).value)).toEqual(counts[2]);
    // An aggregate without it is shown too, but for the complements its neighbours need.
    expect(months.filter((c) => !published.cell('programme', 'AMIL', c).suppressed).length).toBeGreaterThan(months.length / 2);
  });

  it('leaves an attacker holding every published cell and every relation among the units shown nothing to recover', async () => {
    const shown = units.filter((u) => !containsA(u));
    const entries: PublishedEntry[] = shown.flatMap((u) => [null, ...months].map((c) => ({ id: id(u.level, u.key, c), value: published.cell(u.level, u.key, c).value })));
    const relations: LinearRelation[] = [];
    for (const c of [null, ...months]) {
      for (const parent of shown.filter((u) => u.level !== 'site')) {
        const below: Level = parent.level === 'countryProgramme' ? 'site' : parent.level === 'total' ? 'country' : 'countryProgramme';
        relations.push({ parent: id(parent.level, parent.key, c), children: shown.filter((u) => u.level === below && u.members.every((x) => parent.members.includes(x))).map((u) => id(u.level, u.key, c)) });
      }
    }
    for (const u of shown) relations.push({ parent: id(u.level, u.key, null), children: months.map((c) => id(u.level, u.key, c)) });
    expect(await recoverHidden(entries, relations)).toEqual([]);
    // Some cells are hidden at all (ES-E's months are small), so the check had something to attack.
    expect(entries.filter((e) => e.value === null).length).toBeGreaterThan(0);
  });
});
