import { FUNNEL_STEPS, type FunnelResponse, type FunnelStep, type FunnelStepName } from '@/api/funnel';
import { DISCLOSURE } from '@/api/overview.fixture';
import { withholdSuppressed } from '@/api/suppression';
import { toCsv } from './data-table';
import {
  biggestLeak,
  describeFunnel,
  funnelRows,
  funnelTable,
  isEmptyFunnel,
  TOTAL_KEY,
  transformProps,
  wilsonPct,
  type FunnelLabels,
  type FunnelOptions,
} from './funnel.transform';

// Cut down from a real /v1/kpis/funnel?groupBy=country answer of the demo programme.
type StepSpec = [number | null, [number, number, number, number, number] | null | 'suppressed'];
const ORDER = FUNNEL_STEPS;
const steps = (specs: StepSpec[]): FunnelStep[] =>
  specs.map(([count, conv], i) => ({
    step: ORDER[i]!,
    count: count === null ? { value: null, suppressed: true } : { value: count, suppressed: false },
    conversion:
      conv === null
        ? null
        : conv === 'suppressed'
          ? { value: null, low: null, high: null, numerator: null, denominator: null, suppressed: true }
          : { value: conv[0], low: conv[1], high: conv[2], numerator: conv[3], denominator: conv[4], suppressed: false },
  }));

const body: FunnelResponse = {
  groupBy: 'country',
  filters: { from: '1900-01-01', to: '2299-12-31', asOf: '2026-11-24', country: null, site: null, programme: null },
  minCell: 5,
  disclosure: DISCLOSURE,
  generatedAt: '2026-11-24T14:24:51.635Z',
  steps: [...ORDER],
  groups: [
    {
      key: 'CY',
      label: 'CY',
      country: 'CY',
      programme: null,
      steps: steps([
        [960, null],
        [891, [92.8, 91, 94.3, 891, 960]],
        [613, [65.8, 62.6, 68.8, 586, 891]],
        [188, [25.1, 21.9, 28.7, 154, 613]],
        [176, 'suppressed'],
        [null, 'suppressed'],
      ]),
    },
    {
      key: 'ES',
      label: 'ES',
      country: 'ES',
      programme: null,
      steps: steps([
        [620, null],
        [586, [94.5, 92.4, 96.0, 586, 620]],
        [419, [69.1, 65.3, 72.7, 405, 586]],
        [137, [28.2, 24.0, 32.8, 118, 419]],
        [260, [47.4, 39.2, 55.7, 65, 137]],
        [159, [61.2, 55.1, 66.9, 159, 260]],
      ]),
    },
  ],
  totals: {
    steps: steps([
      [5036, null],
      [4678, [92.9, 92.1, 93.6, 4678, 5036]],
      [3120, [63.5, 62.1, 64.9, 2970, 4678]],
      [1092, [29.2, 27.6, 30.8, 911, 3120]],
      [1244, [31.4, 28.7, 34.2, 343, 1092]],
      [527, [42.4, 39.6, 45.1, 527, 1244]],
    ]),
  },
};

const stepLabels: Record<FunnelStepName, string> = {
  enrolled: 'Enrolled',
  assessed: 'Assessed',
  trained: 'Trained',
  internship: 'Internship',
  placed: 'Placed',
  employed6: 'Employed at 6 months',
};
const labels: FunnelLabels = { steps: stepLabels, suppressed: 'suppressed', people: (n) => `${n} people`, base: (a, b) => `${a} of ${b}` };
const names: Record<string, string> = { CY: 'Cyprus', ES: 'Spain' };
const groupLabel = (g: FunnelResponse['groups'][number]) => names[g.key] ?? g.label;
const base = { labels, groupLabel, totalLabel: 'All selected groups', formatNumber: (n: number) => n.toLocaleString('en-GB') };
const options = (measure: FunnelOptions['measure']) => ({ ...base, measure });

type CustomSeries = {
  id: string;
  name: string;
  data: (number | null)[][];
  renderItem: (p: unknown, api: unknown) => { type: string; children?: { type: string; shape: Record<string, number>; style: { text?: string } }[]; style?: { text?: string } } | null;
};
const seriesOf = (o: ReturnType<typeof transformProps>) => o.series as unknown as CustomSeries[];

/** A stand-in for ECharts' renderItem api: x = value * 10 px, each category 100 px tall. */
function fakeApi(row: (number | null)[]) {
  return {
    value: (d: number) => row[d] ?? NaN,
    coord: ([x, y]: [number, number]) => [x * 10, y * 100 + 50],
    size: () => [0, 100],
  };
}

