// Trends: one line per group (site, country or programme) over the period buckets, and the
// line of all selected groups in its own chart (its scale would flatten the groups' lines).
// Pure: response + options in, ECharts option out. The same rows feed the data table.
import type { Count } from '@/api/types';
import type { TrendGroup, TrendsResponse } from '@/api/trends';
import type { DataTableModel } from './data-table';
import { dataIndexOf, escapeHtml, swatch } from './html';
import { AXIS_LINE, CATEGORICAL, chartBase, GRID_LINES, INK, legendText, valueAxisLabel } from './chart-theme';
import type { EChartsOption } from './types';

export interface TrendRow {
  key: string;
  label: string;
  total: Count;
  /** One per period of the response, in order; null when suppressed or missing — never 0. */
  values: (number | null)[];
  suppressed: boolean[];
}

export interface TrendRows {
  /** Bucket start dates (ISO), the x axis. */
  periods: string[];
  groups: TrendRow[];
  totals: TrendRow;
}

function rowOf(key: string, label: string, total: Count, series: TrendGroup['series'], periods: string[]): TrendRow {
  const byPeriod = new Map(series.map((p) => [p.period, p.value]));
  const cells = periods.map((p) => byPeriod.get(p) ?? null);
  return {
    key,
    label,
    total,
    values: cells.map((c) => (c === null || c.suppressed ? null : c.value)),
    suppressed: cells.map((c) => c?.suppressed ?? false),
  };
}

/** Rows aligned on the response's periods (a bucket a series lacks is a gap, not 0). */
export function trendRows(response: TrendsResponse, groupLabel: (g: TrendGroup) => string, totalLabel: string): TrendRows {
  const periods = response.periods.length > 0 ? response.periods : response.totals.series.map((p) => p.period);
  return {
    periods,
    groups: response.groups.map((g) => rowOf(g.key, groupLabel(g), g.total, g.series, periods)),
    totals: rowOf('total', totalLabel, response.totals.total, response.totals.series, periods),
  };
}

/** True when at least one bucket of these rows shows a number above zero. */
export function hasShownFigures(rows: readonly TrendRow[]): boolean {
  return rows.some((r) => r.values.some((v) => v !== null && v > 0));
}

/** True when some buckets are suppressed and none shows a number above zero: nothing to draw. */
export function allSuppressed(rows: readonly TrendRow[]): boolean {
  return !hasShownFigures(rows) && rows.some((r) => r.suppressed.some(Boolean));
}

/** The suppressed buckets of each row, as period labels (for the list under the chart). */
export function suppressedBuckets(rows: readonly TrendRow[], periods: readonly string[], periodLabel: (iso: string) => string): { key: string; label: string; periods: string[] }[] {
  return rows
    .map((r) => ({ key: r.key, label: r.label, periods: periods.filter((_, i) => r.suppressed[i]).map(periodLabel) }))
    .filter((r) => r.periods.length > 0);
}

// Colour is never the only cue: each line also has its own marker and, past the palette, dash.
// Six markers against seven colours: the pair repeats only after 42 lines.
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin'] as const;
const DASHES = ['solid', 'dashed', 'dotted'] as const;

export function lineStyleOf(index: number): { colour: string; symbol: string; dash: (typeof DASHES)[number] } {
  const palette = CATEGORICAL.slice(0, 7); // yellow is too faint for a thin line on white
  return {
    colour: palette[index % palette.length] ?? INK.text,
    symbol: SYMBOLS[index % SYMBOLS.length] ?? 'circle',
    dash: DASHES[Math.floor(index / palette.length) % DASHES.length] ?? 'solid',
  };
}

export interface TrendLinesLabels {
  suppressed: string;
}

export interface TrendLinesOptions {
  /** Which chart: the groups' lines or the line of all selected groups. */
  part: 'groups' | 'totals';
  labels: TrendLinesLabels;
  periodLabel: (iso: string) => string;
  groupLabel: (g: TrendGroup) => string;
  totalLabel: string;
  formatNumber?: (n: number) => string;
  ariaDescription?: string;
  compact?: boolean;
}

/** Chart height: the plot plus room for a legend that wraps onto several lines. */
export function trendLinesHeight(seriesCount: number, compact = false): number {
  return 300 + legendHeight(seriesCount, compact);
}

function legendHeight(seriesCount: number, compact: boolean): number {
  if (seriesCount <= 1) return 0;
  const perLine = compact ? 2 : 4;
  return Math.ceil(seriesCount / perLine) * 22;
}

export function cellText(row: TrendRow, i: number, labels: TrendLinesLabels, formatNumber: (n: number) => string): string {
  if (row.suppressed[i]) return labels.suppressed;
  const v = row.values[i];
  return v === null || v === undefined ? '–' : formatNumber(v);
}

