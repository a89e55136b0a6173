// Funnel charts: for every group (and the totals) the steps enrolled → … → employed6 side by
// side on one percent scale, either as step conversion (the API's rate with its 95% interval)
// or as the share of enrolled reaching each step. Pure: the same rows feed the chart, its
// text alternative and the data table.
import type { FunnelResponse, FunnelStep, FunnelStepName } from '@/api/funnel';
import type { Count, Rate } from '@/api/types';
import type { DataTableModel, TableRow } from './data-table';
import { escapeHtml } from './html';
import { CATEGORICAL, chartBase, GRID_LINES, INK, legendText, textSize, valueAxisLabel, rowsAxis } from './chart-theme';
import type { EChartsOption } from './types';

export interface FunnelCell {
  step: FunnelStepName;
  count: Count;
  /** Share of the group's enrolled who reached this step, with a 95% Wilson interval worked out here. */
  share: Rate;
  /** From the API: previous step → this step; null for the first step. */
  conversion: Rate | null;
}

export interface FunnelRow {
  key: string;
  label: string;
  /** The totals row ("all selected groups"), drawn first. */
  total: boolean;
  cells: FunnelCell[];
}

export const TOTAL_KEY = '__total';

const SUPPRESSED_RATE: Rate = { value: null, low: null, high: null, numerator: null, denominator: null, suppressed: true };

/** 95% Wilson score interval of x out of n, in percent (the API's method for its rates). */
export function wilsonPct(x: number, n: number): { value: number; low: number; high: number } {
  const z = 1.959964;
  const p = x / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / (1 + z2n);
  const round = (v: number) => Math.round(v * 1000) / 10;
  return { value: round(p), low: round(Math.max(0, centre - half)), high: round(Math.min(1, centre + half)) };
}

function shareOfEnrolled(count: Count, enrolled: Count): Rate {
  if (count.suppressed || enrolled.suppressed) return SUPPRESSED_RATE;
  const x = count.value;
  const n = enrolled.value;
  // No one enrolled, or a count beyond the cohort: there is no share to show.
  if (x === null || n === null || n <= 0 || x > n) return { ...SUPPRESSED_RATE, suppressed: false };
  return { ...wilsonPct(x, n), numerator: x, denominator: n, suppressed: false };
}

function cellsOf(steps: FunnelStep[], order: readonly FunnelStepName[]): FunnelCell[] {
  const byName = new Map(steps.map((s) => [s.step, s]));
  const enrolled = byName.get('enrolled')?.count ?? { value: null, suppressed: true };
  return order.map((step) => {
    const s = byName.get(step);
    const count = s?.count ?? { value: null, suppressed: true };
    // A suppressed count is never shown, even if a number slipped through.
    const safeCount: Count = count.suppressed ? { value: null, suppressed: true } : count;
    return {
      step,
      count: safeCount,
      share: shareOfEnrolled(safeCount, enrolled),
      conversion: s?.conversion ? (s.conversion.suppressed ? SUPPRESSED_RATE : s.conversion) : null,
    };
  });
}

/** Totals first, then the groups in the API's order. */
export function funnelRows(
  response: Pick<FunnelResponse, 'groups' | 'totals' | 'steps'>,
  groupLabel: (g: FunnelResponse['groups'][number]) => string,
  totalLabel: string,
): FunnelRow[] {
  return [
    { key: TOTAL_KEY, label: totalLabel, total: true, cells: cellsOf(response.totals.steps, response.steps) },
    ...response.groups.map((g) => ({ key: g.key, label: groupLabel(g), total: false, cells: cellsOf(g.steps, response.steps) })),
  ];
}

export type FunnelMeasure = 'conversion' | 'share';

export interface FunnelLabels {
  steps: Record<FunnelStepName, string>;
  suppressed: string;
  /** Tooltip line for the count: "{n} people". */
  people: (n: string) => string;
  /** Tooltip line for the base of a rate: "{numerator} of {denominator}". */
  base: (numerator: string, denominator: string) => string;
}

