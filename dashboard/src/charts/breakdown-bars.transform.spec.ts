import type { BreakdownResponse } from '@/api/breakdown';
import { DISCLOSURE } from '@/api/overview.fixture';
import { withholdSuppressed } from '@/api/suppression';
import {
  breakdownRows,
  breakdownTable,
  categoryColour,
  categoryMarker,
  describeBreakdown,
  gapText,
  rateGap,
  shownCategories,
  transformProps,
  type BreakdownLabels,
} from './breakdown-bars.transform';
import { isRate } from './data-table';

const rate = (value: number, low: number, high: number, numerator: number, denominator: number) => ({ value, low, high, numerator, denominator, suppressed: false });
const suppressedRate = { value: null, low: null, high: null, numerator: null, denominator: null, suppressed: true };
const nobody = { count: { value: 0, suppressed: false }, rate: { value: null, low: null, high: null, numerator: 0, denominator: 0, suppressed: false } };
const header = {
  groupBy: 'site' as const,
  filters: { from: '1900-01-01', to: '2299-12-31', asOf: '2026-11-24', country: null, site: null, programme: null },
  minCell: 5,
  disclosure: DISCLOSURE,
  generatedAt: '2026-11-24T14:24:52.349Z',
};

// Cut down from a real consortium_lead answer (placementRate by sex, per site).
const rateBySex: BreakdownResponse = withholdSuppressed<BreakdownResponse>({
  ...header,
  metric: 'placementRate',
  by: 'sex',
  exhaustive: true,
  categories: ['female', 'male', 'other', 'undisclosed'],
  groups: [
    {
      key: 'CY-NIC',
      label: 'MEIC Nicosia (CY-NIC)',
      country: 'CY',
      programme: 'AMIL',
      total: { count: { value: 142, suppressed: false }, rate: rate(17.8, 15.3, 20.5, 142, 800) },
      categories: [
        { category: 'female', count: { value: 52, suppressed: false }, rate: rate(14.9, 11.5, 19, 52, 349) },
        { category: 'male', count: { value: 90, suppressed: false }, rate: rate(20, 16.5, 23.9, 90, 451) },
        { category: 'other', ...nobody },
        { category: 'undisclosed', ...nobody },
      ],
    },
    {
      key: 'CY-LIM',
      label: 'AMIR Limassol (CY-LIM)',
      country: 'CY',
      programme: 'AMIR',
      total: { count: { value: 34, suppressed: false }, rate: rate(21.3, 15.6, 28.2, 34, 160) },
      categories: [
        // A server that leaks a number into a suppressed cell must not have it drawn.
        { category: 'female', count: { value: 3, suppressed: true }, rate: { ...suppressedRate, value: 2 } },
        { category: 'male', count: { value: null, suppressed: true }, rate: suppressedRate },
        { category: 'other', ...nobody },
        { category: 'undisclosed', ...nobody },
      ],
    },
  ],
  totals: {
    total: { count: { value: 176, suppressed: false }, rate: rate(18.4, 16.1, 21, 176, 960) },
    categories: [
      { category: 'female', count: { value: 60, suppressed: false }, rate: rate(15.2, 12, 19.1, 60, 395) },
      { category: 'male', count: { value: 116, suppressed: false }, rate: rate(20.5, 17.4, 24, 116, 565) },
      { category: 'other', ...nobody },
      { category: 'undisclosed', ...nobody },
    ],
  },
});

const enrolledByCourse: BreakdownResponse = withholdSuppressed<BreakdownResponse>({
  ...header,
  groupBy: 'country',
  metric: 'enrolled',
  by: 'courseType',
  exhaustive: false,
  categories: ['l2_language', 'vocational_training', 'housing_orientation', 'none'],
  groups: [
    {
      key: 'IT',
      label: 'IT',
      country: 'IT',
      programme: null,
      total: { count: { value: 1770, suppressed: false }, rate: null },
      categories: [
        { category: 'l2_language', count: { value: 1200, suppressed: false }, rate: null },
        { category: 'vocational_training', count: { value: null, suppressed: true }, rate: null },
        { category: 'housing_orientation', count: { value: 0, suppressed: false }, rate: null },
        { category: 'none', count: { value: 310, suppressed: false }, rate: null },
      ],
    },
  ],
  totals: {
    total: { count: { value: 1770, suppressed: false }, rate: null },
    categories: [
      { category: 'l2_language', count: { value: 1200, suppressed: false }, rate: null },
      { category: 'vocational_training', count: { value: null, suppressed: true }, rate: null },
      { category: 'housing_orientation', count: { value: 0, suppressed: false }, rate: null },
      { category: 'none', count: { value: 310, suppressed: false }, rate: null },
    ],
  },
});

