// Time to placement: Kaplan–Meier curves drawn as the share placed, 1 − S(t), in percent,
// as step lines with their 95% band, one per chosen group (and the totals). Pure: the same
// rows feed the chart, its text alternative, the data table and the numbers-at-risk table.
import type { KmCurve, KmGroup, KmPoint, TimeToPlacementResponse } from '@/api/time-to-placement';
import type { Count, Rate } from '@/api/types';
import type { DataTableModel, TableRow } from './data-table';
import { escapeHtml } from './html';
import { AXIS_LINE, chartBase, GRID_LINES, INK, legendText, OKABE_ITO, tint, valueAxisLabel } from './chart-theme';
import type { EChartsOption } from './types';

export const TOTAL_KEY = 'total';

export type LineDash = 'solid' | 'dashed' | 'dotted';

export interface KmRow {
  key: string;
  label: string;
  total: boolean;
  colour: string;
  dash: LineDash;
  data: KmCurve;
}

// Black is kept for the totals; yellow is too faint on white for a thin line.
const GROUP_COLOURS = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.skyBlue, OKABE_ITO.orange] as const;
const DASHES: readonly LineDash[] = ['solid', 'dashed', 'dotted'];

/**
 * Totals first, then the groups in the API's order. Each group keeps its colour and dash
 * whichever others are shown, so a line is recognisable across selections.
 */
export function kmRows(response: Pick<TimeToPlacementResponse, 'groups' | 'totals'>, groupLabel: (g: KmGroup) => string, totalLabel: string): KmRow[] {
  return [
    { key: TOTAL_KEY, label: totalLabel, total: true, colour: OKABE_ITO.black, dash: 'solid', data: response.totals },
    ...response.groups.map((g, i) => ({
      key: g.key,
      label: groupLabel(g),
      total: false,
      colour: GROUP_COLOURS[i % GROUP_COLOURS.length] ?? INK.text,
      dash: DASHES[Math.floor(i / GROUP_COLOURS.length) % DASHES.length] ?? 'solid',
      data: g,
    })),
  ];
}

/** Whether a row has a curve to draw. */
export function isDrawable(row: KmRow): boolean {
  return !row.data.suppressed && row.data.curve !== null && row.data.curve.length > 0;
}

/**
 * Which rows to show: the keys asked for (e.g. from the URL) that exist and can be drawn, or
 * by default the totals and the first `defaultCount` drawable groups.
 */
export function selectRows(rows: KmRow[], asked: readonly string[] | null, defaultCount = 4): string[] {
  const drawable = rows.filter(isDrawable);
  const valid = asked ? drawable.filter((r) => asked.includes(r.key)).map((r) => r.key) : [];
  if (valid.length > 0) return valid;
  const groups = drawable.filter((r) => !r.total).slice(0, defaultCount);
  return [...drawable.filter((r) => r.total), ...groups].map((r) => r.key);
}

export interface PlacedShare {
  /** Percent placed by day t, 1 − S(t). */
  value: number;
  low: number | null;
  high: number | null;
}

/**
 * The curve's reading at day t (percent placed and its band), or null past the last day shown
 * (the tail cut for disclosure, or beyond follow-up): never extrapolated.
 */
export function placedAt(curve: KmPoint[] | null, t: number, truncatedAt: number | null = null): PlacedShare | null {
  if (!curve || curve.length === 0) return null;
  const last = curve[curve.length - 1];
  if (!last || t > last.t || (truncatedAt !== null && t > truncatedAt)) return null;
  let point: KmPoint | undefined;
  for (const p of curve) {
    if (p.t <= t) point = p;
    else break;
  }
  if (!point) return null;
  return {
    value: pct(1 - point.survival),
    // The survival band's high bound is the placed share's low bound.
    low: point.high === null ? null : pct(1 - point.high),
    high: point.low === null ? null : pct(1 - point.low),
  };
}

function pct(share: number): number {
  return Math.round(share * 1000) / 10;
}

