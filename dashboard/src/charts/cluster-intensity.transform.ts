// Cluster intensity against outcomes (kpis.md): one point per group at (active cluster members per
// 100 participants, placement rate), the rate's 95% Wilson interval drawn as a vertical whisker.
// Pure: response + options in, ECharts option / table model / text alternative out, all from the
// same rows.
import { activePer100, type ClusterGroup, type ClustersResponse } from '@/api/clusters';
import type { Count, Rate } from '@/api/types';
import type { DataTableModel } from './data-table';
import { escapeHtml } from './html';
import { chartBase, GRID_LINES, INK, labelSize, OKABE_ITO, valueAxisLabel } from './chart-theme';
import type { EChartsOption } from './types';

export interface IntensityRow {
  key: string;
  label: string;
  /** Short label written beside the point. */
  pointLabel: string;
  enrolled: Count;
  activeMembers: Count;
  per100: number | null;
  rate: Rate;
  /** Both coordinates are known: the group is drawn. */
  plotted: boolean;
}

export interface IntensityLabels {
  xAxis: string;
  /** The x axis title when the axis is logarithmic. */
  xAxisLog: string;
  yAxis: string;
  /** Reference line: the placement rate of the whole selection, e.g. "All selected: 24.7%". */
  overall: (rate: string) => string;
  suppressed: string;
  noData: string;
  tooltipPer100: string;
  tooltipRate: string;
  tooltipBase: (numerator: string, denominator: string) => string;
}

export interface IntensityOptions {
  labels: IntensityLabels;
  groupLabel: (g: ClusterGroup) => string;
  pointLabel: (g: ClusterGroup) => string;
  formatNumber: (n: number) => string;
  formatRate: (value: number, low: number | null, high: number | null) => string;
  ariaDescription?: string;
  compact?: boolean;
}

export function intensityRows(response: ClustersResponse, label: (g: ClusterGroup) => string, pointLabel: (g: ClusterGroup) => string): IntensityRow[] {
  return response.groups.map((g) => ({
    key: g.key,
    label: label(g),
    pointLabel: pointLabel(g),
    enrolled: g.enrolled,
    activeMembers: g.activeMembers,
    per100: activePer100(g),
    rate: g.placementRatePct,
    plotted: activePer100(g) !== null && !g.placementRatePct.suppressed && g.placementRatePct.value !== null,
  }));
}

export interface IntensityTableLabels {
  caption: string;
  group: string;
  enrolled: string;
  activeMembers: string;
  per100: string;
  rate: string;
  totals: string;
}

export function intensityTable(rows: readonly IntensityRow[], totals: ClustersResponse['totals'], l: IntensityTableLabels): DataTableModel {
  return {
    caption: l.caption,
    columns: [
      { key: 'group', label: l.group, kind: 'text' },
      { key: 'enrolled', label: l.enrolled, kind: 'count' },
      { key: 'active', label: l.activeMembers, kind: 'count' },
      { key: 'per100', label: l.per100, kind: 'number' },
      { key: 'rate', label: l.rate, kind: 'rate' },
    ],
    rows: rows.map((r) => ({ key: r.key, cells: [r.label, r.enrolled, r.activeMembers, r.per100, r.rate] })),
    footer: [{ key: 'totals', cells: [l.totals, totals.enrolled, totals.activeMembers, activePer100(totals), totals.placementRatePct] }],
  };
}

/**
 * The text alternative: every drawn point with its coordinates and interval, then the groups that
 * cannot be drawn (a suppressed count or rate), so a screen-reader user gets what the eye gets.
 */
export function describeIntensity(
  rows: readonly IntensityRow[],
  text: { overall: (n: number, details: string) => string; point: (v: { group: string; per100: string; rate: string }) => string; missing: (groups: string) => string },
  formatNumber: (n: number) => string,
  formatRate: IntensityOptions['formatRate'],
): string {
  const drawn = rows.filter((r) => r.plotted).sort((a, b) => (b.per100 ?? 0) - (a.per100 ?? 0));
  const details = drawn.map((r) => text.point({ group: r.label, per100: formatNumber(r.per100 ?? 0), rate: formatRate(r.rate.value ?? 0, r.rate.low, r.rate.high) })).join(' ');
  const missing = rows.filter((r) => !r.plotted).map((r) => r.label);
  return [text.overall(drawn.length, details), missing.length ? text.missing(missing.join(', ')) : ''].filter(Boolean).join(' ');
}

interface RenderApi {
  value(dim: number): unknown;
  coord(point: [number, number]): number[];
}

const POINT = OKABE_ITO.blue;

export function intensityChartHeight(compact: boolean): number {
  return compact ? 360 : 440;
}

