import { DISCLOSURE } from '@/api/overview.fixture';
import { withholdSuppressed } from '@/api/suppression';
import type { KmGroup, TimeToPlacementResponse } from '@/api/time-to-placement';
import { toCsv } from './data-table';
import {
  bandPolygon,
  describeKm,
  isEmptyKm,
  kmRows,
  kmTable,
  medianTable,
  placedAt,
  riskTable,
  selectRows,
  summaryDay,
  TOTAL_KEY,
  transformProps,
  type KmOptions,
} from './km-curve.transform';

// Cut down from a real /v1/kpis/time-to-placement?groupBy=country answer of the demo programme.
const RISK_TIMES = [0, 30, 90, 180, 365, 540, 730];
const count = (v: number | null) => (v === null ? { value: null, suppressed: true } : { value: v, suppressed: false });
const atRisk = (values: (number | null)[]) => RISK_TIMES.map((t, i) => ({ t, count: count(values[i] ?? null) }));

const de = {
  key: 'DE',
  label: 'DE',
  country: 'DE',
  programme: null,
  cohort: count(380),
  events: count(111),
  suppressed: false,
  truncatedAt: 532,
  curve: [
    { t: 0, survival: 1, low: 1, high: 1 },
    { t: 40, survival: 0.95, low: 0.92, high: 0.97 },
    { t: 200, survival: 0.7, low: 0.64, high: 0.75 },
    { t: 415, survival: 0.49, low: 0.41, high: 0.56 },
    { t: 532, survival: 0.4796, low: 0.4021, high: 0.5529 },
  ],
  atRisk: atRisk([380, 356, 300, 201, 63, null, 0]),
  median: { t: 415, low: 314, high: null },
};
const italy = {
  ...de,
  key: 'IT',
  label: 'IT',
  country: 'IT',
  cohort: count(1770),
  events: count(509),
  truncatedAt: null,
  curve: [
    { t: 0, survival: 1, low: 1, high: 1 },
    { t: 100, survival: 0.8, low: 0.78, high: 0.82 },
    { t: 739, survival: 0.5534, low: 0.5217, high: 0.5838 },
  ],
  atRisk: atRisk([1770, 1688, 1460, 1084, 501, 259, 9]),
  median: { t: null, low: null, high: null },
};
const hu = {
  ...de,
  key: 'HU',
  label: 'HU',
  country: 'HU',
  cohort: count(null),
  events: count(null),
  suppressed: true,
  truncatedAt: null,
  curve: [{ t: 0, survival: 1, low: 1, high: 1 }],
  atRisk: atRisk([null, null, null, null, null, 0, 0]),
  median: { t: null, low: null, high: null },
};
const totals = {
  cohort: count(2150),
  events: count(620),
  suppressed: false,
  truncatedAt: italy.truncatedAt,
  curve: italy.curve,
  atRisk: italy.atRisk,
  median: italy.median,
};
const body: TimeToPlacementResponse = {
  groupBy: 'country',
  filters: { from: '1900-01-01', to: '2299-12-31', asOf: '2026-11-24', country: null, site: null, programme: null },
  minCell: 5,
  disclosure: DISCLOSURE,
  generatedAt: '2026-11-24T14:24:51.763Z',
  riskTimes: RISK_TIMES,
  groups: [de, hu, italy],
  totals,
};

const names: Record<string, string> = { DE: 'Germany', HU: 'Hungary', IT: 'Italy' };
const groupLabel = (g: KmGroup) => names[g.key] ?? g.label;
const response = withholdSuppressed(body);
const rows = kmRows(response, groupLabel, 'All selected groups');
const options = (selected: string[]): KmOptions => ({
  labels: { xAxis: 'Days since enrolment', yAxis: 'Share placed', median: 'half placed', day: (t) => `Day ${t}` },
  selected,
  groupLabel,
  totalLabel: 'All selected groups',
  formatNumber: (n) => n.toLocaleString('en-GB'),
});
type Series = { id: string; type: string; step?: string; data: number[][]; renderItem?: (p: unknown, api: unknown) => { shape: { points: number[][] } } };
const seriesOf = (o: ReturnType<typeof transformProps>) => o.series as unknown as Series[];

