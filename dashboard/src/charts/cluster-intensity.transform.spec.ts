import { CLUSTERS_FIXTURE, hidden } from './cluster.fixture';
import { describeIntensity, intensityRows, intensityTable, transformProps, type IntensityLabels } from './cluster-intensity.transform';

const labels: IntensityLabels = {
  xAxis: 'Active members per 100 participants',
  xAxisLog: 'Active members per 100 participants (log scale)',
  yAxis: 'Placement rate',
  overall: (r) => `All selected: ${r}`,
  suppressed: 'suppressed',
  noData: '–',
  tooltipPer100: 'per 100',
  tooltipRate: 'rate',
  tooltipBase: (n, d) => `${n} of ${d}`,
};
const formatRate = (v: number, lo: number | null, hi: number | null) => `${v}% (${lo}–${hi}%)`;
const options = { labels, groupLabel: (g: { label: string }) => g.label, pointLabel: (g: { key: string }) => g.key, formatNumber: String, formatRate };

type Series = { id?: string; data?: unknown[]; markLine?: { data?: { yAxis?: number }[] } };
const series = (id: string) => ((transformProps(CLUSTERS_FIXTURE, options).series as Series[]) ?? []).find((s) => s.id === id);

describe('cluster intensity rows', () => {
  it('puts each site at (active per 100, placement rate) and leaves out a site whose rate is suppressed', () => {
    const rows = intensityRows(CLUSTERS_FIXTURE, (g) => g.label, (g) => g.key);
    expect(rows.map((r) => [r.key, r.per100, r.rate.value, r.plotted])).toEqual([
      ['FR-LYO', 40, 25, true],
      ['IT-RM', 0.9, 24.7, true],
      ['SE-MAL', 31.8, null, false],
    ]);
  });

  it('does not place a site whose active members are suppressed, whatever intensity came with them', () => {
    const lyon = { ...CLUSTERS_FIXTURE.groups[0]!, activeMembers: hidden };
    const rows = intensityRows({ ...CLUSTERS_FIXTURE, groups: [lyon] }, (g) => g.label, (g) => g.key);
    expect(rows.map((r) => [r.key, r.per100, r.plotted])).toEqual([['FR-LYO', null, false]]);
  });
});

describe('transformProps (cluster intensity)', () => {
  it('draws one labelled point per plotted site, never a suppressed one at 0', () => {
    expect(series('groups')?.data).toEqual([
      { value: [40, 25], name: 'FR-LYO' },
      { value: [0.9, 24.7], name: 'IT-RM' },
    ]);
  });

  it('draws the 95% interval of every point as a vertical whisker', () => {
    expect(series('interval')?.data).toEqual([
      [40, 11.2, 46.9],
      [0.9, 22.1, 27.5],
    ]);
  });

  it('marks the placement rate of the whole selection', () => {
    expect(series('groups')?.markLine?.data).toEqual([{ yAxis: 24.7 }]);
  });

  it('switches to a log scale when intensities span more than tenfold, so small sites do not hide the others', () => {
    const option = transformProps(CLUSTERS_FIXTURE, options) as { xAxis?: { type?: string } };
    expect(option.xAxis?.type).toBe('log');
  });
});

describe('intensity table and text alternative', () => {
  const rows = intensityRows(CLUSTERS_FIXTURE, (g) => g.label, (g) => g.key);
  it('holds the same figures, the suppressed rate as suppressed, totals in the footer', () => {
    const table = intensityTable(rows, CLUSTERS_FIXTURE.totals, { caption: 'c', group: 'g', enrolled: 'e', activeMembers: 'a', per100: 'p', rate: 'r', totals: 'All' });
    expect(table.rows[1]?.cells).toEqual(['MEIC Roma (IT-RM)', { value: 1000, suppressed: false }, { value: 9, suppressed: false }, 0.9, CLUSTERS_FIXTURE.groups[1]?.placementRatePct]);
    expect(table.rows[2]?.cells[4]).toMatchObject({ value: null, suppressed: true });
    expect(table.footer?.[0]?.cells.slice(0, 4)).toEqual(['All', { value: 1042, suppressed: false }, { value: 24, suppressed: false }, 2.3]);
  });
  it('names every drawn point with its interval, highest intensity first, then the ones not drawn', () => {
    const text = describeIntensity(
      rows,
      { overall: (n, d) => `${n} groups. ${d}`, point: (v) => `${v.group}: ${v.per100} per 100, ${v.rate}.`, missing: (g) => `Not drawn: ${g}.` },
      String,
      formatRate,
    );
    expect(text).toBe('2 groups. AMIR Lyon (FR-LYO): 40 per 100, 25% (11.2–46.9%). MEIC Roma (IT-RM): 0.9 per 100, 24.7% (22.1–27.5%). Not drawn: AMIR Malmö (SE-MAL).');
  });
});