const labels: BreakdownLabels = {
  suppressed: 'suppressed',
  noOne: 'no one',
  gap: (p) => `${p} pts`,
  gapSuppressed: 'cannot be compared',
  gapNone: 'nobody to compare',
  gapAxis: 'Women − men',
  total: 'All selected groups',
};
const catLabel = (c: string) => ({ female: 'Women', male: 'Men', l2_language: 'Language', vocational_training: 'Vocational', none: 'No course' })[c] ?? c;
const groupLabel = (g: { label: string }) => g.label;
const options = { labels, categoryLabel: catLabel, groupLabel, totalLabel: 'All selected groups', formatNumber: (n: number) => n.toLocaleString('en-GB') };

type CustomSeries = { id: string; name: string; type: string; data: { value: number[] }[] };
type BarSeries = { id: string; name: string; type: string; stack?: string; data: (number | null)[] };
type Axis = { data: string[]; axisLabel: { formatter: (v: string, i: number) => string } };

describe('shownCategories', () => {
  it('leaves out a category with nobody in any group, and keeps one whose cells are suppressed', () => {
    expect(shownCategories(rateBySex)).toEqual({ shown: ['female', 'male'], empty: ['other', 'undisclosed'] });
    // Nobody in housing orientation anywhere; vocational training is suppressed, not empty.
    expect(shownCategories(enrolledByCourse).shown).toEqual(['l2_language', 'vocational_training', 'none']);
  });
});

describe('rateGap (women − men)', () => {
  it('is the difference in points with a Newcombe interval around it', () => {
    const gap = rateGap(rate(14.9, 11.5, 19, 52, 349), rate(20, 16.5, 23.9, 90, 451));
    expect(gap.kind).toBe('value');
    if (gap.kind !== 'value') return;
    expect(gap.points).toBe(-5.1);
    // d − sqrt((14.9−11.5)² + (23.9−20)²) and d + sqrt((19−14.9)² + (20−16.5)²)
    expect(gap.low).toBeCloseTo(-5.1 - Math.hypot(3.4, 3.9), 1);
    expect(gap.high).toBeCloseTo(-5.1 + Math.hypot(4.1, 3.5), 1);
    expect(gap.low).toBeLessThan(gap.points);
    expect(gap.high).toBeGreaterThan(gap.points);
  });

  it('cannot be compared when either rate is suppressed, and has nobody to compare without a rate', () => {
    expect(rateGap(suppressedRate, rate(20, 16.5, 23.9, 90, 451))).toEqual({ kind: 'suppressed' });
    expect(rateGap(rate(20, 16.5, 23.9, 90, 451), { ...nobody.rate })).toEqual({ kind: 'none' });
    expect(gapText({ kind: 'suppressed' }, labels, String)).toBe('cannot be compared');
    expect(gapText({ kind: 'value', points: 3.1, low: -1, high: 7 }, labels, String)).toBe('+3.1 pts');
    expect(gapText({ kind: 'value', points: -5.1, low: -11, high: 0.4 }, labels, String)).toBe('−5.1 pts');
  });
});

