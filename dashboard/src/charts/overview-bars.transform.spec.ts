import { group, overview } from '@/api/overview.fixture';
import {
  describeOverviewBars,
  overviewBarRows,
  overviewBarsHeight,
  SERIES_COLOURS,
  transformProps,
  type OverviewBarsOptions,
} from './overview-bars.transform';
import { OKABE_ITO } from './chart-theme';

const labels = {
  enrolled: 'Enrolled',
  enrolledTarget: 'Enrolment target',
  placed: 'Placed',
  placedTarget: 'Placement target',
  suppressed: 'suppressed',
  noTarget: 'no target',
};
const options: OverviewBarsOptions = { labels, formatNumber: (n) => n.toLocaleString('en-GB') };

const response = overview([
  group({ key: 'IT-RM', label: 'Roma – AMIL', enrolled: 112, placed: 41, targets: { enrolled: 120, placed: 45 } }),
  group({ key: 'CY-NIC', label: 'Nicosia – AMIL', enrolled: 64, placed: null, targets: { enrolled: 80, placed: 30 } }),
  group({ key: 'GR-ATH', label: 'Athens – AMIL', enrolled: 1500, placed: 12, targets: { enrolled: null, placed: 20 } }),
]);

type AnySeries = { id: string; name: string; data: (number | null)[]; itemStyle: { color: string; borderType?: string; decal?: unknown } };
const seriesOf = (o: ReturnType<typeof transformProps>) => o.series as unknown as AnySeries[];
const seriesById = (o: ReturnType<typeof transformProps>, id: string) => {
  const s = seriesOf(o).find((x) => x.id === id);
  if (!s) throw new Error(`no series ${id}`);
  return s;
};
const tooltipText = (o: ReturnType<typeof transformProps>, dataIndex: number) => {
  const formatter = (o.tooltip as { formatter: (p: unknown) => string }).formatter;
  return formatter([{ dataIndex }]);
};