/** Polygon of the step band in data coordinates: the upper edge forward, the lower edge back. */
export function bandPolygon(curve: KmPoint[]): [number, number][] {
  const upper: [number, number][] = [];
  const lower: [number, number][] = [];
  curve.forEach((p, i) => {
    const next = curve[i + 1];
    const hi = pct(1 - (p.low ?? p.survival));
    const lo = pct(1 - (p.high ?? p.survival));
    upper.push([p.t, hi]);
    lower.push([p.t, lo]);
    if (next) {
      upper.push([next.t, hi]);
      lower.push([next.t, lo]);
    }
  });
  return [...upper, ...lower.reverse()];
}

export interface KmLabels {
  xAxis: string;
  yAxis: string;
  median: string;
  /** "{value} by day {t}" tooltip header. */
  day: (t: string) => string;
}

export interface KmOptions {
  labels: KmLabels;
  /** Keys of the rows to draw (see selectRows). */
  selected: readonly string[];
  groupLabel: (g: KmGroup) => string;
  totalLabel: string;
  formatNumber?: (n: number) => string;
  formatPercent?: (n: number) => string;
  formatRate?: (value: number, low: number | null, high: number | null) => string;
  ariaDescription?: string;
  compact?: boolean;
}

interface RenderApi {
  coord(v: [number, number]): [number, number];
}

export function transformProps(response: TimeToPlacementResponse, options: KmOptions): EChartsOption {
  const { labels } = options;
  const formatNumber = options.formatNumber ?? ((n: number) => String(n));
  const formatPercent = options.formatPercent ?? ((n: number) => `${formatNumber(n)}%`);
  const formatRate = options.formatRate ?? ((v: number, lo: number | null, hi: number | null) => (lo === null || hi === null ? formatPercent(v) : `${formatPercent(v)} (${formatNumber(lo)}–${formatPercent(hi)})`));
  const compact = options.compact ?? false;
  const rows = kmRows(response, options.groupLabel, options.totalLabel).filter((r) => isDrawable(r) && options.selected.includes(r.key));

  const lastDay = Math.max(0, ...rows.map((r) => r.data.curve?.at(-1)?.t ?? 0));
  // End the axis at the next day the numbers at risk are given for, so the two line up.
  const axisMax = response.riskTimes.find((t) => t >= lastDay) ?? lastDay;

  const bands = rows.map((r) => {
    const polygon = bandPolygon(r.data.curve ?? []);
    return {
      id: `band:${r.key}`,
      type: 'custom' as const,
      // Its own name, so the legend keys the line (colour and dash), not the band.
      name: `${r.label} (95%)`,
      silent: true,
      z: 1,
      tooltip: { show: false },
      itemStyle: { color: r.colour },
      data: [[0, 0]],
      renderItem: (_params: unknown, api: RenderApi) => ({
        type: 'polygon',
        shape: { points: polygon.map((p) => api.coord(p)) },
        style: { fill: tint(r.colour, r.total ? 0.12 : 0.16), stroke: 'none' },
      }),
    };
  });

  const lines = rows.map((r, i) => ({
    id: `line:${r.key}`,
    type: 'line' as const,
    name: r.label,
    z: 3,
    step: 'end' as const,
    showSymbol: false,
    symbol: 'none',
    color: r.colour,
    lineStyle: { color: r.colour, width: r.total ? 2.5 : 2, type: r.dash },
    // A label at the end of each line: the group can be told without its colour.
    endLabel: compact ? { show: false } : { show: true, formatter: () => r.label, color: r.colour, fontSize: 11, distance: 6 },
    // End labels of curves ending close together would overprint each other.
    labelLayout: { moveOverlap: 'shiftY' as const },
    emphasis: { focus: 'series' as const },
    data: (r.data.curve ?? []).map((p) => [p.t, pct(1 - p.survival)]),
    ...(i === 0
      ? {
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: INK.axis, type: 'dashed' as const, width: 1 },
            label: { formatter: labels.median, position: 'insideStartTop' as const, color: INK.muted, fontSize: 11 },
            data: [{ yAxis: 50 }],
          },
        }
      : {}),
  }));

  return {
    ...chartBase(options.ariaDescription),
    legend: {
      top: 0,
      left: 0,
      selectedMode: false,
      itemWidth: 26,
      itemHeight: 10,
      textStyle: legendText(compact),
      // The default line icon repeats each line's colour and dash: the key of the exported PNG.
      data: rows.map((r) => r.label),
    },
    grid: { top: compact ? 84 : 56, left: 8, right: compact ? 16 : 150, bottom: 36, containLabel: true },
    tooltip: {
      trigger: 'axis',
      confine: true,
      axisPointer: { type: 'line' },
      formatter: (params: unknown) => {
        const first = Array.isArray(params) ? (params[0] as { axisValue?: unknown } | undefined) : undefined;
        const t = typeof first?.axisValue === 'number' ? Math.round(first.axisValue) : null;
        if (t === null) return '';
        const lines = rows.map((r) => {
          const v = placedAt(r.data.curve, t, r.data.truncatedAt);
          const text = v ? formatRate(v.value, v.low, v.high) : '–';
          const swatch = `<span style="display:inline-block;width:14px;height:0;margin:0 6px 3px 0;border-top:2px ${r.dash} ${r.colour}"></span>`;
          return `${swatch}${escapeHtml(r.label)}: <strong>${escapeHtml(text)}</strong>`;
        });
        return `<strong>${escapeHtml(labels.day(formatNumber(t)))}</strong><br/>${lines.join('<br/>')}`;
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: axisMax,
      name: labels.xAxis,
      nameLocation: 'middle',
      nameGap: 26,
      nameTextStyle: { color: INK.muted },
      axisLabel: valueAxisLabel(formatNumber),
      splitLine: { show: false },
      axisLine: AXIS_LINE,
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      name: labels.yAxis,
      nameTextStyle: { color: INK.muted, align: 'left' },
      axisLabel: valueAxisLabel(formatPercent),
      splitLine: GRID_LINES,
    },
    series: [...bands, ...lines],
  } as EChartsOption;
}

