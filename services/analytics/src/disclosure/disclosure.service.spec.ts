import type { Principal } from '@meic/service-kit';
import { kaplanMeier } from '../kpis/kaplan-meier';
import type { SiteRef } from '../kpis/site-units';
import { prng } from '../testing/prng';
import { testDisclosure } from '../testing/test-disclosure';
import type { Tally } from './perturbation-table';
import type { CurveSubject } from './published-curve';

const sites: SiteRef[] = [
  { code: 'IT-RM', country: 'IT', programme: 'AMIL' },
  { code: 'IT-BO', country: 'IT', programme: 'LIME' },
  { code: 'GR-ATH', country: 'GR', programme: 'AMIL' },
];
const lead: Principal = { sub: 'l', role: 'consortium_lead', sites: [] };
const rome: Principal = { sub: 's', role: 'site_staff', sites: ['IT-RM'] };
const at = new Date('2026-12-07T10:00:00Z');
const scope = { from: '2025-01-01', to: '2026-12-31', asOf: '2026-12-07' };

/** Tallies of made-up people: n people with record keys drawn from the seed. */
function people(n: number, seed: number): Tally {
  const r = prng(seed);
  let key = 0;
  for (let i = 0; i < n; i++) key = (key + Math.floor(r() * 2 ** 32)) % 2 ** 32;
  return { n, key };
}

const tallies = {
  sites,
  categories: ['female', 'male'],
  totals: [people(3, 1), people(40, 2), people(0, 3)],
  cells: [
    [people(1, 4), people(2, 5)],
    [people(25, 6), people(15, 7)],
    [people(0, 8), people(0, 9)],
  ],
};

describe('DisclosureService', () => {
  it('gives site_staff the exact counts of their own sites only, at the requested date', async () => {
    const reading = await testDisclosure().reading(rome, scope, at);
    expect(reading.isProtected).toBe(false);
    expect(reading.scope.asOf).toBe('2026-12-07');
    const m = reading.measure(tallies);
    expect(m.cell('site', 'IT-RM')).toEqual({ value: 3, suppressed: false });
    expect(m.cell('site', 'IT-RM', 'female')).toEqual({ value: 1, suppressed: false });
    expect(m.cell('country', 'IT')).toEqual({ value: 3, suppressed: false });
    expect(m.cell('site', 'IT-BO')).toEqual({ value: 0, suppressed: false });
    expect(reading.note()).toMatchObject({ method: 'exact', maxPerturbation: null });
  });

  it('gives other roles perturbed counts, counted at the last month end before today', async () => {
    const reading = await testDisclosure().reading(lead, scope, at);
    expect(reading.isProtected).toBe(true);
    expect(reading.scope.asOf).toBe('2026-11-30');
    const m = reading.measure(tallies);
    for (const [level, key, category, truth] of [
      ['site', 'IT-RM', null, 3],
      ['site', 'IT-RM', 'female', 1],
      ['site', 'IT-BO', null, 40],
      ['country', 'IT', null, 43],
      ['countryProgramme', 'IT|AMIL', 'male', 2],
      ['total', 'total', 'female', 26],
    ] as const) {
      const { value, suppressed } = m.cell(level, key, category);
      expect(suppressed).toBe(false);
      expect(value === 0 || (value as number) >= 5).toBe(true);
      expect(Math.abs((value as number) - truth)).toBeLessThanOrEqual(4);
    }
    // A unit with nobody, or no unit at all, counts nobody.
    expect(m.cell('site', 'GR-ATH')).toEqual({ value: 0, suppressed: false });
    expect(m.cell('site', 'XX-NONE')).toEqual({ value: 0, suppressed: false });
    // The same people reached as a site and as a country × programme: one figure.
    expect(m.cell('site', 'IT-BO')).toEqual(m.cell('countryProgramme', 'IT|LIME'));
    // Organisations are published as counted.
    expect(reading.asCounted(tallies).cell('site', 'IT-RM')).toEqual({ value: 3, suppressed: false });
  });

  it('says up to when a group’s facts of a kind are all counted', async () => {
    const months = [
      { site: 'IT-RM', series: 'placed_on', month: '2026-01-01', n: 12 },
      { site: 'IT-RM', series: 'placed_on', month: '2026-06-01', n: 3 },
      { site: 'IT-BO', series: 'placed_on', month: '2026-02-01', n: 10 },
    ];
    const reading = await testDisclosure(months).reading(lead, scope, at);
    expect(reading.completeThrough([sites[1] as SiteRef], 'placed_on')).toBe('2026-11-30');
    expect(reading.completeThrough(sites, 'placed_on')).toBe('2026-05-31');
    expect(reading.counting.release?.releasedOn('IT-RM', 'placed_on', '2026-06-10')).toBeNull();
  });
});

describe('published curves', () => {
  const r = prng(99);
  const subjects: CurveSubject[] = Array.from({ length: 400 }, () => {
    const placed = r() < 0.6;
    return { time: Math.floor(r() * (placed ? 400 : 700)), event: placed, key: Math.floor(r() * 2 ** 32) };
  });

  it('for site_staff: the Kaplan–Meier estimate itself', async () => {
    const reading = await testDisclosure().reading(rome, scope, at);
    const curve = reading.curve(subjects, [0, 30]);
    const km = kaplanMeier(subjects, { riskTimes: [0, 30] });
    expect(curve.median).toEqual(km.median);
    expect(curve.atRisk.map((a) => a.count.value)).toEqual(km.atRisk.map((a) => a.atRisk));
  });

  it('for other roles: steps only at 30-day bucket ends, close to the exact curve, stopping under 10 at risk', async () => {
    const reading = await testDisclosure().reading(lead, scope, at);
    const curve = reading.curve(subjects, [0, 30, 90]);
    const km = kaplanMeier(subjects);
    const exactAt = (t: number) => [...km.steps].reverse().find((s) => s.t <= t)?.survival ?? 1;
    expect(curve.suppressed).toBe(false);
    for (const p of curve.points ?? []) {
      expect(p.t % 30).toBe(0);
      // Events counted at the bucket end: the published step lies between the exact curve at the
      // bucket's start and its end, give or take the perturbation.
      expect(p.survival).toBeLessThanOrEqual(exactAt(p.t - 30) + 0.03);
      expect(p.survival).toBeGreaterThanOrEqual(exactAt(p.t) - 0.03);
    }
    expect(Math.abs((curve.atRisk[0]?.count.value as number) - 400)).toBeLessThanOrEqual(4);
    expect(curve.truncatedAt).not.toBeNull();
    const tail = subjects.filter((s) => s.time >= (curve.truncatedAt as number)).length;
    expect(tail).toBeLessThan(10 + 4);
    expect(Math.abs((curve.median.t as number) - (km.median.t as number))).toBeLessThanOrEqual(30);
    // The same people give the same curve.
    expect(reading.curve([...subjects].reverse(), [0, 30, 90])).toEqual(curve);
  });

  it('withholds a curve of fewer than 10 people at risk from the start', async () => {
    const reading = await testDisclosure().reading(lead, scope, at);
    const few = subjects.slice(0, 3);
    const curve = reading.curve(few, [0]);
    expect(curve.suppressed).toBe(true);
    expect(curve.points).toBeNull();
    expect(curve.median).toEqual({ t: null, low: null, high: null });
    expect([0, 5, 6, 7]).toContain(curve.atRisk[0]?.count.value);
  });
});
