import type { CohortsResponse } from '@/api/cohorts';
import { DISCLOSURE } from '@/api/overview.fixture';
import { withholdSuppressed } from '@/api/suppression';
import { toCsv } from './data-table';
import { cohortRateRows, cohortTable, describeCohortRates, rateText, transformProps, type CohortLabels } from './cohort-compare.transform';

// Cut down from a real /v1/kpis/cohorts?a.programme=LIME&b.programme=AMIL answer; B's
// employed-at-6-months rate suppressed to exercise disclosure control.
const body: CohortsResponse = {
  asOf: '2026-11-24',
  minCell: 5,
  disclosure: DISCLOSURE,
  generatedAt: '2026-11-24T14:24:52.427Z',
  a: {
    definition: { site: null, country: null, programme: 'LIME', enrolledFrom: null, enrolledTo: null, activity: null },
    enrolled: { value: 800, suppressed: false },
    placementWithin6Months: {
      rate: { value: 21.5, low: 18.8, high: 24.5, numerator: 172, denominator: 800, suppressed: false },
      observed: { value: 800, suppressed: false },
      notYetObservable: { value: 0, suppressed: false },
    },
    placementWithin12Months: {
      rate: { value: 44.5, low: 41.1, high: 48, numerator: 356, denominator: 800, suppressed: false },
      observed: { value: 800, suppressed: false },
      notYetObservable: { value: 0, suppressed: false },
    },
    medianDaysToPlacement: { t: 400, low: 350, high: 496, suppressed: false },
    dropoutRate: { value: 9.8, low: 7.9, high: 12, numerator: 78, denominator: 800, suppressed: false },
    employedAt6Months: { value: 81.2, low: 76.7, high: 85, numerator: 272, denominator: 335, suppressed: false },
  },
  b: {
    definition: { site: null, country: null, programme: 'AMIL', enrolledFrom: null, enrolledTo: null, activity: null },
    enrolled: { value: 2750, suppressed: false },
    placementWithin6Months: {
      rate: { value: 11, low: 9.7, high: 12.5, numerator: 213, denominator: 1934, suppressed: false },
      observed: { value: 1934, suppressed: false },
      notYetObservable: { value: 816, suppressed: false },
    },
    placementWithin12Months: {
      rate: { value: 24, low: 21.6, high: 26.5, numerator: 282, denominator: 1176, suppressed: false },
      observed: { value: 1176, suppressed: false },
      notYetObservable: { value: 1574, suppressed: false },
    },
    medianDaysToPlacement: { t: null, low: null, high: null, suppressed: false },
    dropoutRate: { value: 11.6, low: 10.5, high: 12.9, numerator: 320, denominator: 2750, suppressed: false },
    employedAt6Months: { value: 0, low: 0, high: 0, numerator: 3, denominator: 4, suppressed: true },
  },
};

const labels: CohortLabels = {
  a: 'A: LIME',
  b: 'B: AMIL',
  rates: {
    placementWithin6Months: 'Placed within 6 months',
    placementWithin12Months: 'Placed within 12 months',
    dropoutRate: 'Drop-out rate',
    employedAt6Months: 'Employed at 6 months',
  },
  enrolled: 'Enrolled',
  observed6: 'Observed for 6 months',
  notYetObservable6: 'Not yet observable for 6 months',
  observed12: 'Observed for 12 months',
  notYetObservable12: 'Not yet observable for 12 months',
  medianDays: 'Median days to placement',
  medianLow: 'Median: lower 95% limit',
  medianHigh: 'Median: upper 95% limit',
  indicator: 'Indicator',
  caption: 'Both cohorts on the same indicators',
  suppressed: 'suppressed',
  notReached: 'not reached',
  noData: 'no one observed',
  ofBase: (n, d) => `${n} of ${d}`,
};

const response = withholdSuppressed(body);
const fmtPct = (p: number) => `${p}%`;

type Series = { id: string; type: string; name: string; data: unknown[] };
const series = (o: ReturnType<typeof transformProps>) => o.series as unknown as Series[];
const byId = (o: ReturnType<typeof transformProps>, id: string): Series => {
  const s = series(o).find((x) => x.id === id);
  if (!s) throw new Error(`no series ${id}`);
  return s;
};

