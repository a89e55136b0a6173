// Cohort comparison: the rates of cohort A beside cohort B, each with its 95% interval
// drawn as a whisker, and the comparison table of every indicator. Pure: response +
// options in, ECharts option / table model out; both come from the same rows.
import type { CohortFigures, CohortsResponse } from '@/api/cohorts';
import type { Rate } from '@/api/types';
import type { CellValue, DataTableModel, TableRow } from './data-table';
import { barTooltip, escapeHtml, swatch } from './html';
import { chartBase, GRID_LINES, INK, legendText, OKABE_ITO, textSize, tint, valueAxisLabel, rowsAxis } from './chart-theme';
import type { EChartsOption } from './types';

export const COHORT_RATE_KEYS = ['placementWithin6Months', 'placementWithin12Months', 'dropoutRate', 'employedAt6Months'] as const;
export type CohortRateKey = (typeof COHORT_RATE_KEYS)[number];

export const COHORT_COLOURS = { a: OKABE_ITO.blue, b: OKABE_ITO.vermillion } as const;

export interface CohortRateRow {
  key: CohortRateKey;
  label: string;
  a: Rate;
  b: Rate;
}

export interface CohortLabels {
  /** Names of the cohorts as the legend and table show them, e.g. "A: LIME". */
  a: string;
  b: string;
  rates: Record<CohortRateKey, string>;
  enrolled: string;
  observed6: string;
  notYetObservable6: string;
  observed12: string;
  notYetObservable12: string;
  medianDays: string;
  medianLow: string;
  medianHigh: string;
  /** Table header of the first column. */
  indicator: string;
  caption: string;
  suppressed: string;
  /** A median the Kaplan–Meier curve does not reach. */
  notReached: string;
  /** A rate nobody is in the denominator of. */
  noData: string;
  /** "{numerator} of {denominator}" for tooltips. */
  ofBase(numerator: string, denominator: string): string;
}

function rateOf(c: CohortFigures, key: CohortRateKey): Rate {
  switch (key) {
    case 'placementWithin6Months':
      return c.placementWithin6Months.rate;
    case 'placementWithin12Months':
      return c.placementWithin12Months.rate;
    case 'dropoutRate':
      return c.dropoutRate;
    case 'employedAt6Months':
      return c.employedAt6Months;
  }
}

/** The rates drawn, in the order of a participant's path: placement, then drop-out, then retention. */
export function cohortRateRows(response: Pick<CohortsResponse, 'a' | 'b'>, labels: Pick<CohortLabels, 'rates'>): CohortRateRow[] {
  return COHORT_RATE_KEYS.map((key) => ({ key, label: labels.rates[key], a: rateOf(response.a, key), b: rateOf(response.b, key) }));
}

function medianCell(c: CohortFigures, labels: Pick<CohortLabels, 'notReached'>): CellValue {
  const m = c.medianDaysToPlacement;
  if (m.suppressed) return { value: null, suppressed: true };
  return m.t ?? labels.notReached;
}

function limitCell(c: CohortFigures, which: 'low' | 'high'): CellValue {
  const m = c.medianDaysToPlacement;
  if (m.suppressed) return { value: null, suppressed: true };
  return m[which];
}

/**
 * Every indicator of both cohorts, one row each: the table under the chart and the CSV.
 * Counts and rates stay cells (suppressed shown as such); a rate's interval goes to the CSV.
 */