export interface KmDescribeTexts {
  overall: (n: number, details: string) => string;
  group: (v: { group: string; placed: string; day: string; median: string }) => string;
  notReached: string;
  notShown: string;
}

/** The day used to summarise a curve in words: the latest risk time the shown curves all reach. */
export function summaryDay(rows: KmRow[], riskTimes: readonly number[]): number | null {
  const ends = rows.filter(isDrawable).map((r) => r.data.truncatedAt ?? r.data.curve?.at(-1)?.t ?? 0);
  if (ends.length === 0) return null;
  const reach = Math.min(...ends);
  const candidates = riskTimes.filter((t) => t > 0 && t <= reach);
  return candidates.at(-1) ?? null;
}

export function medianText(m: KmCurve['median'], formatNumber: (n: number) => string, notReached: string): string {
  if (m.t === null) return notReached;
  const lo = m.low === null ? '…' : formatNumber(m.low);
  const hi = m.high === null ? '…' : formatNumber(m.high);
  return `${formatNumber(m.t)} (${lo}–${hi})`;
}

export function describeKm(
  rows: KmRow[],
  riskTimes: readonly number[],
  texts: KmDescribeTexts,
  formatNumber: (n: number) => string,
  formatRate: (value: number, low: number | null, high: number | null) => string,
): string {
  const shown = rows.filter(isDrawable);
  const day = summaryDay(shown, riskTimes);
  const details = shown
    .map((r) => {
      const v = day === null ? null : placedAt(r.data.curve, day, r.data.truncatedAt);
      return texts.group({
        group: r.label,
        placed: v ? formatRate(v.value, v.low, v.high) : texts.notShown,
        day: day === null ? '–' : formatNumber(day),
        median: medianText(r.data.median, formatNumber, texts.notReached),
      });
    })
    .join(' ');
  return texts.overall(shown.length, details);
}

