import { DisclosurePlanError, planDisclosure, type DisclosurePlan, type EntryRef, type MeasureInput, type PlanEntry, type SiteRef } from './disclosure-plan';
import { recoverHidden, type LinearRelation, type PublishedEntry } from './lp-attacker';
import { prng } from '../testing/prng';

// The performance case below times the planner, not Jest's vm context: see yalps-node-realm.
jest.mock('yalps', () => jest.requireActual<typeof import('../testing/yalps-node-realm')>('../testing/yalps-node-realm').yalpsFromNodeRealm(__filename));

const MIN = 5;
const id = (e: EntryRef) => `${e.level}:${e.key}:${e.category ?? '*'}`;
const published = (entries: readonly PlanEntry[]): PublishedEntry[] => entries.map((e) => ({ id: id(e), value: e.suppressed ? null : e.value }));
const relations = (plan: DisclosurePlan): LinearRelation[] => plan.constraints().map((c) => ({ parent: id(c.parent), children: c.children.map(id) }));
/** What an attacker holding every response of these plans recovers. */
const attack = (...plans: DisclosurePlan[]) =>
  recoverHidden(
    plans.flatMap((p) => published(p.entries())),
    plans.flatMap(relations),
  );
const hiddenIds = (plan: DisclosurePlan) =>
  plan
    .entries()
    .filter((e) => e.suppressed)
    .map(id)
    .sort();
const totalsOnly = (sites: SiteRef[], totals: number[]): MeasureInput => ({ sites, categories: [], exhaustive: true, counts: sites.map(() => []), totals });


