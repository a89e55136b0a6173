import { DISCLOSURE } from '@/api/overview.fixture';
import { withholdSuppressed } from '@/api/suppression';
import type { TrendsResponse } from '@/api/trends';
import {
  allSuppressed,
  describeTrendLines,
  hasShownFigures,
  lineStyleOf,
  suppressedBuckets,
  transformProps,
  trendRows,
  trendTable,
  type TrendLinesOptions,
} from './trend-lines.transform';

const c = (value: number) => ({ value, suppressed: false });
const S = { value: null, suppressed: true };
const periods = ['2025-07-01', '2025-10-01', '2026-01-01', '2026-04-01'];
const series = (values: ({ value: number | null; suppressed: boolean })[]) => values.map((value, i) => ({ period: periods[i] ?? '', value }));

// Cut down from a real consortium_lead answer (enrolled per quarter, by country).
const enrolledQuarterly: TrendsResponse = withholdSuppressed<TrendsResponse>({
  groupBy: 'country',
  filters: { from: '2025-07-01', to: '2026-06-30', asOf: '2026-11-24', country: null, site: null, programme: null },
  minCell: 5,
  disclosure: DISCLOSURE,
  generatedAt: '2026-11-24T14:24:52.092Z',
  metric: 'enrolled',
  interval: 'quarter',
  periods,
  groups: [
    { key: 'CY', label: 'CY', country: 'CY', programme: null, total: c(412), series: series([c(98), S, c(129), c(130)]) },
    // A number sent in a suppressed cell is dropped on the way in.
    { key: 'SE', label: 'SE', country: 'SE', programme: null, total: S, series: series([{ value: 3, suppressed: true }, c(0), S, c(0)]) },
  ],
  totals: { total: c(1630), series: series([c(380), c(402), c(421), c(427)]) },
});

// Monthly placements per site: every group bucket suppressed (as on the demo data).
const placedMonthly: TrendsResponse = {
  ...enrolledQuarterly,
  metric: 'placed',
  interval: 'month',
  groups: enrolledQuarterly.groups.map((g) => ({ ...g, total: S, series: series([S, S, c(0), S]) })),
  totals: { total: S, series: series([S, S, S, S]) },
};

const label = (iso: string) => `Q${Math.floor(Number(iso.slice(5, 7)) / 3) + 1} ${iso.slice(0, 4)}`;
const options = (part: TrendLinesOptions['part']): TrendLinesOptions => ({
  part,
  labels: { suppressed: 'suppressed' },
  periodLabel: label,
  groupLabel: (g) => (g.key === 'CY' ? 'Cyprus' : g.key === 'SE' ? 'Sweden' : g.label),
  totalLabel: 'All selected groups',
  formatNumber: (n) => n.toLocaleString('en-GB'),
});

type LineSeries = { id: string; name: string; data: (number | null)[]; connectNulls: boolean; showSymbol: boolean; symbol: string; lineStyle: { type: string } };

describe('trendRows', () => {
  it('aligns every series on the periods, suppressed buckets as null (never 0), real zeros kept', () => {
    const rows = trendRows(enrolledQuarterly, (g) => g.key, 'All');
    expect(rows.periods).toEqual(periods);
    expect(rows.groups[0]?.values).toEqual([98, null, 129, 130]);
    expect(rows.groups[0]?.suppressed).toEqual([false, true, false, false]);
    expect(rows.groups[1]?.values).toEqual([null, 0, null, 0]);
    expect(rows.totals.values).toEqual([380, 402, 421, 427]);
  });

  it('leaves a bucket a series lacks as a gap, not as a suppressed or zero value', () => {
    const shorter = { ...enrolledQuarterly, groups: [{ ...enrolledQuarterly.groups[0]!, series: enrolledQuarterly.groups[0]!.series.slice(0, 2) }] };
    const rows = trendRows(shorter, (g) => g.key, 'All');
    expect(rows.groups[0]?.values).toEqual([98, null, null, null]);
    expect(rows.groups[0]?.suppressed).toEqual([false, true, false, false]);
  });
});