export function transformProps(response: ClustersResponse, options: IntensityOptions): EChartsOption {
  const { labels, formatNumber, formatRate } = options;
  const rows = intensityRows(response, options.groupLabel, options.pointLabel);
  const compact = options.compact ?? false;
  const drawn = rows.filter((r) => r.plotted);
  const total = response.totals.placementRatePct;
  const xs = drawn.map((r) => r.per100 ?? 0);
  const maxX = Math.max(1, ...xs);
  // A few small sites reach tens of members per 100 while most have one or two: on a linear axis
  // those would crowd into one corner. A log axis spreads them, when no point is at 0.
  const minX = xs.length ? Math.min(...xs) : 0;
  const log = minX > 0 && maxX / minX > 10;
  const maxY = Math.min(100, Math.max(10, ...drawn.map((r) => r.rate.high ?? r.rate.value ?? 0)));

  const tooltip = (r: IntensityRow) =>
    [
      `<strong>${escapeHtml(r.label)}</strong>`,
      `${escapeHtml(labels.tooltipPer100)}: ${escapeHtml(r.per100 === null ? labels.suppressed : formatNumber(r.per100))}`,
      `${escapeHtml(labels.tooltipRate)}: ${escapeHtml(r.rate.value === null ? (r.rate.suppressed ? labels.suppressed : labels.noData) : formatRate(r.rate.value, r.rate.low, r.rate.high))}`,
      r.rate.numerator !== null && r.rate.denominator !== null ? escapeHtml(labels.tooltipBase(formatNumber(r.rate.numerator), formatNumber(r.rate.denominator))) : '',
    ]
      .filter(Boolean)
      .join('<br/>');

  return {
    ...chartBase(options.ariaDescription),
    grid: { top: 28, left: 12, right: compact ? 16 : 40, bottom: 40, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const index = (p as { dataIndex?: number }).dataIndex ?? -1;
        const r = drawn[index];
        return r ? tooltip(r) : '';
      },
    },
    xAxis: {
      type: log ? 'log' : 'value',
      name: log ? labels.xAxisLog : labels.xAxis,
      nameLocation: 'middle',
      nameGap: 26,
      ...(log ? { logBase: 10, min: 10 ** Math.floor(Math.log10(minX)), max: 10 ** Math.ceil(Math.log10(maxX)) } : { min: 0, max: Math.ceil(maxX * 1.1) }),
      axisLabel: valueAxisLabel(formatNumber),
      splitLine: GRID_LINES,
    },
    yAxis: {
      type: 'value',
      name: labels.yAxis,
      nameTextStyle: { color: INK.text, align: 'left' },
      min: 0,
      max: Math.min(100, Math.ceil(maxY / 10) * 10),
      axisLabel: { color: INK.muted, formatter: (v: number) => `${formatNumber(v)}%` },
      splitLine: GRID_LINES,
    },
    series: [
      {
        id: 'interval',
        type: 'custom',
        name: labels.yAxis,
        silent: true,
        tooltip: { show: false },
        z: 2,
        data: drawn.map((r) => [r.per100 ?? 0, r.rate.low ?? r.rate.value ?? 0, r.rate.high ?? r.rate.value ?? 0]),
        encode: { x: 0, y: [1, 2] },
        renderItem: (_params: unknown, api: RenderApi) => {
          const [x = 0, yl = 0] = api.coord([Number(api.value(0)), Number(api.value(1))]);
          const [, yh = 0] = api.coord([Number(api.value(0)), Number(api.value(2))]);
          const style = { stroke: INK.text, lineWidth: 1.25 };
          return {
            type: 'group' as const,
            children: [
              { type: 'line' as const, shape: { x1: x, y1: yl, x2: x, y2: yh }, style },
              { type: 'line' as const, shape: { x1: x - 4, y1: yl, x2: x + 4, y2: yl }, style },
              { type: 'line' as const, shape: { x1: x - 4, y1: yh, x2: x + 4, y2: yh }, style },
            ],
          };
        },
      },
      {
        id: 'groups',
        type: 'scatter',
        name: labels.yAxis,
        z: 3,
        symbol: 'circle',
        symbolSize: compact ? 9 : 11,
        itemStyle: { color: POINT, borderColor: '#ffffff', borderWidth: 1.5 },
        data: drawn.map((r) => ({ value: [r.per100 ?? 0, r.rate.value ?? 0], name: r.pointLabel })),
        label: { show: true, position: 'right', distance: 6, color: INK.text, fontSize: labelSize(compact), formatter: (p: unknown) => (p as { name?: string }).name ?? '' },
        labelLayout: { hideOverlap: true },
        ...(total.value !== null && !total.suppressed
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { color: INK.muted, type: 'dashed', width: 1.25 },
                label: { position: 'insideEndTop', color: INK.muted, formatter: labels.overall(formatRate(total.value, total.low, total.high)) },
                data: [{ yAxis: total.value }],
              },
            }
          : {}),
      },
    ],
  };
}