describe('the time-to-placement response as the dashboard reads it', () => {
  it('drops the points of a withheld curve, whatever the server sent', () => {
    expect(response.groups[1]).toMatchObject({ key: 'HU', suppressed: true, curve: null });
    expect(response.groups[0]!.curve).toHaveLength(5);
    expect(response.totals.cohort).toEqual({ value: 2150, suppressed: false });
  });
});

describe('reading a Kaplan–Meier curve', () => {
  it('reads the step in force at day t as the share placed, 1 − S(t), with the band flipped', () => {
    const curve = response.groups[0]!.curve;
    expect(placedAt(curve, 0)).toEqual({ value: 0, low: 0, high: 0 });
    // Between day 40 and day 200 the curve stays at S = 0.95.
    expect(placedAt(curve, 180)).toEqual({ value: 5, low: 3, high: 8 });
    expect(placedAt(curve, 200)).toEqual({ value: 30, low: 25, high: 36 });
  });

  it('says nothing past the last day shown instead of carrying the curve on', () => {
    const curve = response.groups[0]!.curve;
    expect(placedAt(curve, 532, 532)).not.toBeNull();
    expect(placedAt(curve, 540, 532)).toBeNull();
    expect(placedAt(null, 30)).toBeNull();
  });

  it('draws the band as steps: upper edge forward, lower edge back', () => {
    const poly = bandPolygon([
      { t: 0, survival: 1, low: 1, high: 1 },
      { t: 10, survival: 0.8, low: 0.7, high: 0.9 },
    ]);
    expect(poly).toEqual([
      [0, 0],
      [10, 0],
      [10, 30],
      [10, 10],
      [10, 0],
      [0, 0],
    ]);
  });
});

describe('choosing the curves', () => {
  it('shows the totals and the first drawable groups by default, skipping withheld curves', () => {
    expect(selectRows(rows, null)).toEqual([TOTAL_KEY, 'DE', 'IT']);
    expect(selectRows(rows, null, 1)).toEqual([TOTAL_KEY, 'DE']);
  });

  it('keeps the valid keys asked for, and falls back to the default when none is', () => {
    expect(selectRows(rows, ['IT', 'XX', 'HU'])).toEqual(['IT']);
    expect(selectRows(rows, ['XX'])).toEqual([TOTAL_KEY, 'DE', 'IT']);
  });

  it('gives each group a colour and dash that do not depend on what else is shown', () => {
    expect(rows.map((r) => r.colour)).toEqual(['#000000', '#0072B2', '#D55E00', '#009E73']);
    const many = kmRows({ ...response, groups: Array.from({ length: 8 }, (_, i) => ({ ...response.groups[0]!, key: `G${i}` })) }, groupLabel, 'T');
    expect(many[7]!.dash).toBe('dashed');
    expect(many[7]!.colour).toBe(many[1]!.colour);
  });
});

describe('km-curve transformProps', () => {
  it('draws a step line and a band for each chosen curve only', () => {
    const o = transformProps(response, options(['DE', 'IT']));
    expect(seriesOf(o).map((s) => s.id)).toEqual(['band:DE', 'band:IT', 'line:DE', 'line:IT']);
    const line = seriesOf(o).find((s) => s.id === 'line:DE')!;
    expect(line.step).toBe('end');
    expect(line.data).toEqual([
      [0, 0],
      [40, 5],
      [200, 30],
      [415, 51],
      [532, 52],
    ]);
  });

  it('never draws a withheld curve, even when asked to', () => {
    const o = transformProps(response, options(['HU', 'DE']));
    expect(seriesOf(o).map((s) => s.id)).toEqual(['band:DE', 'line:DE']);
  });

  it('maps the band polygon through the axes', () => {
    const o = transformProps(response, options(['IT']));
    const band = seriesOf(o).find((s) => s.id === 'band:IT')!;
    const shape = band.renderItem!({}, { coord: ([x, y]: [number, number]) => [x * 2, 100 - y] });
    expect(shape.shape.points[0]).toEqual([0, 100]);
    expect(shape.shape.points).toHaveLength(10);
  });

  it('ends the day axis at the next risk time, on a 0–100% scale', () => {
    const o = transformProps(response, options(['DE']));
    expect((o.xAxis as { max: number }).max).toBe(540);
    expect(o.yAxis).toMatchObject({ min: 0, max: 100 });
  });

  it('reads every shown curve in the tooltip at the hovered day', () => {
    const o = transformProps(response, options([TOTAL_KEY, 'DE']));
    const text = (o.tooltip as { formatter: (p: unknown) => string }).formatter([{ axisValue: 200 }]);
    expect(text).toContain('Day 200');
    expect(text).toContain('Germany: <strong>30% (25–36%)</strong>');
    expect(text).toContain('All selected groups: <strong>20% (18–22%)</strong>');
  });
});