export interface FunnelOptions {
  measure: FunnelMeasure;
  labels: FunnelLabels;
  formatNumber?: (n: number) => string;
  /** "41% (30–52%)" */
  formatRate?: (value: number, low: number | null, high: number | null) => string;
  /** Axis and bar labels, e.g. "41%". */
  formatPercent?: (value: number) => string;
  ariaDescription?: string;
  compact?: boolean;
}

/** The steps drawn: every step after enrolment (enrolled is 100% of itself and has no conversion). */
export function drawnSteps(order: readonly FunnelStepName[]): FunnelStepName[] {
  return order.filter((s) => s !== 'enrolled');
}

/** Series name: "Trained" for shares, "Assessed → Trained" for conversions. */
export function seriesName(step: FunnelStepName, order: readonly FunnelStepName[], measure: FunnelMeasure, labels: FunnelLabels): string {
  if (measure === 'share') return labels.steps[step];
  const i = order.indexOf(step);
  const prev = i > 0 ? order[i - 1] : undefined;
  return prev ? `${labels.steps[prev]} → ${labels.steps[step]}` : labels.steps[step];
}

export function rateOf(cell: FunnelCell, measure: FunnelMeasure): Rate | null {
  switch (measure) {
    case 'conversion':
      return cell.conversion;
    case 'share':
      return cell.share;
  }
}

const BAR_SLOT = 12;
const GROUP_PAD = 22;

export function funnelChartHeight(rowCount: number, stepCount: number): number {
  return Math.max(240, 90 + rowCount * (stepCount * BAR_SLOT + GROUP_PAD));
}

/** Colour of a step's bars: the same step keeps its colour in both charts. */
export function stepColour(index: number): string {
  return CATEGORICAL[index % 6] ?? INK.text;
}

interface RenderApi {
  value(dim: number): number;
  coord(v: [number, number]): [number, number];
  size(v: [number, number]): [number, number];
}

