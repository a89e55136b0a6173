import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BreakdownResponse } from '@meic/analytics/breakdown/breakdown.schemas';
import type { CohortsResponse } from '@meic/analytics/cohorts/cohorts.schemas';
import { PerturbationTable } from '@meic/analytics/disclosure/perturbation-table';
import type { IndicatorsResponse } from '@meic/analytics/indicators/indicators.schemas';
import type { OverviewResponse } from '@meic/analytics/kpis/kpis.schemas';
import type { TimeToPlacementResponse } from '@meic/analytics/time-to-placement/time-to-placement.schemas';
import type { TrendsResponse } from '@meic/analytics/trends/trends.schemas';
import { ATTRIBUTES, literalPairs, score, type Attribute, type AttributeScore, type Responses, type Target } from './disclosure/differencing-attack';
import { breakdownPath, daysBetween, familyQuery, fetchOk, fetchShifts, inParallel } from './disclosure/audit-requests';
import { AUDIT_AS_OF, startDemoWorld, type DemoWorld } from './disclosure/demo-world';
import { identityAttack, PublishedCounts } from './disclosure/identity-attack';
import { measureUtility } from './disclosure/utility';

/**
 * The disclosure audit (docs/adr/0012, issue 15): the demo programme (5,036 people at 13 sites,
 * three of them under 25 people) in a real analytics service, attacked as a consortium lead with
 * every single-day shift of `to`, `from` and `asOf` over a year. Figures go to
 * test-artifacts/disclosure-audit.json (or MEIC_DISCLOSURE_AUDIT_OUT, which the benchmark sets).
 */
const YEAR = daysBetween('2025-12-01', AUDIT_AS_OF);
const BOUNDS = { from: '2024-01-01', to: AUDIT_AS_OF, asOf: AUDIT_AS_OF };
const OUT = process.env['MEIC_DISCLOSURE_AUDIT_OUT'] ?? join(__dirname, '..', 'test-artifacts', 'disclosure-audit.json');
const figures: Record<string, unknown> = {};

const outcomeOf = (placedOn: string | null) => (placedOn !== null && placedOn <= AUDIT_AS_OF ? 'placed' : 'not placed');

/** The published counts of a breakdown response and their identities: each group's total is the sum of its categories, the totals row the sum of the sites. */
function addBreakdown(p: PublishedCounts, path: string, b: BreakdownResponse): void {
  const rate = b.metric === 'placementRate';
  const groups = [...b.groups, { key: 'TOTAL', ...b.totals }];
  for (const kind of rate ? (['enr', 'pl'] as const) : (['enr'] as const)) {
    const cell = (c: { count: { value: number | null; suppressed: boolean }; rate: { denominator: number | null } | null }) => (kind === 'enr' && rate ? c.rate?.denominator : c.count);
    const id = (group: string, category: string) => `${path}#${group}#${category}#${kind}`;
    for (const g of groups) {
      p.add(id(g.key, '*'), cell(g.total));
      for (const c of g.categories) p.add(id(g.key, c.category), cell(c));
      if (b.exhaustive) p.sum(id(g.key, '*'), g.categories.map((c) => id(g.key, c.category)));
    }
    if (b.groupBy === 'site' && !b.filters.site && !b.filters.country && !b.filters.programme) {
      for (const category of ['*', ...b.categories]) p.sum(id('TOTAL', category), b.groups.map((g) => id(g.key, category)));
    }
  }
}