export function cohortTable(response: Pick<CohortsResponse, 'a' | 'b'>, labels: CohortLabels): DataTableModel {
  const { a, b } = response;
  const row = (key: string, label: string, pick: (c: CohortFigures) => CellValue): TableRow => ({ key, cells: [label, pick(a), pick(b)] });
  return {
    caption: labels.caption,
    columns: [
      { key: 'indicator', label: labels.indicator, kind: 'text' },
      { key: 'a', label: labels.a, kind: 'rate' },
      { key: 'b', label: labels.b, kind: 'rate' },
    ],
    rows: [
      row('enrolled', labels.enrolled, (c) => c.enrolled),
      row('placementWithin6Months', labels.rates.placementWithin6Months, (c) => c.placementWithin6Months.rate),
      row('observed6', labels.observed6, (c) => c.placementWithin6Months.observed),
      row('notYetObservable6', labels.notYetObservable6, (c) => c.placementWithin6Months.notYetObservable),
      row('placementWithin12Months', labels.rates.placementWithin12Months, (c) => c.placementWithin12Months.rate),
      row('observed12', labels.observed12, (c) => c.placementWithin12Months.observed),
      row('notYetObservable12', labels.notYetObservable12, (c) => c.placementWithin12Months.notYetObservable),
      row('medianDays', labels.medianDays, (c) => medianCell(c, labels)),
      row('medianLow', labels.medianLow, (c) => limitCell(c, 'low')),
      row('medianHigh', labels.medianHigh, (c) => limitCell(c, 'high')),
      row('dropoutRate', labels.rates.dropoutRate, (c) => c.dropoutRate),
      row('employedAt6Months', labels.rates.employedAt6Months, (c) => c.employedAt6Months),
    ],
  };
}

export interface CohortChartOptions {
  labels: CohortLabels;
  formatNumber?: (n: number) => string;
  /** Percent points (0–100) to text, e.g. 21.5 -> "21.5%". */
  formatPercent?: (pct: number) => string;
  ariaDescription?: string;
  compact?: boolean;
}

/** Text of a rate as the chart, tooltip and description show it. */
export function rateText(rate: Rate, labels: Pick<CohortLabels, 'suppressed' | 'noData'>, formatPercent: (pct: number) => string): string {
  if (rate.suppressed) return labels.suppressed;
  if (rate.value === null) return labels.noData;
  if (rate.low === null || rate.high === null) return formatPercent(rate.value);
  return `${formatPercent(rate.value)} (${formatPercent(rate.low)}–${formatPercent(rate.high)})`;
}

const BAR_WIDTH = 18;
const BAR_GAP = 0.3;
/** Centre of series i's bar relative to its category's centre (ECharts lays two bars out so). */
const BAR_OFFSET = [-(BAR_WIDTH + BAR_GAP * BAR_WIDTH) / 2, (BAR_WIDTH + BAR_GAP * BAR_WIDTH) / 2] as const;

export function cohortChartHeight(rowCount: number): number {
  return 70 + rowCount * 64;
}

interface RenderApi {
  value(dim: number): unknown;
  coord(point: [number, number]): number[];
}

type WhiskerDatum = [number, number, number | null, number | null];