export function transformProps(response: FunnelResponse, options: FunnelOptions & { groupLabel: (g: FunnelResponse['groups'][number]) => string; totalLabel: string }): EChartsOption {
  const { measure, labels } = options;
  const formatNumber = options.formatNumber ?? ((n: number) => String(n));
  const formatPercent = options.formatPercent ?? ((n: number) => `${formatNumber(n)}%`);
  const formatRate = options.formatRate ?? ((v: number, lo: number | null, hi: number | null) => (lo === null || hi === null ? formatPercent(v) : `${formatPercent(v)} (${formatNumber(lo)}–${formatPercent(hi)})`));
  const rows = funnelRows(response, options.groupLabel, options.totalLabel);
  const steps = drawnSteps(response.steps);
  const k = steps.length;
  const compact = options.compact ?? false;

  const series = steps.map((step, j) => {
    const colour = stepColour(j);
    // [value, row index, low, high, suppressed (1/0)]; null value = a gap, never 0.
    const data = rows.map((r, i) => {
      const cell = r.cells.find((c) => c.step === step);
      const rate = cell ? rateOf(cell, measure) : null;
      return [rate?.value ?? null, i, rate?.low ?? null, rate?.high ?? null, rate?.suppressed ? 1 : 0];
    });
    return {
      id: step,
      type: 'custom' as const,
      name: seriesName(step, response.steps, measure, labels),
      itemStyle: { color: colour },
      encode: { x: 0, y: 1 },
      data,
      renderItem: (_params: unknown, api: RenderApi) => {
        const value = api.value(0);
        const rowIndex = api.value(1);
        const low = api.value(2);
        const high = api.value(3);
        const suppressed = api.value(4) === 1;
        const [x0, yMid] = api.coord([0, rowIndex]);
        const band = api.size([0, 1])[1];
        const slot = Math.min(BAR_SLOT, (band * 0.84) / k);
        const top = yMid - (slot * k) / 2 + j * slot;
        const h = slot * 0.78;
        const cy = top + h / 2;
        if (suppressed || !Number.isFinite(value)) {
          // Say why nothing is drawn: suppressed, or no rate at all ("–", e.g. nobody at the previous step).
          const text = suppressed ? `${labels.suppressed} *` : '–';
          return { type: 'text', style: { x: x0 + 3, y: cy, text, fill: INK.muted, fontSize: 9, fontStyle: 'italic', verticalAlign: 'middle' } };
        }
        const x1 = api.coord([value, rowIndex])[0];
        const children: unknown[] = [{ type: 'rect', shape: { x: x0, y: top, width: Math.max(1, x1 - x0), height: h }, style: { fill: colour } }];
        let labelX = x1;
        if (Number.isFinite(low) && Number.isFinite(high)) {
          const xl = api.coord([low, rowIndex])[0];
          const xh = api.coord([high, rowIndex])[0];
          const whisker = { stroke: INK.text, lineWidth: 1.2 };
          const cap = Math.max(2, h / 2 - 0.5);
          children.push(
            { type: 'line', shape: { x1: xl, y1: cy, x2: xh, y2: cy }, style: whisker },
            { type: 'line', shape: { x1: xl, y1: cy - cap, x2: xl, y2: cy + cap }, style: whisker },
            { type: 'line', shape: { x1: xh, y1: cy - cap, x2: xh, y2: cy + cap }, style: whisker },
          );
          labelX = Math.max(x1, xh);
        }
        if (!compact) {
          children.push({ type: 'text', style: { x: labelX + 4, y: cy, text: formatPercent(value), fill: INK.text, fontSize: 9, verticalAlign: 'middle' } });
        }
        return { type: 'group', children };
      },
    };
  });

  const tooltipFor = (seriesId: unknown, dataIndex: unknown): string => {
    const row = typeof dataIndex === 'number' ? rows[dataIndex] : undefined;
    const cell = row?.cells.find((c) => c.step === seriesId);
    if (!row || !cell) return '';
    const rate = rateOf(cell, measure);
    const count = cell.count.suppressed ? labels.suppressed : cell.count.value === null ? '–' : labels.people(formatNumber(cell.count.value));
    let rateText = '–';
    if (rate?.suppressed) rateText = labels.suppressed;
    else if (rate && rate.value !== null) {
      rateText = formatRate(rate.value, rate.low, rate.high);
      if (rate.numerator !== null && rate.denominator !== null) rateText += `<br/>${escapeHtml(labels.base(formatNumber(rate.numerator), formatNumber(rate.denominator)))}`;
    }
    return `<strong>${escapeHtml(row.label)}</strong><br/>${escapeHtml(seriesName(cell.step, response.steps, measure, labels))}: <strong>${rateText}</strong><br/>${escapeHtml(labels.steps[cell.step])}: ${escapeHtml(count)}`;
  };

  return {
    ...chartBase(options.ariaDescription),
    legend: {
      top: 0,
      left: 0,
      itemWidth: 14,
      itemHeight: 10,
      selectedMode: false,
      textStyle: legendText(compact),
      data: steps.map((s) => seriesName(s, response.steps, measure, labels)),
    },
    grid: { top: compact ? 84 : 52, left: 4, right: compact ? 16 : 40, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: unknown) => {
        const o = (typeof p === 'object' && p !== null ? p : {}) as { seriesId?: unknown; dataIndex?: unknown };
        return tooltipFor(o.seriesId, o.dataIndex);
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      splitNumber: compact ? 2 : 5,
      axisLabel: valueAxisLabel(formatPercent),
      splitLine: GRID_LINES,
    },
    yAxis: rowsAxis(
      rows.map((r) => r.label),
      { fontSize: textSize(compact), fontWeight: 'normal', width: compact ? 90 : 170, overflow: 'break', lineHeight: 15 },
    ),
    series,
  } as EChartsOption;
}