describe('planDisclosure: hand-made cases', () => {
  it('hides a sibling of a small site so the country total does not give it away', async () => {
    // IT|LIME = A 3 + B 40 = 43 (= IT); FR|LIME = C 50 (= FR); LIME = total = 93.
    // A is small. With B and IT published, A = 43 − 40: B (40, smaller than the cp 43) is hidden.
    // Then A + B = 43 with A, B ≥ 1 leaves A anywhere in 1..42.
    const sites = [
      { code: 'A', country: 'IT', programme: 'LIME' },
      { code: 'B', country: 'IT', programme: 'LIME' },
      { code: 'C', country: 'FR', programme: 'LIME' },
    ];
    const plan = planDisclosure(totalsOnly(sites, [3, 40, 50]), MIN);
    expect(hiddenIds(plan)).toEqual(['site:A:*', 'site:B:*']);
    expect(plan.cell('site', 'A', null)).toEqual({ value: null, suppressed: true });
    expect(plan.cell('country', 'IT', null)).toEqual({ value: 43, suppressed: false });
    expect(plan.cell('countryProgramme', 'IT|LIME', null)).toEqual({ value: 43, suppressed: false });
    expect(plan.cell('total', 'total', null)).toEqual({ value: 93, suppressed: false });
    expect(await attack(plan)).toEqual([]);
  });

  it('protects a small site across the groupBy=site, groupBy=country and groupBy=programme views', async () => {
    // A (IT, LIME) 3, B (IT, AMIL) 20, C (FR, LIME) 30, D (FR, AMIL) 25.
    // Separately protected views would publish B = 20 (by site) and IT = 23 (by country): A = 3.
    // One plan: IT|LIME = A = 3 is small. IT = IT|LIME + IT|AMIL needs a second hidden entry: the
    // country total (23, an aggregate, costs half its value) rather than B's 20 — sites are what
    // readers compare. Then total = IT + FR hides FR (55 → 27.5), FR = FR|LIME + FR|AMIL hides
    // FR|AMIL = D (25 < 30), LIME = IT|LIME + FR|LIME hides LIME (33 → 16.5), and AMIL = IT|AMIL +
    // FR|AMIL hides AMIL. B and C stay published; A = IT − 20 and IT is hidden: a = 3 + t.
    const sites = [
      { code: 'A', country: 'IT', programme: 'LIME' },
      { code: 'B', country: 'IT', programme: 'AMIL' },
      { code: 'C', country: 'FR', programme: 'LIME' },
      { code: 'D', country: 'FR', programme: 'AMIL' },
    ];
    const plan = planDisclosure(totalsOnly(sites, [3, 20, 30, 25]), MIN);
    expect(hiddenIds(plan)).toEqual(
      ['site:A:*', 'site:D:*', 'countryProgramme:IT|LIME:*', 'countryProgramme:FR|AMIL:*', 'country:IT:*', 'country:FR:*', 'programme:LIME:*', 'programme:AMIL:*'].sort(),
    );
    // The groupBy=site view and the groupBy=country view, side by side: nothing to subtract.
    expect(sites.map((s) => plan.cell('site', s.code, null).value)).toEqual([null, 20, 30, null]);
    expect(['IT', 'FR'].map((c) => plan.cell('country', c, null).value)).toEqual([null, null]);
    expect(['LIME', 'AMIL'].map((p) => plan.cell('programme', p, null).value)).toEqual([null, null]);
    expect(plan.cell('total', 'total', null).value).toBe(78);
    expect(await attack(plan)).toEqual([]);
  });

  it('hides a kept category (female) only as a last resort, and stays as safe', async () => {
    // A has 2 people of undisclosed sex: its row needs a second hidden cell, female (40) being the
    // cheapest — unless female is kept, then male (60) goes instead.
    const sites = [
      { code: 'A', country: 'IT', programme: 'AMIL' },
      { code: 'B', country: 'IT', programme: 'AMIL' },
      { code: 'C', country: 'IT', programme: 'AMIL' },
    ];
    const counts = [
      [40, 60, 2],
      [30, 50, 0],
      [35, 45, 0],
    ];
    const input = { sites, categories: ['female', 'male', 'undisclosed'], exhaustive: true, counts, totals: counts.map((r) => r.reduce((a, b) => a + b, 0)) };
    expect(planDisclosure(input, MIN).cell('site', 'A', 'female').value).toBeNull();
    const kept = planDisclosure({ ...input, keepCategories: ['female'] }, MIN);
    expect(sites.map((s) => kept.cell('site', s.code, 'female').value)).toEqual([40, 30, 35]);
    expect(kept.cell('site', 'A', 'male').value).toBeNull();
    expect(kept.cell('site', 'A', 'undisclosed').value).toBeNull();
    expect(await attack(kept)).toEqual([]);
  });

  it('gives up at once on a published total made of as many single people (5 placements in 5 months)', () => {
    const sites = [
      { code: 'A', country: 'FR', programme: 'AMIR' },
      { code: 'B', country: 'IT', programme: 'AMIR' },
    ];
    const months = Array.from({ length: 24 }, (_, i) => `m${i}`);
    const a: number[] = months.map((_, i) => (i % 5 === 0 ? 1 : 0)); // five ones
    const b = months.map((_, i) => 3 + (i % 4));
    const counts = [a, b];
    const totals = counts.map((r) => r.reduce((x, y) => x + y, 0));
    const base = planDisclosure({ sites, categories: [], exhaustive: true, counts: [[], []], totals }, MIN);
    expect(base.cell('site', 'A', null).value).toBe(5);
    const started = Date.now();
    expect(() => planDisclosure({ sites, categories: months, exhaustive: true, counts, totals, fixedTotals: base.totalsPattern() }, MIN)).toThrow(/site A total: its published total 5 is made of as many single people/);
    expect(Date.now() - started).toBeLessThan(200);
    // One person more in one month: which month has two is unknown, and a pattern exists.
    const c = [...a];
    c[0] = 2;
    const totals2 = [6, totals[1] ?? 0];
    const base2 = planDisclosure({ sites, categories: [], exhaustive: true, counts: [[], []], totals: totals2 }, MIN);
    expect(() => planDisclosure({ sites, categories: months, exhaustive: true, counts: [c, b], totals: totals2, fixedTotals: base2.totalsPattern() }, MIN)).not.toThrow();
  });

  it('links overlapping categories only through the hierarchy', async () => {
    // Course types overlap: A has L2 3 and VOC 12 but 13 people (one took both), B L2 10, VOC 8, 15 people.
    // L2: IT = A 3 + B 10 = 13 hides B's L2 (10). VOC has nothing small. Totals 13 + 15 = 28 are
    // untouched: no relation ties a site's total to its course types (13 ≠ 3 + 12).
    const sites = [
      { code: 'A', country: 'IT', programme: 'LIME' },
      { code: 'B', country: 'IT', programme: 'LIME' },
    ];
    const input: MeasureInput = {
      sites,
      categories: ['L2', 'VOC'],
      exhaustive: false,
      counts: [
        [3, 12],
        [10, 8],
      ],
      totals: [13, 15],
    };
    const plan = planDisclosure(input, MIN);
    expect(hiddenIds(plan)).toEqual(['site:A:L2', 'site:B:L2']);
    expect(plan.cell('site', 'A', null)).toEqual({ value: 13, suppressed: false });
    expect(plan.cell('country', 'IT', 'L2')).toEqual({ value: 13, suppressed: false });
    expect(plan.constraints().some((c) => c.parent.level === 'site' && c.parent.category === null)).toBe(false);
    expect(await attack(plan)).toEqual([]);
    // Declared exhaustive, these counts contradict their totals.
    expect(() => planDisclosure({ ...input, exhaustive: true }, MIN)).toThrow(RangeError);
  });

  it('keeps the totals pattern of the uncategorised plan (fixedTotals), which a free plan would break', async () => {
    // s0 F 20 M 2 (22), s1 F 0 M 6 (6), one cp/country/programme: F 20, M 8, total 28.
    // The totals plan has nothing small: 22, 6 and 28 are published by the response without sex.
    const sites = [
      { code: 's0', country: 'IT', programme: 'LIME' },
      { code: 's1', country: 'IT', programme: 'LIME' },
    ];
    const counts = [
      [20, 2],
      [0, 6],
    ];
    const totals = [22, 6];
    const byTotal = planDisclosure(totalsOnly(sites, totals), MIN);
    expect(hiddenIds(byTotal)).toEqual([]);
    const bySex = { sites, categories: ['F', 'M'], exhaustive: true, counts, totals };

    // A plan free to choose protects s1's row (6 = F 0 + M) with s1's total, and the cp total
    // with s0's: fine alone, but with the other response s1's total is 6, so s1 M = 6 − 0.
    const free = planDisclosure(bySex, MIN);
    expect(free.cell('site', 's1', null).suppressed).toBe(true);
    expect((await attack(byTotal, free)).map((r) => [r.id, r.value])).toContainEqual(['site:s1:M', 6]);

    // With fixedTotals, s1 M (= 6 − 0, public for good) stays published, so cp M is hidden with
    // s0 M, s0 F with them (row 22), cp F (row 28), and every level above is a copy of the cp
    // (one country, one programme), hidden too. Totals as the other response has them.
    const fixedPlan = planDisclosure({ ...bySex, fixedTotals: byTotal.totalsPattern() }, MIN);
    expect(fixedPlan.totalsPattern()).toEqual(byTotal.totalsPattern());
    expect(fixedPlan.cell('site', 's1', 'M')).toEqual({ value: 6, suppressed: false });
    expect(fixedPlan.cell('site', 's0', 'M').suppressed).toBe(true);
    expect(fixedPlan.cell('countryProgramme', 'IT|LIME', 'M').suppressed).toBe(true);
    expect(fixedPlan.cell('total', 'total', 'F').suppressed).toBe(true);
    expect(fixedPlan.cell('total', 'total', null)).toEqual({ value: 28, suppressed: false });
    expect(await attack(byTotal, fixedPlan)).toEqual([]);
  });

  it('keeps a hidden fixed total hidden', async () => {
    // Totals A 3, B 40 (IT), C 50 (FR): the totals plan hides A and B (first case). By sex the
    // categorised plan hides A F 1, A M 2, then B F and B M (A + B per sex, cp published), and
    // keeps A's and B's totals hidden as the totals plan decided.
    const sites = [
      { code: 'A', country: 'IT', programme: 'LIME' },
      { code: 'B', country: 'IT', programme: 'LIME' },
      { code: 'C', country: 'FR', programme: 'LIME' },
    ];
    const totals = [3, 40, 50];
    const byTotal = planDisclosure(totalsOnly(sites, totals), MIN);
    const bySex = planDisclosure(
      {
        sites,
        categories: ['F', 'M'],
        exhaustive: true,
        counts: [
          [1, 2],
          [20, 20],
          [25, 25],
        ],
        totals,
        fixedTotals: byTotal.totalsPattern(),
      },
      MIN,
    );
    expect(bySex.totalsPattern()).toEqual(byTotal.totalsPattern());
    expect(hiddenIds(bySex)).toEqual(['site:A:*', 'site:A:F', 'site:A:M', 'site:B:*', 'site:B:F', 'site:B:M']);
    expect(await attack(byTotal, bySex)).toEqual([]);
  });

  it('refuses a breakdown that fixed totals and zeros give away whatever is hidden', async () => {
    // One cp of three sites with totals 2, 2, 1: the totals plan hides them and publishes the cp, 5.
    // By three categories a [1, 0, 1], b [1, 1, 0], c [0, 1, 0]: with the zeros published,
    // a = a0 + a2 ≥ 2, b = b0 + b1 ≥ 2, c = c1 ≥ 1 and a + b + c = 5, so every cell is at its
    // minimum, 1, whatever else is hidden: no pattern exists, and the plan says so.
    const sites = ['a', 'b', 'c'].map((code) => ({ code, country: 'IT', programme: 'LIME' }));
    const totals = [2, 2, 1];
    const byTotal = planDisclosure(totalsOnly(sites, totals), MIN);
    expect(byTotal.cell('countryProgramme', 'IT|LIME', null)).toEqual({ value: 5, suppressed: false });
    const counts = [
      [1, 0, 1],
      [1, 1, 0],
      [0, 1, 0],
    ];
    const input = { sites, categories: ['k0', 'k1', 'k2'], exhaustive: true, counts, totals };
    expect(() => planDisclosure({ ...input, fixedTotals: byTotal.totalsPattern() }, MIN)).toThrow(DisclosurePlanError);
    // Hiding every non-zero cell but the published totals still gives a0 = 1 away.
    const structure = planDisclosure(input, MIN);
    const maximal = structure.entries().map((e) => ({ id: id(e), value: e.value === 0 || (e.category === null && !byTotal.cell(e.level, e.key, null).suppressed) ? e.value : null }));
    expect((await recoverHidden(maximal, relations(structure))).map((r) => r.id)).toContain('site:a:k0');
  });

  it('refuses at once a breakdown whose hidden totals the bounds pin as a pair', async () => {
    // Programme P: a (IT) 3 and b (FR) 4, both small, and c (ES) 40. The totals plan hides a and
    // b (and their cp and country units, which equal them) and publishes P = 47 and c: a + b = 7,
    // each anywhere in 1..6. By month, a is three single placements and b four, so a ≥ 3 and
    // b ≥ 4 pin a = 3, b = 4 and every month of theirs to 1, whatever else is hidden. Neither
    // total is published, so this is not the "total made of single people" case; the search
    // used to spend minutes of LPs before giving up on such a breakdown.
    const sites = [
      { code: 'a', country: 'IT', programme: 'P' },
      { code: 'b', country: 'FR', programme: 'P' },
      { code: 'c', country: 'ES', programme: 'P' },
    ];
    const counts = [
      [1, 1, 1, 0, 0, 0],
      [1, 0, 1, 1, 0, 1],
      [7, 7, 7, 7, 6, 6],
    ];
    const totals = counts.map((r) => r.reduce((x, y) => x + y, 0));
    const byTotal = planDisclosure(totalsOnly(sites, totals), MIN);
    expect(hiddenIds(byTotal).filter((e) => e.startsWith('site:'))).toEqual(['site:a:*', 'site:b:*']);
    const input = { sites, categories: ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'], exhaustive: true, counts, totals };
    expect(() => planDisclosure({ ...input, fixedTotals: byTotal.totalsPattern() }, MIN)).toThrow(/pin it even with every other entry hidden/);
    // The independent attacker agrees: with every entry hidden that may be, a's months are known.
    const structure = planDisclosure(input, MIN);
    const fixedPublished = new Set(
      byTotal
        .entries()
        .filter((e) => !e.suppressed)
        .map(id),
    );
    const maximal = structure.entries().map((e) => ({ id: id(e), value: e.value === 0 || fixedPublished.has(id(e)) ? e.value : null }));
    expect((await recoverHidden(maximal, relations(structure))).map((r) => r.id)).toContain('site:a:k0');
  });

  it('hides nothing when nothing is small (zeros are published)', async () => {
    const sites = Array.from({ length: 6 }, (_, i) => ({ code: `s${i}`, country: `C${i % 2}`, programme: `P${i % 3}` }));
    const counts = sites.map((_, i) => [10 + i, i % 2 === 0 ? 0 : 7, 25]);
    const plan = planDisclosure({ sites, categories: ['a', 'b', 'c'], exhaustive: true, counts, totals: counts.map((r) => r[0]! + r[1]! + r[2]!) }, MIN);
    expect(hiddenIds(plan)).toEqual([]);
    expect(plan.cell('site', 's0', 'b')).toEqual({ value: 0, suppressed: false });
  });

  it('pins nothing through the bounds: a + b = 2 is protected by a third cell', async () => {
    // One cp with sites of 1, 1 and 30: the cp (32) is published, and the two hidden 1s alone
    // would satisfy a + b = 2 only as 1 + 1. The 30 joins them: a + b + c = 32, each 1..30.
    const sites = ['x', 'y', 'z'].map((code) => ({ code, country: 'IT', programme: 'LIME' }));
    const plan = planDisclosure(totalsOnly(sites, [1, 1, 30]), MIN);
    expect(hiddenIds(plan)).toEqual(['site:x:*', 'site:y:*', 'site:z:*']);
    expect(await attack(plan)).toEqual([]);
  });

  it('is deterministic and independent of the order of the sites', () => {
    const sites = [
      { code: 'A', country: 'IT', programme: 'LIME' },
      { code: 'B', country: 'IT', programme: 'AMIL' },
      { code: 'C', country: 'FR', programme: 'LIME' },
      { code: 'D', country: 'FR', programme: 'AMIL' },
    ];
    const counts = [
      [1, 9],
      [12, 2],
      [7, 7],
      [3, 30],
    ];
    const input = { sites, categories: ['F', 'M'], exhaustive: true, counts, totals: counts.map((r) => r[0]! + r[1]!) };
    const a = planDisclosure(input, MIN).entries();
    expect(planDisclosure(input, MIN).entries()).toEqual(a);
    const reversed = { ...input, sites: [...sites].reverse(), counts: [...counts].reverse(), totals: [...input.totals].reverse() };
    const byId = (es: PlanEntry[]) => Object.fromEntries(es.map((e) => [id(e), e.suppressed]));
    expect(byId(planDisclosure(reversed, MIN).entries())).toEqual(byId(a));
  });

  it('rejects inconsistent input', () => {
    const sites = [
      { code: 'A', country: 'IT', programme: 'LIME' },
      { code: 'B', country: 'IT', programme: 'LIME' },
    ];
    expect(() => planDisclosure(totalsOnly([sites[0]!, sites[0]!], [5, 6]), MIN)).toThrow(/duplicate site/);
    expect(() => planDisclosure(totalsOnly(sites, [5, -1]), MIN)).toThrow(RangeError);
    const pattern = planDisclosure(totalsOnly(sites, [20, 30]), MIN).totalsPattern();
    // The pattern publishes A's total, which is now small: the plans came from different data.
    expect(() => planDisclosure({ ...totalsOnly(sites, [2, 30]), fixedTotals: pattern }, MIN)).toThrow(DisclosurePlanError);
    expect(() => planDisclosure({ ...totalsOnly([...sites, { code: 'Z', country: 'FR', programme: 'LIME' }], [20, 30, 9]), fixedTotals: pattern }, MIN)).toThrow(/fixedTotals has no site Z/);
    const plan = planDisclosure(totalsOnly(sites, [20, 30]), MIN);
    // No site in FR: nobody counted there.
    expect(plan.cell('country', 'FR', null)).toEqual({ value: 0, suppressed: false });
    expect(plan.cell('countryProgramme', 'IT|AMIL', null)).toEqual({ value: 0, suppressed: false });
    expect(() => plan.cell('country', 'IT', 'F')).toThrow(RangeError);
  });
});

describe('planDisclosure: random hierarchies against an independent attacker', () => {
  it('leaves nothing recoverable and hides every small entry', async () => {
    const rnd = prng(20261124);
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    // Many small counts and zeros: the hard case for complementary suppression.
    const count = () => {
      const u = rnd();
      return u < 0.3 ? 0 : u < 0.65 ? int(1, 4) : int(5, 40);
    };
    let planned = 0;
    let unprotectable = 0;
    for (let n = 0; n < 300; n++) {
      const countries = int(1, 3);
      const programmes = int(1, 3);
      const sites = Array.from({ length: int(1, 8) }, (_, i) => ({ code: `s${i}`, country: `C${int(1, countries)}`, programme: `P${int(1, programmes)}` }));
      const categories = Array.from({ length: int(0, 4) }, (_, i) => `k${i}`);
      const exhaustive = rnd() < 0.6;
      const counts = sites.map(() => categories.map(count));
      const totals = counts.map((row) => (row.length === 0 ? count() : exhaustive ? row.reduce((a, b) => a + b, 0) : Math.max(...row) + int(0, 5)));
      const minCell = rnd() < 0.8 ? 5 : 3;
      const byTotal = planDisclosure(totalsOnly(sites, totals), minCell);
      const withFixed = rnd() < 0.7;
      const input: MeasureInput = { sites, categories, exhaustive, counts, totals, ...(withFixed ? { fixedTotals: byTotal.totalsPattern() } : {}) };
      const context = JSON.stringify({ n, minCell, ...input });
      let plan: DisclosurePlan;
      try {
        plan = planDisclosure(input, minCell);
      } catch (error) {
        if (!(error instanceof DisclosurePlanError) || !withFixed) throw new Error(`${String(error)} for ${context}`, { cause: error });
        // Only acceptable when no pattern at all protects: hiding every entry that may be hidden
        // (all but zeros and the published fixed totals) still lets the attacker recover one.
        const structure = planDisclosure({ sites, categories, exhaustive, counts, totals }, minCell);
        const fixedPublished = new Set(
          byTotal
            .entries()
            .filter((e) => !e.suppressed)
            .map(id),
        );
        const maximal = structure.entries().map((e) => ({ id: id(e), value: e.value === 0 || fixedPublished.has(id(e)) ? e.value : null }));
        expect({ context, recovered: (await recoverHidden(maximal, relations(structure))).length > 0 }).toEqual({ context, recovered: true });
        unprotectable++;
        continue;
      }
      planned++;
      const entries = plan.entries();
      // Every small entry hidden, every zero published.
      const wrong = entries.filter((e) => (e.value > 0 && e.value < minCell && !e.suppressed) || (e.value === 0 && e.suppressed));
      expect({ context, wrong }).toEqual({ context, wrong: [] });
      if (withFixed) expect({ context, pattern: plan.totalsPattern() }).toEqual({ context, pattern: byTotal.totalsPattern() });
      const recovered = withFixed ? await attack(byTotal, plan) : await attack(plan);
      expect({ context, recovered }).toEqual({ context, recovered: [] });
    }
    expect(planned).toBeGreaterThan(290);
    expect(unprotectable).toBeLessThan(5);
  }, 60_000);
});

describe('planDisclosure: performance', () => {
  // 30 sites in 6 countries × 3 programmes (18 cp units), 12 exhaustive categories, about a third
  // of the cells small: 754 entries, about 300 of them hidden.
  const rnd = prng(1);
  const sites = Array.from({ length: 30 }, (_, i) => ({ code: `S${String(i).padStart(2, '0')}`, country: `C${i % 6}`, programme: `P${Math.floor(i / 6) % 3}` }));
  const categories = Array.from({ length: 12 }, (_, c) => `k${c}`);
  const counts = sites.map(() =>
    categories.map(() => {
      const u = rnd();
      return u < 0.3 ? 0 : u < 0.6 ? 1 + Math.floor(rnd() * 4) : 5 + Math.floor(rnd() * 60);
    }),
  );
  const totals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  let byTotal: DisclosurePlan | undefined;
  let byCategory: DisclosurePlan | undefined;

  it('plans the totals and the 12 categories of 30 sites in under 1.5 s', () => {
    const started = performance.now();
    byTotal = planDisclosure(totalsOnly(sites, totals), MIN);
    byCategory = planDisclosure({ sites, categories, exhaustive: true, counts, totals, fixedTotals: byTotal.totalsPattern() }, MIN);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('and that plan is safe', async () => {
    if (!byTotal || !byCategory) throw new Error('the performance case did not run');
    expect(await attack(byTotal, byCategory)).toEqual([]);
  }, 60_000);
});