describe('overview bars transformProps', () => {
  it('draws enrolled and placed beside their targets, in that order', () => {
    const option = transformProps(response, options);
    expect(seriesOf(option).map((s) => s.id)).toEqual(['enrolled', 'enrolledTarget', 'placed', 'placedTarget']);
    expect(seriesOf(option).map((s) => s.name)).toEqual(['Enrolled', 'Enrolment target', 'Placed', 'Placement target']);
    expect(seriesById(option, 'enrolled').data).toEqual([112, 64, 1500]);
    expect(seriesById(option, 'enrolledTarget').data).toEqual([120, 80, null]);
    expect(seriesById(option, 'placedTarget').data).toEqual([45, 30, 20]);
    expect((option.legend as { data: string[] }).data).toEqual(['Enrolled', 'Enrolment target', 'Placed', 'Placement target']);
  });

  it('turns a suppressed count into a gap, never into 0', () => {
    const option = transformProps(response, options);
    const placed = seriesById(option, 'placed').data;
    expect(placed[1]).toBeNull();
    expect(placed).not.toContain(0);
    // and says "suppressed" where the value would be
    expect(tooltipText(option, 1)).toContain('Placed: <strong>suppressed</strong>');
    expect(tooltipText(option, 1)).toContain('Enrolled: <strong>64</strong>');
  });

  it('even if a suppressed cell arrives with a number, it is not drawn', () => {
    const leaky = overview([group({ key: 'IT-TO', enrolled: 50, placed: 10 })]);
    leaky.groups[0]!.placed = { value: 3, suppressed: true };
    expect(seriesById(transformProps(leaky, options), 'placed').data).toEqual([null]);
  });

  it('marks the axis label of a group with a suppressed value, and only that one', () => {
    const yAxis = transformProps(response, options).yAxis as { data: string[]; inverse: boolean };
    expect(yAxis.data).toEqual(['Roma – AMIL', 'Nicosia – AMIL *', 'Athens – AMIL']);
  });

  it('keeps the order of the API, first group on top (inverse category axis)', () => {
    const reversed = overview([...response.groups].reverse());
    const yAxis = transformProps(reversed, options).yAxis as { data: string[]; inverse: boolean };
    expect(yAxis.inverse).toBe(true);
    expect(yAxis.data[0]).toBe('Athens – AMIL');
    expect(seriesById(transformProps(reversed, options), 'enrolled').data).toEqual([1500, 64, 112]);
  });

  it('shows a missing target as "no target" and draws nothing for it', () => {
    const option = transformProps(response, options);
    expect(seriesById(option, 'enrolledTarget').data[2]).toBeNull();
    expect(tooltipText(option, 2)).toContain('Enrolment target: <strong>no target</strong>');
    expect(tooltipText(option, 2)).toContain('Enrolled: <strong>1,500</strong>');
  });

  it('uses Okabe–Ito colours, targets as dashed outlines with a pattern', () => {
    const option = transformProps(response, options);
    expect(SERIES_COLOURS.enrolled).toBe(OKABE_ITO.blue);
    expect(seriesById(option, 'enrolled').itemStyle.color).toBe(OKABE_ITO.blue);
    expect(seriesById(option, 'placed').itemStyle.color).toBe(OKABE_ITO.vermillion);
    const target = seriesById(option, 'placedTarget').itemStyle;
    expect(target.borderType).toBe('dashed');
    expect(target.decal).toBeDefined();
  });

  it('escapes group labels in the HTML tooltip', () => {
    const evil = overview([group({ key: 'IT-XX', label: '<img src=x onerror=alert(1)>', enrolled: 10, placed: 5 })]);
    const html = tooltipText(transformProps(evil, options), 0);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('enables the aria component with the given description', () => {
    const option = transformProps(response, { ...options, ariaDescription: 'Summary.' });
    expect(option.aria).toEqual({ enabled: true, label: { description: 'Summary.' } });
  });

  it('handles an empty response without inventing data', () => {
    const option = transformProps(overview([]), options);
    expect(seriesOf(option).every((s) => s.data.length === 0)).toBe(true);
    expect((option.xAxis as { max?: number }).max).toBe(10);
    expect(tooltipText(option, 0)).toBe('');
  });

  it('uses localised group labels when given', () => {
    const byCountry = overview([group({ key: 'IT', label: 'Italy', enrolled: 200, placed: 60 })], 'country');
    const yAxis = transformProps(byCountry, { ...options, groupLabel: (g) => (g.key === 'IT' ? 'Italia' : g.label) }).yAxis as { data: string[] };
    expect(yAxis.data).toEqual(['Italia']);
  });
});

describe('overviewBarRows (the table behind the chart)', () => {
  it('holds the numbers the chart draws', () => {
    const rows = overviewBarRows(response);
    const option = transformProps(response, options);
    expect(rows.map((r) => r.enrolled)).toEqual(seriesById(option, 'enrolled').data);
    expect(rows.map((r) => r.placed)).toEqual(seriesById(option, 'placed').data);
    expect(rows.map((r) => r.enrolledTarget)).toEqual(seriesById(option, 'enrolledTarget').data);
    expect(rows.map((r) => r.placedTarget)).toEqual(seriesById(option, 'placedTarget').data);
    expect(rows[1]).toMatchObject({ key: 'CY-NIC', placed: null, placedSuppressed: true, enrolledSuppressed: false });
  });
});

describe('describeOverviewBars', () => {
  it('writes one sentence per group, saying "suppressed" rather than a number', () => {
    const text = describeOverviewBars(
      overviewBarRows(response),
      {
        overall: (n, details) => `${n} groups. ${details}`,
        group: (v) => `${v.group}: ${v.enrolled}/${v.enrolledTarget}, ${v.placed}/${v.placedTarget}.`,
      },
      labels,
      String,
    );
    expect(text).toBe('3 groups. Roma – AMIL: 112/120, 41/45. Nicosia – AMIL: 64/80, suppressed/30. Athens – AMIL: 1500/no target, 12/20.');
  });
});

describe('overviewBarsHeight', () => {
  it('grows with the number of groups and has a floor', () => {
    expect(overviewBarsHeight(0)).toBeGreaterThanOrEqual(220);
    expect(overviewBarsHeight(10)).toBeGreaterThan(overviewBarsHeight(5));
  });
});