/** The weakest step conversion of a row: where the pathway leaks most. */
export function biggestLeak(row: FunnelRow, order: readonly FunnelStepName[]): { from: FunnelStepName; to: FunnelStepName; conversion: Rate } | null {
  let best: { from: FunnelStepName; to: FunnelStepName; conversion: Rate } | null = null;
  for (const cell of row.cells) {
    const c = cell.conversion;
    if (!c || c.suppressed || c.value === null) continue;
    const i = order.indexOf(cell.step);
    const from = i > 0 ? order[i - 1] : undefined;
    if (!from) continue;
    if (!best || (best.conversion.value ?? Infinity) > c.value) best = { from, to: cell.step, conversion: c };
  }
  return best;
}

export interface FunnelDescribeTexts {
  overall: (n: number, details: string) => string;
  group: (v: { group: string; details: string }) => string;
}

/** Text alternative: for each row, each drawn step's rate with its interval. */
export function describeFunnel(
  rows: FunnelRow[],
  order: readonly FunnelStepName[],
  options: Pick<FunnelOptions, 'measure' | 'labels'> & { formatRate: (value: number, low: number | null, high: number | null) => string; list: (items: string[]) => string },
  texts: FunnelDescribeTexts,
): string {
  const steps = drawnSteps(order);
  const details = rows
    .map((r) => {
      const parts = steps.map((s) => {
        const cell = r.cells.find((c) => c.step === s);
        const rate = cell ? rateOf(cell, options.measure) : null;
        const text = rate?.suppressed ? options.labels.suppressed : rate && rate.value !== null ? options.formatRate(rate.value, rate.low, rate.high) : '–';
        return `${seriesName(s, order, options.measure, options.labels)} ${text}`;
      });
      return texts.group({ group: r.label, details: options.list(parts) });
    })
    .join(' ');
  return texts.overall(rows.length, details);
}

export interface FunnelTableLabels {
  caption: string;
  group: string;
  step: string;
  count: string;
  share: string;
  conversion: string;
  steps: Record<FunnelStepName, string>;
}

/** One row per group × step; the totals' steps in the footer. */
export function funnelTable(rows: FunnelRow[], labels: FunnelTableLabels): DataTableModel {
  const toRows = (r: FunnelRow): TableRow[] =>
    r.cells.map((c) => ({ key: `${r.key}:${c.step}`, cells: [r.label, labels.steps[c.step], c.count, c.step === 'enrolled' ? null : c.share, c.conversion] }));
  return {
    caption: labels.caption,
    columns: [
      { key: 'group', label: labels.group, kind: 'text' },
      { key: 'step', label: labels.step, kind: 'text' },
      { key: 'count', label: labels.count, kind: 'count' },
      { key: 'share', label: labels.share, kind: 'rate' },
      { key: 'conversion', label: labels.conversion, kind: 'rate' },
    ],
    rows: rows.filter((r) => !r.total).flatMap(toRows),
    footer: rows.filter((r) => r.total).flatMap(toRows),
  };
}

/** Whether anything in the rows is suppressed (then the page shows the note). */
export function anySuppressed(rows: FunnelRow[]): boolean {
  return rows.some((r) => r.cells.some((c) => c.count.suppressed || c.share.suppressed || (c.conversion?.suppressed ?? false)));
}

/**
 * Nobody enrolled in the selection: the service still lists every group, with zeros, but there
 * is nothing to compare, so the page shows its empty state instead of blank charts.
 */
export function isEmptyFunnel(response: Pick<FunnelResponse, 'groups' | 'totals'>): boolean {
  if (response.groups.length === 0) return true;
  const enrolled = response.totals.steps.find((s) => s.step === 'enrolled')?.count;
  return enrolled !== undefined && !enrolled.suppressed && enrolled.value === 0;
}