describe('allSuppressed', () => {
  it('is true when no bucket shows a number above zero but some are suppressed', () => {
    const rows = trendRows(placedMonthly, (g) => g.key, 'All');
    expect(allSuppressed([rows.totals, ...rows.groups])).toBe(true);
    expect(hasShownFigures(rows.groups)).toBe(false);
  });

  it('is false when figures are shown', () => {
    const rows = trendRows(enrolledQuarterly, (g) => g.key, 'All');
    expect(allSuppressed([rows.totals, ...rows.groups])).toBe(false);
    // Sweden alone shows only zeros and suppressed buckets.
    expect(allSuppressed([rows.groups[1]!])).toBe(true);
  });
});

describe('transformProps', () => {
  it('draws one line per group with markers, not joined across suppressed buckets', () => {
    const option = transformProps(enrolledQuarterly, options('groups'));
    const lines = option.series as unknown as LineSeries[];
    expect(lines.map((s) => s.name)).toEqual(['Cyprus', 'Sweden']);
    expect(lines[0]?.data).toEqual([98, null, 129, 130]);
    expect(lines.every((s) => s.connectNulls === false && s.showSymbol)).toBe(true);
    // Lines differ by marker as well as colour.
    expect(lines[0]?.symbol).not.toBe(lines[1]?.symbol);
    expect((option.xAxis as { data: string[] }).data).toEqual(['Q3 2025', 'Q4 2025', 'Q1 2026', 'Q2 2026']);
  });

  it('draws the total of the selection in its own chart', () => {
    const lines = transformProps(enrolledQuarterly, options('totals')).series as unknown as LineSeries[];
    expect(lines).toHaveLength(1);
    expect(lines[0]?.name).toBe('All selected groups');
    expect(lines[0]?.data).toEqual([380, 402, 421, 427]);
  });

  it('tells more lines apart than the palette has colours by dashes', () => {
    expect(lineStyleOf(0).dash).toBe('solid');
    expect(lineStyleOf(7).dash).toBe('dashed');
    expect(lineStyleOf(7).colour).toBe(lineStyleOf(0).colour);
    expect(lineStyleOf(7).symbol).not.toBe(lineStyleOf(0).symbol);
  });
});

describe('trendTable', () => {
  it('has a row per period with the total first, suppressed cells as such, and the period totals as footer', () => {
    const rows = trendRows(enrolledQuarterly, (g) => g.key, 'All selected groups');
    const table = trendTable(rows, label, { caption: 'Enrolled per period', period: 'Period', periodStart: 'Starts on' });
    expect(table.columns.map((col) => col.label)).toEqual(['Period', 'Starts on', 'All selected groups', 'CY', 'SE']);
    expect(table.rows[1]?.cells).toEqual(['Q4 2025', '2025-10-01', c(402), S, c(0)]);
    expect(table.footer?.[0]?.cells.slice(2)).toEqual([c(1630), c(412), S]);
  });
});

describe('suppressedBuckets and describeTrendLines', () => {
  const rows = trendRows(enrolledQuarterly, (g) => g.key, 'All');

  it('lists the suppressed periods of each line', () => {
    expect(suppressedBuckets(rows.groups, rows.periods, label)).toEqual([
      { key: 'CY', label: 'CY', periods: ['Q4 2025'] },
      { key: 'SE', label: 'SE', periods: ['Q3 2025', 'Q1 2026'] },
    ]);
  });

  it('gives each line’s total, peak and number of suppressed periods', () => {
    const text = describeTrendLines(
      rows.groups,
      rows.periods,
      label,
      {
        overall: ({ n, from, to, details }) => `${n} lines, ${from}–${to}. ${details}`,
        row: ({ group, total, peak, peakPeriod, suppressed }) => `${group}: ${total}, peak ${peak} in ${peakPeriod}, ${suppressed} suppressed.`,
        rowNoPeak: ({ group, total, suppressed }) => `${group}: ${total}, ${suppressed} suppressed.`,
      },
      { suppressed: 'suppressed' },
      String,
    );
    expect(text).toBe('2 lines, Q3 2025–Q2 2026. CY: 412, peak 130 in Q2 2026, 1 suppressed. SE: suppressed, peak 0 in Q4 2025, 2 suppressed.');
  });
});