describe('disclosure audit on the demo programme', () => {
  let world: DemoWorld;
  let responses: Responses;
  const published = new PublishedCounts();
  const bodies = new Map<string, BreakdownResponse>();

  beforeAll(async () => {
    const t0 = Date.now();
    world = await startDemoWorld();
    figures['programme'] = { people: world.people.length, events: world.events, sites: world.sites.length, loadSeconds: (Date.now() - t0) / 1000 };
  }, 300_000);

  afterAll(async () => {
    await world?.h.close();
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(figures, null, 2)}\n`);
  });

  it('differencing over every single-day shift of to, from and asOf tells no more about a person than their site’s own figures', async () => {
    const t0 = Date.now();
    responses = await fetchShifts(world.h, YEAR, BOUNDS, (path, body) => {
      bodies.set(path, body);
      addBreakdown(published, path, body);
    });
    const fetchSeconds = (Date.now() - t0) / 1000;
    const truthOf = (p: DemoWorld['people'][number]): Record<Attribute, string> => ({ sex: p.sex, legalStatus: p.legalStatus, ageBand: p.ageBand, outcome: outcomeOf(p.placedOn) });
    const targets: Target[] = world.people.filter((p) => YEAR.includes(p.enrolledOn)).map((p) => ({ site: p.siteCode, day: YEAR.indexOf(p.enrolledOn), truth: truthOf(p) }));
    // What the site's own published breakdown tells anyone: its commonest category.
    const priors = new Map<string, Record<Attribute, string>>();
    for (const s of world.sites) {
      const at = world.people.filter((p) => p.siteCode === s.code && p.enrolledOn <= AUDIT_AS_OF).map(truthOf);
      const commonest = (a: Attribute) => {
        const freq = new Map<string, number>();
        for (const t of at) freq.set(t[a], (freq.get(t[a]) ?? 0) + 1);
        return [...freq].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0] ?? '';
      };
      priors.set(s.code, Object.fromEntries(ATTRIBUTES.map((a) => [a, commonest(a)])) as Record<Attribute, string>);
    }
    const day = score(responses, targets, 'day', priors);
    const block = score(responses, targets, 'block', priors);
    // The people a differencing attack threatens most: those of the sites under 25 people.
    const peopleAt = (code: string) => world.people.filter((p) => p.siteCode === code && p.enrolledOn <= AUDIT_AS_OF).length;
    const smallSites = world.sites.filter((s) => peopleAt(s.code) < 25).map((s) => s.code);
    const small = targets.filter((t) => smallSites.includes(t.site));
    const blockSmall = score(responses, small, 'block', priors);
    // The attacker, literally: pairs whose published enrolled differ by exactly 1.
    const inDiff = (family: 'to' | 'from' | 'asOf', site: string, a: string, b: string) =>
      world.people.filter((p) => p.siteCode === site && (family === 'from' ? p.enrolledOn >= a && p.enrolledOn < b : p.enrolledOn > a && p.enrolledOn <= b)).map(truthOf);
    const literal = { attempts: 0, phantom: 0, right: { sex: 0, legalStatus: 0, ageBand: 0, outcome: 0 }, scored: { sex: 0, legalStatus: 0, ageBand: 0, outcome: 0 } };
    for (const s of world.sites) {
      for (const family of ['to', 'from', 'asOf'] as const) {
        const r = literalPairs(responses, family, YEAR, s.code, (a, b) => inDiff(family, s.code, a, b));
        literal.attempts += r.attempts;
        literal.phantom += r.phantom;
        for (const a of ATTRIBUTES) {
          literal.right[a] += r.right[a];
          literal.scored[a] += r.scored[a];
        }
      }
    }
    const table = (name: string, s: Record<Attribute, AttributeScore>) =>
      ATTRIBUTES.map((a) => `${name.padEnd(6)} ${a.padEnd(12)} attempts ${s[a].attempts}, informed ${s[a].informed}, accuracy ${(100 * s[a].accuracy).toFixed(1)} %, site prior ${(100 * s[a].sitePrior).toFixed(1)} %, majority ${(100 * s[a].majority).toFixed(1)} %`).join('\n');
    console.log(
      `differencing attack (${YEAR.length} days × 3 parameters × 3 breakdowns in ${fetchSeconds.toFixed(1)} s):\n${table('day', day)}\n${table('block', block)}\n` +
        `${table('small', blockSmall)} (block pairs, sites under 25 people: ${smallSites.join(', ')})\nliteral pairs: ${JSON.stringify(literal)}`,
    );
    figures['differencing'] = { requests: YEAR.length * 9, fetchSeconds, targets: targets.length, dayPairs: day, blockPairs: block, smallSites: { sites: smallSites, blockPairs: blockSmall }, literal };
    for (const s of [day, block]) {
      for (const a of ATTRIBUTES) {
        expect(s[a].attempts).toBeGreaterThanOrEqual(300);
        expect({ attribute: a, accuracy: s[a].accuracy }).toEqual({ attribute: a, accuracy: expect.any(Number) });
        expect(s[a].accuracy).toBeLessThanOrEqual(s[a].sitePrior + 0.05);
      }
    }
  }, 1_200_000);

  it('lets no published identity pin a count from 1 to 4: categories, sites in countries and programmes, cohort complements, trends against the period counts', async () => {
    const sitesOf = (level: 'country' | 'programme', key: string) => world.sites.filter((s) => s[level] === key).map((s) => s.code);
    // Site vs country vs programme: at every month end, each country and programme is the sum of its sites.
    const monthEnds = YEAR.filter((d) => addDay(d).endsWith('-01'));
    for (const day of monthEnds) {
      const sitePath = breakdownPath('legalStatus', familyQuery('to', day, BOUNDS));
      for (const level of ['country', 'programme'] as const) {
        const path = sitePath.replace('groupBy=site', `groupBy=${level}`);
        const b = await fetchOk<BreakdownResponse>(world.h, path);
        addBreakdown(published, path, b);
        for (const g of b.groups) {
          for (const category of ['*', ...b.categories]) published.sum(`${path}#${g.key}#${category}#enr`, sitesOf(level, g.key).map((code) => `${sitePath}#${code}#${category}#enr`));
        }
      }
    }
    // Trends against the period counts: enrolled up to a month end = up to the month before + that month's bucket.
    const trendsPath = `/v1/kpis/trends?metric=enrolled&interval=month&groupBy=site&from=${YEAR[0]}&to=${AUDIT_AS_OF}&asOf=${AUDIT_AS_OF}`;
    const trends = await fetchOk<TrendsResponse>(world.h, trendsPath);
    for (const g of trends.groups) {
      g.series.forEach((p) => published.add(`${trendsPath}#${g.key}#${p.period}`, p.value));
      published.add(`${trendsPath}#${g.key}#*`, g.total);
      published.sum(`${trendsPath}#${g.key}#*`, g.series.map((p) => `${trendsPath}#${g.key}#${p.period}`));
      for (let m = 1; m < monthEnds.length; m++) {
        const [before, after] = [monthEnds[m - 1] as string, monthEnds[m] as string];
        const id = (day: string) => `${breakdownPath('legalStatus', familyQuery('to', day, BOUNDS))}#${g.key}#*#enr`;
        published.sum(id(after), [id(before), `${trendsPath}#${g.key}#${trends.periods[m]}`]);
      }
    }
    // Cohort complements: enrolled = observed + not yet observable, for every site, quarter and activity.
    const quarters = [
      ['2025-12-01', '2026-02-28'],
      ['2026-03-01', '2026-05-31'],
      ['2026-06-01', '2026-08-31'],
      ['2026-09-01', '2026-11-30'],
      ['2024-01-01', AUDIT_AS_OF],
    ] as const;
    const cohortPaths = world.sites.flatMap((s) => quarters.flatMap(([from, to]) => ['internshipStarted', 'l2Enrolled', 'mentored', 'courseCompleted'].map((activity) => `/v1/kpis/cohorts?asOf=${AUDIT_AS_OF}&a.site=${s.code}&a.enrolledFrom=${from}&a.enrolledTo=${to}&a.activity=${activity}&b.site=${s.code}&b.enrolledFrom=${from}&b.enrolledTo=${to}`)));
    const cohorts = await inParallel(cohortPaths, 4, (path) => fetchOk<CohortsResponse>(world.h, path));
    cohorts.forEach((c, i) => {
      for (const side of ['a', 'b'] as const) {
        const id = (name: string) => `${cohortPaths[i]}#${side}#${name}`;
        const f = c[side];
        published.add(id('enrolled'), f.enrolled);
        for (const [w, window] of [['6', f.placementWithin6Months], ['12', f.placementWithin12Months]] as const) {
          published.add(id(`observed${w}`), window.observed);
          published.add(id(`not${w}`), window.notYetObservable);
          published.sum(id('enrolled'), [id(`observed${w}`), id(`not${w}`)]);
        }
      }
    });
    const table = PerturbationTable.build({ minCell: 5, maxPerturbation: 4, variance: 1.5 });
    const result = identityAttack(published.values, published.identities, (v) => table.preimage(v), 5);
    const widths = [...result.smallRangeWidths].sort((a, b) => a - b);
    const summary = { ...result, pinnedSmall: result.pinnedSmall.slice(0, 20), smallRangeWidths: { cells: widths.length, min: widths[0] ?? null, median: widths[Math.floor(widths.length / 2)] ?? null } };
    console.log(`identity attack: ${JSON.stringify(summary)}`);
    figures['identities'] = { ...summary, pinnedSmall: result.pinnedSmall.length };
    expect(result.identities).toBeGreaterThan(10_000);
    expect(result.pinnedSmall).toEqual([]);
  }, 600_000);

  it('gives the same figure for the same request twice, and for the same people reached by different routes', async () => {
    // The same request twice.
    const paths = [...bodies.keys()].filter((_, i) => i % 97 === 0);
    for (const path of paths) {
      const again = await fetchOk<BreakdownResponse>(world.h, path);
      expect({ path, body: { ...again, generatedAt: null } }).toEqual({ path, body: { ...bodies.get(path), generatedAt: null } });
    }
    // The people of a site enrolled up to the audit's evaluation date, by seven routes.
    const period = `from=${BOUNDS.from}&to=${AUDIT_AS_OF}&asOf=${AUDIT_AS_OF}`;
    const [overview, byCountry, ttp] = await Promise.all([
      fetchOk<OverviewResponse>(world.h, `/v1/kpis/overview?groupBy=site&${period}`),
      fetchOk<OverviewResponse>(world.h, `/v1/kpis/overview?groupBy=country&${period}`),
      fetchOk<TimeToPlacementResponse>(world.h, `/v1/kpis/time-to-placement?groupBy=site&${period}`),
    ]);
    const shifted = bodies.get(breakdownPath('sex', familyQuery('to', AUDIT_AS_OF, BOUNDS))) as BreakdownResponse;
    const routes: Record<string, unknown>[] = [];
    for (const s of world.sites) {
      const [alone, cohort, indicators] = await Promise.all([
        fetchOk<OverviewResponse>(world.h, `/v1/kpis/overview?site=${s.code}&${period}`),
        fetchOk<CohortsResponse>(world.h, `/v1/kpis/cohorts?asOf=${AUDIT_AS_OF}&a.site=${s.code}&a.enrolledFrom=${BOUNDS.from}&a.enrolledTo=${AUDIT_AS_OF}&b.site=${s.code}`),
        fetchOk<IndicatorsResponse>(world.h, `/v1/indicators?period=${BOUNDS.from}..${AUDIT_AS_OF}&asOf=${AUDIT_AS_OF}&site=${s.code}`),
      ]);
      const group = overview.groups.find((g) => g.key === s.code);
      const curve = ttp.groups.find((g) => g.key === s.code);
      const rate = shifted.groups.find((g) => g.key === s.code);
      const enrolled = [group?.enrolled.value, alone.totals.enrolled.value, cohort.a.enrolled.value, curve?.cohort.value, curve?.atRisk[0]?.count.value, indicators.indicators.find((i) => i.code === 'MEIC-01')?.value?.value, rate?.total.rate?.denominator];
      const placed = [group?.placementRatePct.numerator, curve?.events.value, rate?.total.count.value];
      const single = world.sites.filter((x) => x.country === s.country).length === 1;
      const country = single ? byCountry.groups.find((g) => g.key === s.country)?.enrolled.value : group?.enrolled.value;
      routes.push({ site: s.code, enrolled, placed, country });
      expect({ site: s.code, enrolled: new Set(enrolled).size, placed: new Set(placed).size, country }).toEqual({ site: s.code, enrolled: 1, placed: 1, country: group?.enrolled.value });
    }
    figures['consistency'] = { repeatedRequests: paths.length, routes };
  }, 600_000);

  it('keeps the comparisons readable: every count of 20 or more shown, women and men compared, monthly trends of every site of 50', async () => {
    const peopleBySite = new Map<string, number>();
    for (const p of world.people) if (p.enrolledOn <= AUDIT_AS_OF) peopleBySite.set(p.siteCode, (peopleBySite.get(p.siteCode) ?? 0) + 1);
    const u = await measureUtility(world.h, world.sites.map((s) => s.code), peopleBySite, AUDIT_AS_OF);
    console.log(`utility: ${JSON.stringify(u, null, 1)}`);
    figures['utility'] = u;
    expect(u.publishedShareAtLeast20).toBe(1);
    expect(u.womenMenRate.missing).toEqual([]);
    expect(u.monthlyTrends.missing).toEqual([]);
    // The error ADR 0012 and the README state for curves of groups of 100 people or more.
    expect(u.curves.groups).toBeGreaterThanOrEqual(10);
    expect(u.curves.maxSurvivalError).toBeLessThanOrEqual(0.12);
    expect(u.curves.maxMedianError).toBeLessThanOrEqual(40);
  }, 600_000);
});

const addDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