describe('the cohorts response as the dashboard reads it', () => {
  it('keeps no number behind a suppressed rate, whatever the server sent', () => {
    expect(response.b.employedAt6Months).toEqual({ value: null, low: null, high: null, numerator: null, denominator: null, suppressed: true });
  });
});

describe('cohort comparison transformProps', () => {
  it('draws A beside B for each rate, in path order, with the API values', () => {
    const option = transformProps(response, { labels, formatPercent: fmtPct });
    expect((option.yAxis as { data: string[] }).data).toEqual(['Placed within 6 months', 'Placed within 12 months', 'Drop-out rate', 'Employed at 6 months']);
    expect(byId(option, 'bar-a').name).toBe('A: LIME');
    expect(byId(option, 'bar-a').data).toEqual([21.5, 44.5, 9.8, 81.2]);
    expect(byId(option, 'bar-b').data).toEqual([11, 24, 11.6, null]);
  });

  it('gives every drawn rate its 95% interval for the whisker', () => {
    const option = transformProps(response, { labels, formatPercent: fmtPct });
    expect(byId(option, 'ci-a').data).toEqual([
      [21.5, 0, 18.8, 24.5],
      [44.5, 1, 41.1, 48],
      [9.8, 2, 7.9, 12],
      [81.2, 3, 76.7, 85],
    ]);
    expect(byId(option, 'ci-b').data[0]).toEqual([11, 0, 9.7, 12.5]);
  });

  it('leaves a suppressed rate as a gap, never 0, and without an interval', () => {
    const option = transformProps(response, { labels, formatPercent: fmtPct });
    expect(byId(option, 'bar-b').data[3]).toBeNull();
    expect(byId(option, 'ci-b').data[3]).toEqual([0, 3, null, null]);
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 3 }]);
    expect(tooltip).toContain('B: AMIL: <strong>suppressed</strong>');
    expect(tooltip).toContain('A: LIME: <strong>81.2% (76.7%–85%)</strong> — 272 of 335');
  });
});

describe('cohortTable', () => {
  const table = cohortTable(response, labels);
  const row = (key: string) => table.rows.find((r) => r.key === key)?.cells;

  it('puts every indicator of both cohorts in one row each', () => {
    expect(table.columns.map((c) => c.label)).toEqual(['Indicator', 'A: LIME', 'B: AMIL']);
    expect(row('enrolled')).toEqual(['Enrolled', { value: 800, suppressed: false }, { value: 2750, suppressed: false }]);
    expect(row('observed12')?.[2]).toEqual({ value: 1176, suppressed: false });
    expect(row('notYetObservable12')?.[2]).toEqual({ value: 1574, suppressed: false });
    expect(row('medianDays')).toEqual(['Median days to placement', 400, 'not reached']);
    expect(row('medianLow')).toEqual(['Median: lower 95% limit', 350, null]);
  });

  it('exports rates with their interval and suppressed cells as suppressed, not 0', () => {
    const csv = toCsv(table, { suppressed: 'suppressed', ciLow: (l) => `${l} low`, ciHigh: (l) => `${l} high` });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Indicator,A: LIME,A: LIME low,A: LIME high,B: AMIL,B: AMIL low,B: AMIL high');
    expect(lines).toContain('Placed within 6 months,21.5,18.8,24.5,11,9.7,12.5');
    expect(lines).toContain('Employed at 6 months,81.2,76.7,85,suppressed,suppressed,suppressed');
  });
});

describe('describeCohortRates', () => {
  it('reads each rate of both cohorts with its interval', () => {
    const text = describeCohortRates(
      cohortRateRows(response, labels),
      { overall: (d) => `Rates of two cohorts. ${d}`, row: (v) => `${v.indicator}: A ${v.a}, B ${v.b}.` },
      labels,
      fmtPct,
    );
    expect(text).toContain('Placed within 6 months: A 21.5% (18.8%–24.5%), B 11% (9.7%–12.5%).');
    expect(text).toContain('Employed at 6 months: A 81.2% (76.7%–85%), B suppressed.');
  });
  it('says when nobody could be observed instead of showing 0', () => {
    expect(rateText({ value: null, low: null, high: null, numerator: 0, denominator: 0, suppressed: false }, labels, fmtPct)).toBe('no one observed');
  });
});