describe('the funnel response as the dashboard reads it', () => {
  it('never keeps a number in a suppressed cell', () => {
    const leaky = structuredClone(body);
    leaky.groups[0]!.steps[5]!.count = { value: 3, suppressed: true };
    const r = withholdSuppressed(leaky);
    expect(r.groups.map((g) => g.key)).toEqual(['CY', 'ES']);
    expect(r.groups[0]!.steps[5]!.count).toEqual({ value: null, suppressed: true });
    expect(r.groups[0]!.steps[0]!.conversion).toBeNull();
    expect(r.totals.steps[3]!.conversion).toMatchObject({ value: 29.2, low: 27.6, high: 30.8 });
  });
});

describe('funnel rows', () => {
  const response = body;

  it('puts the totals first, then the groups in the API order', () => {
    const rows = funnelRows(response, groupLabel, 'All selected groups');
    expect(rows.map((r) => [r.key, r.label])).toEqual([
      [TOTAL_KEY, 'All selected groups'],
      ['CY', 'Cyprus'],
      ['ES', 'Spain'],
    ]);
    expect(rows[1]!.cells.map((c) => c.step)).toEqual(ORDER);
  });

  it('works out the share of enrolled with the same Wilson interval the API uses', () => {
    // The API's own rate for 891 of 960 is 92.8% (91.0–94.3%).
    expect(wilsonPct(891, 960)).toEqual({ value: 92.8, low: 91, high: 94.3 });
    const rows = funnelRows(response, groupLabel, 'Total');
    const cyTrained = rows[1]!.cells[2]!;
    expect(cyTrained.share).toMatchObject({ value: 63.9, numerator: 613, denominator: 960, suppressed: false });
    expect(cyTrained.share.low).toBeLessThan(63.9);
    expect(cyTrained.share.high).toBeGreaterThan(63.9);
  });

  it('keeps a suppressed step suppressed in its share too', () => {
    const cyEmployed = funnelRows(response, groupLabel, 'Total')[1]!.cells[5]!;
    expect(cyEmployed.count.suppressed).toBe(true);
    expect(cyEmployed.share).toMatchObject({ value: null, suppressed: true });
  });

  it('finds the biggest leak: the weakest step conversion', () => {
    const [total, cy, es] = funnelRows(response, groupLabel, 'Total');
    expect(biggestLeak(total!, response.steps)).toMatchObject({ from: 'trained', to: 'internship', conversion: { value: 29.2 } });
    // Cyprus' later conversions are suppressed: the weakest shown one counts.
    expect(biggestLeak(cy!, response.steps)).toMatchObject({ from: 'trained', to: 'internship', conversion: { value: 25.1 } });
    expect(biggestLeak(es!, response.steps)).toMatchObject({ from: 'trained', to: 'internship' });
  });
});