export interface KmTableLabels {
  caption: string;
  group: string;
  day: string;
  atRisk: string;
  placed: string;
}

const SUPPRESSED: Count = { value: null, suppressed: true };

/**
 * The curve read at the risk times, per row: day, number at risk and share placed with its
 * band. A withheld curve says suppressed; past the curve shown the share is empty, not 0.
 */
export function kmTable(rows: KmRow[], riskTimes: readonly number[], labels: KmTableLabels): DataTableModel {
  const toRows = (r: KmRow): TableRow[] =>
    riskTimes.map((t) => {
      const atRisk = r.data.atRisk.find((a) => a.t === t)?.count ?? null;
      let placed: Rate | Count | null;
      if (r.data.suppressed) placed = SUPPRESSED;
      else {
        const v = placedAt(r.data.curve, t, r.data.truncatedAt);
        placed = v ? { value: v.value, low: v.low, high: v.high, numerator: null, denominator: null, suppressed: false } : null;
      }
      return { key: `${r.key}:${t}`, cells: [r.label, t, atRisk, placed] };
    });
  return {
    caption: labels.caption,
    columns: [
      { key: 'group', label: labels.group, kind: 'text' },
      { key: 'day', label: labels.day, kind: 'number' },
      { key: 'atRisk', label: labels.atRisk, kind: 'count' },
      { key: 'placed', label: labels.placed, kind: 'rate' },
    ],
    rows: rows.filter((r) => !r.total).flatMap(toRows),
    footer: rows.filter((r) => r.total).flatMap(toRows),
  };
}

/** Numbers at risk: one row per curve, one column per risk time (the table under the chart). */
export function riskTable(rows: KmRow[], riskTimes: readonly number[], labels: { caption: string; group: string; day: (t: number) => string }): DataTableModel {
  const toRow = (r: KmRow): TableRow => ({
    key: r.key,
    cells: [r.label, ...riskTimes.map((t) => r.data.atRisk.find((a) => a.t === t)?.count ?? null)],
  });
  return {
    caption: labels.caption,
    columns: [{ key: 'group', label: labels.group, kind: 'text' }, ...riskTimes.map((t) => ({ key: `t${t}`, label: labels.day(t), kind: 'count' as const }))],
    rows: rows.filter((r) => !r.total).map(toRow),
    footer: rows.filter((r) => r.total).map(toRow),
  };
}

/** Cohort, placements, median with its limits and how far the curve is shown, per curve. */
export function medianTable(
  rows: KmRow[],
  labels: { caption: string; group: string; cohort: string; events: string; median: string; shownTo: string; notReached: string },
  formatNumber: (n: number) => string,
): DataTableModel {
  const toRow = (r: KmRow): TableRow => {
    const lastShown = r.data.truncatedAt ?? r.data.curve?.at(-1)?.t ?? null;
    return {
      key: r.key,
      cells: [
        r.label,
        r.data.cohort,
        r.data.events,
        r.data.suppressed ? SUPPRESSED : medianText(r.data.median, formatNumber, labels.notReached),
        r.data.suppressed ? SUPPRESSED : lastShown,
      ],
    };
  };
  return {
    caption: labels.caption,
    columns: [
      { key: 'group', label: labels.group, kind: 'text' },
      { key: 'cohort', label: labels.cohort, kind: 'count' },
      { key: 'events', label: labels.events, kind: 'count' },
      { key: 'median', label: labels.median, kind: 'text' },
      { key: 'shownTo', label: labels.shownTo, kind: 'number' },
    ],
    rows: rows.filter((r) => !r.total).map(toRow),
    footer: rows.filter((r) => r.total).map(toRow),
  };
}

/** Nobody enrolled in the selection (the service lists the groups with empty cohorts): the empty state. */
export function isEmptyKm(response: Pick<TimeToPlacementResponse, 'groups' | 'totals'>): boolean {
  if (response.groups.length === 0) return true;
  const cohort = response.totals.cohort;
  return !cohort.suppressed && cohort.value === 0;
}