describe('breakdownRows', () => {
  it('puts the selection total first for rates, then the groups in the API order, each with its gap', () => {
    const rows = breakdownRows(rateBySex, groupLabel, 'All selected groups');
    expect(rows.map((r) => r.key)).toEqual(['total', 'CY-NIC', 'CY-LIM']);
    expect(rows[1]?.gap).toMatchObject({ kind: 'value', points: -5.1 });
    expect(rows[2]?.gap).toEqual({ kind: 'suppressed' });
    // A suppressed cell never carries a number, even when the server sent one.
    expect(rows[2]?.cells[0]?.rate).toMatchObject({ suppressed: true, value: null });
    expect(rows[2]?.cells[0]?.count).toEqual({ value: null, suppressed: true });
  });

  it('has no gap outside placement rate by sex, and no total row for counts', () => {
    const rows = breakdownRows(enrolledByCourse, groupLabel, 'All');
    expect(rows.map((r) => r.key)).toEqual(['IT']);
    expect(rows[0]?.gap).toBeNull();
  });
});

describe('transformProps — placement rate', () => {
  const option = transformProps(rateBySex, options);
  const series = option.series as unknown as CustomSeries[];

  it('draws one dot-and-interval series per shown category, with the interval bounds in every item', () => {
    expect(series.map((s) => s.name)).toEqual(['Women', 'Men']);
    expect(series.every((s) => s.type === 'custom')).toBe(true);
    // [rate, row index, low, high]; row 0 is the total, row 1 Nicosia.
    expect(series[0]?.data).toEqual([{ value: [15.2, 0, 12, 19.1] }, { value: [14.9, 1, 11.5, 19] }]);
    expect(series[1]?.data).toEqual([{ value: [20.5, 0, 17.4, 24] }, { value: [20, 1, 16.5, 23.9] }]);
  });

  it('draws nothing (not 0) for suppressed cells', () => {
    // Limassol (row 2) is suppressed for both sexes: no item, and no item at 0.
    for (const s of series) {
      expect(s.data.some((d) => d.value[1] === 2)).toBe(false);
      expect(s.data.some((d) => d.value[0] === 0)).toBe(false);
    }
  });

  it('puts every group on one scale and reads the gap beside each row', () => {
    const xAxis = option.xAxis as { min: number; max: number };
    expect(xAxis.min).toBe(0);
    expect(xAxis.max).toBe(30); // highest upper bound 24% rounded up to ten points
    const [left, right] = option.yAxis as unknown as Axis[];
    expect(left?.data).toEqual(['All selected groups', 'MEIC Nicosia (CY-NIC)', 'AMIR Limassol (CY-LIM)']);
    expect(left?.axisLabel.formatter('AMIR Limassol (CY-LIM)', 2)).toBe('AMIR Limassol (CY-LIM) *');
    expect(right?.axisLabel.formatter('CY-NIC', 1)).toBe('−5.1 pts');
    expect(right?.axisLabel.formatter('CY-LIM', 2)).toBe('cannot be compared');
  });
});

describe('transformProps — counts', () => {
  it('sets course types side by side (they overlap) and leaves suppressed counts as gaps', () => {
    const option = transformProps(enrolledByCourse, options);
    const series = option.series as unknown as BarSeries[];
    expect(series.map((s) => s.name)).toEqual(['Language', 'Vocational', 'No course']);
    expect(series.every((s) => s.stack === undefined)).toBe(true);
    expect(series.map((s) => s.data)).toEqual([[1200], [null], [310]]);
  });

  it('stacks categories that add up to the total', () => {
    const exhaustive = { ...enrolledByCourse, exhaustive: true };
    const series = transformProps(exhaustive, options).series as unknown as BarSeries[];
    expect(series.every((s) => s.stack === 'categories')).toBe(true);
  });
});

