import type { BreakdownResponse } from '@meic/analytics/breakdown/breakdown.schemas';
import type { FunnelResponse } from '@meic/analytics/funnel/funnel.schemas';
import type { OverviewResponse } from '@meic/analytics/kpis/kpis.schemas';
import type { AnalyticsHarness } from '@meic/analytics/testing/analytics-harness';
import type { TimeToPlacementResponse } from '@meic/analytics/time-to-placement/time-to-placement.schemas';
import type { TrendsResponse } from '@meic/analytics/trends/trends.schemas';
import { fetchOk, LEAD } from './audit-requests';

/**
 * What the protection costs a consortium lead, on the demo programme: every count of the views
 * compared with the exact count site staff of every site would see (issue 15, item 6).
 */
interface CellLike {
  value: number | null;
  suppressed: boolean;
}

export interface CellPair {
  where: string;
  published: CellLike;
  exact: number;
}

export interface UtilityFigures {
  cells: number;
  cellsAtLeast20: number;
  publishedAtLeast20: number;
  publishedShareAtLeast20: number;
  meanAbsDeviationAtLeast20: number;
  maxAbsDeviationAtLeast20: number;
  worstAtLeast20: { where: string; published: number | null; exact: number }[];
  /** Deviation split by how big the exact count is. */
  byMagnitude: { from: number; to: number | null; cells: number; meanAbsDeviation: number; maxAbsDeviation: number }[];
  womenMenRate: { groups: string[]; published: string[]; missing: string[] };
  monthlyTrends: { sites: string[]; published: string[]; missing: string[] };
  /** Published curves against the exact ones, groups of 100 people or more: at every published step, and in the first year. */
  curves: { groups: number; maxSurvivalError: number; maxSurvivalErrorFirstYear: number; maxMedianError: number; worst: string };
}

const GROUPINGS = ['site', 'country', 'programme'] as const;

function pairsOf(where: string, lead: readonly CellLike[], exact: readonly CellLike[]): CellPair[] {
  return lead.map((c, i) => ({ where: `${where}[${i}]`, published: c, exact: exact[i]?.value ?? 0 }));
}

/** The cells of one response kind, in the same order for both readers. */
type Cells<T> = (r: T) => { where: string; cells: CellLike[] }[];

const overviewCells: Cells<OverviewResponse> = (r) =>
  [...r.groups, { key: 'totals', ...r.totals }].map((g) => ({ where: g.key, cells: [g.enrolled, g.women, g.trained, g.internshipsStarted, g.placed, g.dropouts] }));
const funnelCells: Cells<FunnelResponse> = (r) => [...r.groups, { key: 'totals', ...r.totals }].map((g) => ({ where: g.key, cells: g.steps.map((s) => s.count) }));
const breakdownCells: Cells<BreakdownResponse> = (r) => [...r.groups, { key: 'totals', ...r.totals }].map((g) => ({ where: g.key, cells: [g.total.count, ...g.categories.map((c) => c.count)] }));
const trendCells: Cells<TrendsResponse> = (r) => [...r.groups, { key: 'totals', ...r.totals }].map((g) => ({ where: g.key, cells: [g.total, ...g.series.map((p) => p.value)] }));
const riskCells: Cells<TimeToPlacementResponse> = (r) => [...r.groups, { key: 'totals', ...r.totals }].map((g) => ({ where: g.key, cells: g.atRisk.map((a) => a.count) }));

async function compare<T>(h: AnalyticsHarness, exactReader: { role: 'site_staff'; sites: string[] }, path: string, cells: Cells<T>): Promise<{ lead: T; exact: T; pairs: CellPair[] }> {
  const [lead, exact] = await Promise.all([fetchOk<T>(h, path, LEAD), fetchOk<T>(h, path, exactReader)]);
  const l = cells(lead);
  const e = new Map(cells(exact).map((x) => [x.where, x.cells]));
  return { lead, exact, pairs: l.flatMap((x) => pairsOf(`${path} ${x.where}`, x.cells, e.get(x.where) ?? [])) };
}

/** S(t) of a step curve given by its points (t ascending, from (0, 1)). */
const survivalAt = (points: readonly { t: number; survival: number }[], t: number) => [...points].reverse().find((p) => p.t <= t)?.survival ?? 1;