export function transformProps(response: TrendsResponse, options: TrendLinesOptions): EChartsOption {
  const formatNumber = options.formatNumber ?? ((n: number) => String(n));
  const compact = options.compact ?? false;
  const all = trendRows(response, options.groupLabel, options.totalLabel);
  const rows = options.part === 'totals' ? [all.totals] : all.groups;
  const legendTop = legendHeight(rows.length, compact);

  const series = rows.map((r, i) => {
    const style = options.part === 'totals' ? { colour: INK.text, symbol: 'circle', dash: 'solid' as const } : lineStyleOf(i);
    return {
      id: r.key,
      type: 'line' as const,
      name: r.label,
      // null is a gap: a suppressed bucket is not drawn and the line is not joined across it.
      data: r.values,
      connectNulls: false,
      // Markers always shown, so a bucket between two gaps is still visible.
      showSymbol: true,
      symbol: style.symbol,
      symbolSize: options.part === 'totals' ? 8 : 7,
      lineStyle: { color: style.colour, width: options.part === 'totals' ? 2.5 : 1.75, type: style.dash },
      itemStyle: { color: style.colour },
      emphasis: { focus: 'series' as const },
      label: options.part === 'totals' ? { show: !compact, position: 'top' as const, color: INK.text, fontSize: 11, formatter: (p: { value?: unknown }) => (typeof p.value === 'number' ? formatNumber(p.value) : '') } : { show: false },
    };
  });

  const max = Math.max(0, ...rows.flatMap((r) => r.values.filter((v): v is number => v !== null)));

  return {
    ...chartBase(options.ariaDescription),
    legend: rows.length > 1 ? { top: 0, left: 0, type: 'plain', itemWidth: 22, itemHeight: 10, textStyle: legendText(compact), data: rows.map((r) => r.label) } : { show: false },
    grid: { top: legendTop + 24, left: 8, right: compact ? 12 : 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (params: unknown) => {
        const i = dataIndexOf(params);
        if (i === null) return '';
        const period = all.periods[i];
        const lines = rows.map((r, k) => {
          const colour = options.part === 'totals' ? INK.text : lineStyleOf(k).colour;
          return `${swatch(colour)}${escapeHtml(r.label)}: <strong>${escapeHtml(cellText(r, i, options.labels, formatNumber))}</strong>`;
        });
        return `<strong>${escapeHtml(period ? options.periodLabel(period) : '')}</strong><br/>${lines.join('<br/>')}`;
      },
    },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: all.periods.map(options.periodLabel),
      axisLine: AXIS_LINE,
      axisLabel: { color: INK.muted, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: max === 0 ? 10 : undefined,
      minInterval: 1,
      axisLabel: valueAxisLabel(formatNumber),
      splitLine: GRID_LINES,
    },
    series,
  };
}

export interface TrendTableLabels {
  caption: string;
  period: string;
  periodStart: string;
}

/** Periods down, series across (all selected groups first): the numbers both charts draw. */
export function trendTable(rows: TrendRows, periodLabel: (iso: string) => string, labels: TrendTableLabels): DataTableModel {
  const series = [rows.totals, ...rows.groups];
  const cell = (r: TrendRow, i: number): Count => ({ value: r.values[i] ?? null, suppressed: r.suppressed[i] ?? false });
  return {
    caption: labels.caption,
    columns: [
      { key: 'period', label: labels.period, kind: 'text' },
      { key: 'periodStart', label: labels.periodStart, kind: 'date' },
      ...series.map((r) => ({ key: `s-${r.key}`, label: r.label, kind: 'count' as const })),
    ],
    rows: rows.periods.map((p, i) => ({ key: p, cells: [periodLabel(p), p, ...series.map((r) => cell(r, i))] })),
    footer: [{ key: 'total', cells: ['Σ', null, ...series.map((r) => r.total)] }],
  };
}

export interface TrendSummaryTexts {
  overall: (v: { n: number; from: string; to: string; details: string }) => string;
  row: (v: { group: string; total: string; peak: string; peakPeriod: string; suppressed: number }) => string;
  rowNoPeak: (v: { group: string; total: string; suppressed: number }) => string;
}

/** Text alternative: per line, its total, its highest bucket and how many buckets are suppressed. */
export function describeTrendLines(rows: readonly TrendRow[], periods: readonly string[], periodLabel: (iso: string) => string, texts: TrendSummaryTexts, labels: TrendLinesLabels, formatNumber: (n: number) => string): string {
  const details = rows
    .map((r) => {
      const total = r.total.suppressed ? labels.suppressed : r.total.value === null ? '–' : formatNumber(r.total.value);
      const suppressed = r.suppressed.filter(Boolean).length;
      let peak = -1;
      r.values.forEach((v, i) => {
        if (v !== null && (peak < 0 || v > (r.values[peak] ?? -1))) peak = i;
      });
      const peakValue = peak >= 0 ? r.values[peak] : null;
      const peakPeriod = peak >= 0 ? periods[peak] : undefined;
      return peakValue !== null && peakValue !== undefined && peakPeriod
        ? texts.row({ group: r.label, total, peak: formatNumber(peakValue), peakPeriod: periodLabel(peakPeriod), suppressed })
        : texts.rowNoPeak({ group: r.label, total, suppressed });
    })
    .join(' ');
  const first = periods[0];
  const last = periods[periods.length - 1];
  return texts.overall({ n: rows.length, from: first ? periodLabel(first) : '', to: last ? periodLabel(last) : '', details });
}