describe('breakdownTable', () => {
  const tableLabels = {
    caption: 'Placement rate by sex',
    group: 'Group',
    total: 'All selected groups',
    categoryCount: (c: string) => `${c}: placed`,
    categoryRate: (c: string) => `${c}: placement rate`,
    totalCount: 'All: placed',
    totalRate: 'All: placement rate',
    gap: 'Gap (points)',
    gapLow: 'Gap low',
    gapHigh: 'Gap high',
    gapSuppressed: 'cannot be compared (suppressed)',
    gapNone: 'nobody to compare',
  };

  it('holds count and rate with interval per category, the gap with its interval, and the total as footer', () => {
    const rows = breakdownRows(rateBySex, groupLabel, 'All selected groups');
    const table = breakdownTable(rateBySex, rows, catLabel, tableLabels);
    expect(table.columns.map((c) => c.label)).toEqual(['Group', 'All: placed', 'All: placement rate', 'Women: placed', 'Women: placement rate', 'Men: placed', 'Men: placement rate', 'Gap (points)', 'Gap low', 'Gap high']);
    expect(table.rows.map((r) => r.key)).toEqual(['CY-NIC', 'CY-LIM']);
    const nicosia = table.rows[0]?.cells ?? [];
    expect(nicosia[3]).toEqual({ value: 52, suppressed: false });
    const womenRate = nicosia[4];
    expect(womenRate !== null && womenRate !== undefined && isRate(womenRate) ? [womenRate.value, womenRate.low, womenRate.high] : null).toEqual([14.9, 11.5, 19]);
    expect(nicosia[7]).toBe(-5.1);
    const limassol = table.rows[1]?.cells ?? [];
    expect(limassol[3]).toEqual({ value: null, suppressed: true });
    expect(limassol.slice(7)).toEqual(['cannot be compared (suppressed)', null, null]);
    expect(table.footer?.[0]?.cells[0]).toBe('All selected groups');
    expect(table.footer?.[0]?.cells[1]).toEqual({ value: 176, suppressed: false });
  });

  it('has counts only, and the total as footer, for a count metric', () => {
    const rows = breakdownRows(enrolledByCourse, groupLabel, 'All');
    const table = breakdownTable(enrolledByCourse, rows, catLabel, { ...tableLabels, totalCount: 'All: enrolled', categoryCount: (c) => `${c}: enrolled` });
    expect(table.columns.map((c) => c.kind)).toEqual(['text', 'count', 'count', 'count', 'count']);
    expect(table.rows[0]?.cells).toEqual(['IT', { value: 1770, suppressed: false }, { value: 1200, suppressed: false }, { value: null, suppressed: true }, { value: 310, suppressed: false }]);
    expect(table.footer).toHaveLength(1);
  });
});

describe('describeBreakdown', () => {
  it('names each row’s rates with intervals, says suppressed, and gives the gap', () => {
    const rows = breakdownRows(rateBySex, groupLabel, 'All selected groups');
    const text = describeBreakdown(
      rateBySex,
      rows,
      catLabel,
      { overall: ({ n, details }) => `${n} rows. ${details}`, row: ({ group, values }) => `${group}: ${values}.`, gap: ({ gap }) => `Women − men: ${gap}.` },
      labels,
      String,
      (n) => `${n}%`,
    );
    expect(text).toContain('3 rows.');
    expect(text).toContain('MEIC Nicosia (CY-NIC): Women 14.9% (11.5%–19%), Men 20% (16.5%–23.9%). Women − men: −5.1 pts.');
    expect(text).toContain('AMIR Limassol (CY-LIM): Women suppressed, Men suppressed. Women − men: cannot be compared.');
  });
});

describe('category markers', () => {
  it('gives every colour–marker pair once for up to 24 categories', () => {
    const pairs = new Set(Array.from({ length: 24 }, (_, k) => `${categoryColour(k)}|${categoryMarker(k)}`));
    expect(pairs.size).toBe(24);
  });
});

describe('gap reading with its interval', () => {
  it('adds the 95% interval of the gap where there is room', () => {
    const withCi: BreakdownLabels = { ...labels, gapWithInterval: ({ points, low, high }) => `${points} pts (${low} to ${high})` };
    expect(gapText({ kind: 'value', points: -5.1, low: -10.3, high: 0.4 }, withCi, String, true)).toBe('−5.1 pts (−10.3 to +0.4)');
    const right = (transformProps(rateBySex, { ...options, labels: withCi }).yAxis as unknown as Axis[])[1];
    expect(right?.axisLabel.formatter('CY-NIC', 1)).toMatch(/^−5\.1 pts \(−\d+(\.\d)? to \+\d+(\.\d)?\)$/);
  });
});