describe('funnel transformProps', () => {
  const response = body;

  it('draws one series per step after enrolment, named by the step it converts into', () => {
    const o = transformProps(response, options('conversion'));
    expect(seriesOf(o).map((s) => s.id)).toEqual(['assessed', 'trained', 'internship', 'placed', 'employed6']);
    expect(seriesOf(o).map((s) => s.name)[2]).toBe('Trained → Internship');
    expect((o.legend as { data: string[] }).data[0]).toBe('Enrolled → Assessed');
    expect((o.yAxis as { data: string[] }).data).toEqual(['All selected groups', 'Cyprus', 'Spain']);
  });

  it('carries each conversion with its interval, and a suppressed one as a flagged gap, not 0', () => {
    const o = transformProps(response, options('conversion'));
    const internship = seriesOf(o).find((s) => s.id === 'internship')!;
    expect(internship.data).toEqual([
      [29.2, 0, 27.6, 30.8, 0],
      [25.1, 1, 21.9, 28.7, 0],
      [28.2, 2, 24.0, 32.8, 0],
    ]);
    const placed = seriesOf(o).find((s) => s.id === 'placed')!;
    expect(placed.data[1]).toEqual([null, 1, null, null, 1]);
  });

  it('draws a bar to the value and a whisker from low to high', () => {
    const o = transformProps(response, options('conversion'));
    const s = seriesOf(o).find((x) => x.id === 'internship')!;
    const shape = s.renderItem({}, fakeApi(s.data[1]!));
    const children = shape?.children ?? [];
    const bar = children.find((c) => c.type === 'rect')!;
    expect(bar.shape.x).toBe(0);
    expect(bar.shape.width).toBeCloseTo(251);
    const whisker = children.filter((c) => c.type === 'line')[0]!;
    expect(whisker.shape.x1).toBeCloseTo(219);
    expect(whisker.shape.x2).toBeCloseTo(287);
  });

  it('writes "suppressed" where a suppressed conversion would be, and draws no bar', () => {
    const o = transformProps(response, options('conversion'));
    const s = seriesOf(o).find((x) => x.id === 'placed')!;
    const shape = s.renderItem({}, fakeApi(s.data[1]!));
    expect(shape?.type).toBe('text');
    expect(shape?.style?.text).toBe('suppressed *');
  });

  it('in the share reading draws each step against the enrolled', () => {
    const o = transformProps(response, options('share'));
    expect(seriesOf(o).map((s) => s.name)).toEqual(['Assessed', 'Trained', 'Internship', 'Placed', 'Employed at 6 months']);
    const placed = seriesOf(o).find((s) => s.id === 'placed')!;
    // Cyprus: 176 of 960 placed, even though its conversion into placement is suppressed.
    expect(placed.data[1]![0]).toBe(18.3);
    expect(placed.data[1]![4]).toBe(0);
  });

  it('explains a bar in its tooltip with the counts behind it', () => {
    const o = transformProps(response, options('conversion'));
    const text = (o.tooltip as { formatter: (p: unknown) => string }).formatter({ seriesId: 'internship', dataIndex: 0 });
    expect(text).toContain('All selected groups');
    expect(text).toContain('Trained → Internship');
    expect(text).toContain('911 of 3,120');
    expect(text).toContain('Internship: 1,092 people');
  });
});

describe('funnel text alternative and table', () => {
  const response = body;
  const rows = funnelRows(response, groupLabel, 'All selected groups');

  it('reads out every conversion with its interval, and suppressed ones as such', () => {
    const text = describeFunnel(
      rows,
      response.steps,
      { measure: 'conversion', labels, formatRate: (v, lo, hi) => `${v}% (${lo}–${hi}%)`, list: (items) => items.join('; ') },
      { overall: (n, details) => `${n} rows. ${details}`, group: ({ group, details }) => `${group}: ${details}.` },
    );
    expect(text).toContain('3 rows.');
    expect(text).toContain('All selected groups: Enrolled → Assessed 92.9% (92.1–93.6%)');
    expect(text).toContain('Cyprus: Enrolled → Assessed 92.8% (91–94.3%); Assessed → Trained 65.8% (62.6–68.8%); Trained → Internship 25.1% (21.9–28.7%); Internship → Placed suppressed');
  });

  it('has one row per group and step, the totals in the footer, suppressed cells kept', () => {
    const table = funnelTable(rows, {
      caption: 'People at each step',
      group: 'Group',
      step: 'Step',
      count: 'People',
      share: 'Share of enrolled',
      conversion: 'Conversion',
      steps: stepLabels,
    });
    expect(table.rows).toHaveLength(12);
    expect(table.footer).toHaveLength(6);
    expect(table.rows[5]!.cells.slice(0, 3)).toEqual(['Cyprus', 'Employed at 6 months', { value: null, suppressed: true }]);
    const csv = toCsv(table, { suppressed: 'suppressed', ciLow: (l) => `${l} low`, ciHigh: (l) => `${l} high` }).split('\r\n');
    expect(csv[0]).toBe('Group,Step,People,Share of enrolled,Share of enrolled low,Share of enrolled high,Conversion,Conversion low,Conversion high');
    expect(csv).toContain('Cyprus,Internship,188,19.6,17.2,22.2,25.1,21.9,28.7');
    expect(csv).toContain('Cyprus,Employed at 6 months,suppressed,suppressed,suppressed,suppressed,suppressed,suppressed,suppressed');
    expect(csv).toContain('All selected groups,Enrolled,5036,,,,,,');
  });
});

describe('an empty selection', () => {
  it('is empty when nobody enrolled, though the service still lists the groups with zeros', () => {
    const zero = structuredClone(body);
    for (const steps of [zero.totals.steps, ...zero.groups.map((g) => g.steps)]) {
      steps.forEach((s) => {
        s.count = { value: 0, suppressed: false };
        s.conversion = s.conversion && { value: null, low: null, high: null, numerator: null, denominator: null, suppressed: false };
      });
    }
    expect(isEmptyFunnel(zero)).toBe(true);
    expect(isEmptyFunnel(body)).toBe(false);
  });
});