export async function measureUtility(h: AnalyticsHarness, siteCodes: readonly string[], peopleBySite: ReadonlyMap<string, number>, asOf: string): Promise<UtilityFigures> {
  const exactReader = { role: 'site_staff' as const, sites: [...siteCodes] };
  const q = `asOf=${asOf}`;
  const pairs: CellPair[] = [];
  for (const groupBy of GROUPINGS) {
    pairs.push(...(await compare(h, exactReader, `/v1/kpis/overview?${q}&groupBy=${groupBy}`, overviewCells)).pairs);
    pairs.push(...(await compare(h, exactReader, `/v1/kpis/funnel?${q}&groupBy=${groupBy}`, funnelCells)).pairs);
    for (const by of ['sex', 'ageBand', 'legalStatus', 'citizenship', 'courseType']) {
      pairs.push(...(await compare(h, exactReader, `/v1/kpis/breakdown?${q}&groupBy=${groupBy}&metric=enrolled&by=${by}`, breakdownCells)).pairs);
    }
    pairs.push(...(await compare(h, exactReader, `/v1/kpis/breakdown?${q}&groupBy=${groupBy}&metric=placed&by=sex`, breakdownCells)).pairs);
  }
  for (const metric of ['enrolled', 'placed']) pairs.push(...(await compare(h, exactReader, `/v1/kpis/trends?${q}&groupBy=site&metric=${metric}&interval=month`, trendCells)).pairs);
  const ttp = await compare(h, exactReader, `/v1/kpis/time-to-placement?${q}&groupBy=site`, riskCells);
  pairs.push(...ttp.pairs);

  const big = pairs.filter((p) => p.exact >= 20);
  const shown = big.filter((p) => !p.published.suppressed && p.published.value !== null);
  const dev = (p: CellPair) => Math.abs((p.published.value ?? 0) - p.exact);
  const bands = [
    [1, 5],
    [5, 20],
    [20, 100],
    [100, 500],
    [500, null],
  ] as const;

  // Women and men's placement rates: the whole programme, every country, every site of 100 people or more.
  const womenMen: string[] = ['totals'];
  const published: string[] = [];
  const missing: string[] = [];
  for (const groupBy of ['site', 'country'] as const) {
    const r = await fetchOk<BreakdownResponse>(h, `/v1/kpis/breakdown?${q}&groupBy=${groupBy}&metric=placementRate&by=sex`);
    const groups = [...r.groups.filter((g) => groupBy === 'country' || (peopleBySite.get(g.key) ?? 0) >= 100), ...(groupBy === 'site' ? [{ key: 'totals', ...r.totals }] : [])];
    for (const g of groups) {
      const name = g.key === 'totals' ? 'totals' : `${groupBy} ${g.key}`;
      if (g.key !== 'totals') womenMen.push(name);
      const rate = (sex: string) => g.categories.find((c) => c.category === sex)?.rate;
      const ok = [rate('female'), rate('male')].every((x) => x && !x.suppressed && x.value !== null);
      (ok ? published : missing).push(name);
    }
  }

  // Monthly trends for every site with 50 people or more.
  const trends = await fetchOk<TrendsResponse>(h, `/v1/kpis/trends?${q}&groupBy=site&metric=enrolled&interval=month`);
  const trendSites = siteCodes.filter((c) => (peopleBySite.get(c) ?? 0) >= 50);
  const trendShown = trendSites.filter((c) => trends.groups.find((g) => g.key === c)?.series.every((p) => !p.value.suppressed && p.value.value !== null));

  // Curves: distance of each published step from the exact curve, for groups of 100 people or more.
  let maxSurvivalError = 0;
  let maxSurvivalErrorFirstYear = 0;
  let maxMedianError = 0;
  let worst = '';
  let curveGroups = 0;
  const exactCurves = new Map([...ttp.exact.groups, { key: 'totals', ...ttp.exact.totals }].map((g) => [g.key, g]));
  for (const g of [...ttp.lead.groups, { key: 'totals', ...ttp.lead.totals }]) {
    const e = exactCurves.get(g.key);
    if (!e || (e.cohort.value ?? 0) < 100 || g.suppressed || !g.curve || !e.curve) continue;
    curveGroups++;
    for (const p of g.curve) {
      // A published step at the end of a bucket against the exact curve at the same time.
      const err = Math.abs(p.survival - survivalAt(e.curve, p.t));
      if (err > maxSurvivalError) [maxSurvivalError, worst] = [err, `${g.key} t=${p.t}`];
      if (p.t <= 360) maxSurvivalErrorFirstYear = Math.max(maxSurvivalErrorFirstYear, err);
    }
    if (g.median.t !== null && e.median.t !== null) maxMedianError = Math.max(maxMedianError, Math.abs(g.median.t - e.median.t));
  }

  return {
    cells: pairs.length,
    cellsAtLeast20: big.length,
    publishedAtLeast20: shown.length,
    publishedShareAtLeast20: big.length ? shown.length / big.length : 1,
    meanAbsDeviationAtLeast20: shown.length ? shown.reduce((a, p) => a + dev(p), 0) / shown.length : 0,
    maxAbsDeviationAtLeast20: Math.max(0, ...shown.map(dev)),
    worstAtLeast20: [...shown]
      .sort((a, b) => dev(b) - dev(a))
      .slice(0, 5)
      .map((p) => ({ where: p.where, published: p.published.value, exact: p.exact })),
    byMagnitude: bands.map(([from, to]) => {
      const inBand = pairs.filter((p) => p.exact >= from && (to === null || p.exact < to));
      return { from, to, cells: inBand.length, meanAbsDeviation: inBand.length ? inBand.reduce((a, p) => a + dev(p), 0) / inBand.length : 0, maxAbsDeviation: Math.max(0, ...inBand.map(dev)) };
    }),
    womenMenRate: { groups: womenMen, published, missing },
    monthlyTrends: { sites: trendSites, published: trendShown, missing: trendSites.filter((c) => !trendShown.includes(c)) },
    curves: { groups: curveGroups, maxSurvivalError, maxSurvivalErrorFirstYear, maxMedianError, worst },
  };
}