export function transformProps(response: CohortsResponse, options: CohortChartOptions): EChartsOption {
  const { labels } = options;
  const formatNumber = options.formatNumber ?? ((n: number) => String(n));
  const formatPercent = options.formatPercent ?? ((p: number) => `${formatNumber(p)}%`);
  const compact = options.compact ?? false;
  const rows = cohortRateRows(response, labels);
  const cohorts = ['a', 'b'] as const;

  const bars = cohorts.map((c) => ({
    id: `bar-${c}`,
    type: 'bar' as const,
    name: labels[c],
    // A suppressed or empty rate is a gap, never 0; the whisker series writes why.
    data: rows.map((r) => (r[c].suppressed ? null : r[c].value)),
    barWidth: BAR_WIDTH,
    barGap: `${BAR_GAP * 100}%`,
    itemStyle:
      c === 'a'
        ? { color: COHORT_COLOURS.a }
        : {
            // B is hatched as well as coloured, so the two cohorts differ without colour.
            color: tint(COHORT_COLOURS.b, 0.85),
            decal: { symbol: 'rect', symbolSize: 1, color: 'rgba(255, 255, 255, 0.55)', dashArrayX: [1, 0], dashArrayY: [3, 4], rotation: -Math.PI / 4 },
          },
    emphasis: { focus: 'series' as const },
    label: { show: false },
  }));

  const whiskers = cohorts.map((c, seriesIndex) => ({
    id: `ci-${c}`,
    type: 'custom' as const,
    name: labels[c],
    z: 3,
    tooltip: { show: false },
    data: rows.map((r, i): WhiskerDatum => [r[c].suppressed ? 0 : (r[c].value ?? 0), i, r[c].suppressed ? null : r[c].low, r[c].suppressed ? null : r[c].high]),
    encode: { x: [0, 2, 3], y: 1 },
    renderItem: (params: { dataIndex: number }, api: RenderApi) => {
      const row = rows[params.dataIndex];
      if (!row) return null;
      const rate = row[c];
      const offset = BAR_OFFSET[seriesIndex] ?? 0;
      const [vx = 0, vy = 0] = api.coord([rate.value ?? 0, params.dataIndex]);
      const y = vy + offset;
      const text = rate.suppressed ? labels.suppressed : rate.value === null ? labels.noData : formatPercent(rate.value);
      const children: unknown[] = [];
      let textX = vx + 6;
      if (!rate.suppressed && rate.value !== null && rate.low !== null && rate.high !== null) {
        const [lx = 0] = api.coord([rate.low, params.dataIndex]);
        const [hx = 0] = api.coord([rate.high, params.dataIndex]);
        const cap = BAR_WIDTH / 2 - 2;
        const style = { stroke: INK.text, lineWidth: 1.5 };
        children.push(
          { type: 'line', shape: { x1: lx, y1: y, x2: hx, y2: y }, style },
          { type: 'line', shape: { x1: lx, y1: y - cap, x2: lx, y2: y + cap }, style },
          { type: 'line', shape: { x1: hx, y1: y - cap, x2: hx, y2: y + cap }, style },
        );
        textX = hx + 6;
      }
      children.push({
        type: 'text',
        x: textX,
        y,
        style: { text, fill: rate.suppressed || rate.value === null ? INK.muted : INK.text, fontSize: 11, verticalAlign: 'middle', align: 'left', fontStyle: rate.suppressed ? 'italic' : 'normal' },
      });
      return { type: 'group', children };
    },
  }));

  const tooltipLine = (c: 'a' | 'b', rate: Rate): string => {
    const base =
      !rate.suppressed && rate.numerator !== null && rate.denominator !== null ? ` — ${escapeHtml(labels.ofBase(formatNumber(rate.numerator), formatNumber(rate.denominator)))}` : '';
    return `${swatch(COHORT_COLOURS[c])}${escapeHtml(labels[c])}: <strong>${escapeHtml(rateText(rate, labels, formatPercent))}</strong>${base}`;
  };

  const maxHigh = Math.max(0, ...rows.flatMap((r) => [r.a.high, r.b.high, r.a.value, r.b.value].filter((v): v is number => v !== null)));

  return {
    ...chartBase(options.ariaDescription),
    legend: { top: 0, left: 0, itemWidth: 18, itemHeight: 11, textStyle: legendText(compact), data: cohorts.map((c) => labels[c]) },
    grid: { top: compact ? 56 : 36, left: 4, right: compact ? 56 : 72, bottom: 8, containLabel: true },
    tooltip: barTooltip(rows, (row) => `<strong>${escapeHtml(row.label)}</strong><br/>${tooltipLine('a', row.a)}<br/>${tooltipLine('b', row.b)}`),
    xAxis: {
      type: 'value',
      min: 0,
      // Room for the whisker and its label; a rate never passes 100%.
      max: Math.min(100, Math.max(10, Math.ceil((maxHigh + 8) / 10) * 10)),
      splitNumber: compact ? 3 : 5,
      axisLabel: valueAxisLabel(formatPercent),
      splitLine: GRID_LINES,
    },
    yAxis: rowsAxis(
      rows.map((r) => r.label),
      { fontSize: textSize(compact), width: compact ? 96 : 180, overflow: 'break', lineHeight: 15 },
    ),
    series: [...bars, ...whiskers] as EChartsOption['series'],
  };
}

export interface CohortSummaryTexts {
  overall(details: string): string;
  row(v: { indicator: string; a: string; b: string }): string;
}

/** The chart's text alternative: each rate of A and of B with its interval. */
export function describeCohortRates(
  rows: CohortRateRow[],
  texts: CohortSummaryTexts,
  labels: Pick<CohortLabels, 'suppressed' | 'noData'>,
  formatPercent: (pct: number) => string,
): string {
  const details = rows.map((r) => texts.row({ indicator: r.label, a: rateText(r.a, labels, formatPercent), b: rateText(r.b, labels, formatPercent) })).join(' ');
  return texts.overall(details);
}