describe('tables and text alternative', () => {
  it('reads the curves at the risk times, with numbers at risk; empty past the curve, suppressed when withheld', () => {
    const table = kmTable(rows, RISK_TIMES, { caption: 'c', group: 'Group', day: 'Day', atRisk: 'At risk', placed: 'Placed' });
    const deRows = table.rows.filter((r) => r.key.startsWith('DE:'));
    expect(deRows.map((r) => r.cells[1])).toEqual(RISK_TIMES);
    expect(deRows[4]!.cells.slice(2)).toEqual([count(63), { value: 30, low: 25, high: 36, numerator: null, denominator: null, suppressed: false }]);
    // Day 540 lies past the truncation at 532: no share (not 0), and the count at risk is suppressed.
    expect(deRows[5]!.cells.slice(2)).toEqual([count(null), null]);
    const huRow = table.rows.find((r) => r.key === 'HU:30')!;
    expect(huRow.cells[3]).toEqual({ value: null, suppressed: true });
    expect(table.footer).toHaveLength(RISK_TIMES.length);
    const csv = toCsv(table, { suppressed: 'suppressed', ciLow: (l) => `${l} low`, ciHigh: (l) => `${l} high` });
    expect(csv).toContain('Germany,365,63,30,25,36');
    expect(csv).toContain('Hungary,30,suppressed,suppressed,,');
  });

  it('lists numbers at risk per curve, one column per risk time', () => {
    const table = riskTable(rows.slice(0, 2), RISK_TIMES, { caption: 'c', group: 'Group', day: (t) => `day ${t}` });
    expect(table.columns.map((c) => c.label)).toEqual(['Group', ...RISK_TIMES.map((t) => `day ${t}`)]);
    expect(table.rows[0]!.cells).toEqual(['Germany', count(380), count(356), count(300), count(201), count(63), count(null), count(0)]);
    expect(table.footer?.[0]!.cells[1]).toEqual(count(1770));
  });

  it('gives the median with its limits, "not reached" and open limits said as such', () => {
    const table = medianTable(rows, { caption: 'c', group: 'g', cohort: 'n', events: 'e', median: 'm', shownTo: 's', notReached: 'not reached' }, String);
    const byKey = Object.fromEntries(table.rows.map((r) => [r.key, r.cells]));
    expect(byKey.DE).toEqual(['Germany', count(380), count(111), '415 (314–…)', 532]);
    expect(byKey.IT![3]).toBe('not reached');
    expect(byKey.HU!.slice(1)).toEqual([count(null), count(null), { value: null, suppressed: true }, { value: null, suppressed: true }]);
  });

  it('summarises each shown curve at the last risk time they all reach', () => {
    const shown = rows.filter((r) => ['DE', 'IT'].includes(r.key));
    expect(summaryDay(shown, RISK_TIMES)).toBe(365);
    const text = describeKm(
      shown,
      RISK_TIMES,
      {
        overall: (n, d) => `${n} curves. ${d}`,
        group: (v) => `${v.group}: ${v.placed} by day ${v.day}, median ${v.median}.`,
        notReached: 'not reached',
        notShown: 'not shown',
      },
      String,
      (v, lo, hi) => `${v}% (${lo}–${hi}%)`,
    );
    expect(text).toBe('2 curves. Germany: 30% (25–36%) by day 365, median 415 (314–…). Italy: 20% (18–22%) by day 365, median not reached.');
  });
});

describe('an empty selection', () => {
  it('is empty when the cohort of the selection is 0, and not when it is only suppressed', () => {
    expect(isEmptyKm(response)).toBe(false);
    expect(isEmptyKm({ groups: response.groups, totals: { ...response.totals, cohort: count(0) } })).toBe(true);
    expect(isEmptyKm({ groups: response.groups, totals: { ...response.totals, cohort: count(null) } })).toBe(false);
    expect(isEmptyKm({ groups: [], totals: response.totals })).toBe(true);
  });
});
