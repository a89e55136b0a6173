// Contributions per cluster member type (MEIC-15): internships, placements and courses that members
// of each type contributed in the period, for the whole selection; the data table has them per group.
// Hidden counts are written "suppressed" where their bar would be, never drawn as zero.
// Pure: response + options in, ECharts option / table model / text alternative out.
import type { ClusterGroup, ClustersResponse, TypeCount } from '@/api/clusters';
import type { Count } from '@/api/types';
import type { DataTableModel, TableRow } from './data-table';
import { barTooltip, escapeHtml } from './html';
import { chartBase, GRID_LINES, INK, labelSize, legendText, OKABE_ITO, tint, valueAxisLabel } from './chart-theme';
import type { EChartsOption } from './types';

export const CONTRIBUTION_KINDS = ['internships', 'placements', 'courses'] as const satisfies readonly TypeCount[];
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

export interface ContributionRow {
  type: string;
  label: string;
  counts: Record<ContributionKind, Count>;
}

export interface ContributionLabels {
  type: (type: string) => string;
  kinds: Record<ContributionKind, string>;
  suppressed: string;
}

export interface ContributionOptions {
  labels: ContributionLabels;
  formatNumber: (n: number) => string;
  ariaDescription?: string;
  compact?: boolean;
}

const relevant = (counts: Record<ContributionKind, Count>) => CONTRIBUTION_KINDS.some((k) => counts[k].suppressed || (counts[k].value ?? 0) > 0);

function rowsOf(f: ClustersResponse['totals'], label: (type: string) => string): ContributionRow[] {
  return f.byType.map((t) => ({ type: t.type, label: label(t.type), counts: { internships: t.internships, placements: t.placements, courses: t.courses } })).filter((r) => relevant(r.counts));
}

/** The selection's contributions per member type, types that contributed nothing left out. */
export function contributionRows(response: ClustersResponse, label: (type: string) => string): ContributionRow[] {
  return rowsOf(response.totals, label);
}

export function contributionTable(
  response: ClustersResponse,
  groupLabel: (g: ClusterGroup) => string,
  l: { caption: string; group: string; type: string; totals: string; typeLabel: (t: string) => string; kinds: Record<ContributionKind, string> },
): DataTableModel {
  const row = (group: string, key: string, r: ContributionRow): TableRow => ({ key: `${key}|${r.type}`, cells: [group, r.label, ...CONTRIBUTION_KINDS.map((k) => r.counts[k])] });
  return {
    caption: l.caption,
    columns: [{ key: 'group', label: l.group, kind: 'text' }, { key: 'type', label: l.type, kind: 'text' }, ...CONTRIBUTION_KINDS.map((k) => ({ key: k, label: l.kinds[k], kind: 'count' as const }))],
    rows: response.groups.flatMap((g) => rowsOf(g, l.typeLabel).map((r) => row(groupLabel(g), g.key, r))),
    footer: rowsOf(response.totals, l.typeLabel).map((r) => row(l.totals, 'totals', r)),
  };
}

export function describeContributions(rows: readonly ContributionRow[], labels: ContributionLabels, text: { overall: (v: { n: number; details: string }) => string; none: string }, formatNumber: (n: number) => string): string {
  if (rows.length === 0) return text.none;
  const details = rows
    .map((r) => `${r.label}: ${CONTRIBUTION_KINDS.map((k) => `${labels.kinds[k]} ${r.counts[k].value === null ? labels.suppressed : formatNumber(r.counts[k].value)}`).join(', ')}.`)
    .join(' ');
  return text.overall({ n: rows.length, details });
}

export function contributionsChartHeight(rowCount: number): number {
  return 70 + Math.max(1, rowCount) * 64;
}

const KIND_STYLE: Record<ContributionKind, { color: string; decal?: Record<string, unknown> }> = {
  internships: { color: OKABE_ITO.blue },
  // Placements are hatched and courses dotted as well as coloured, so the kinds differ without colour.
  placements: { color: tint(OKABE_ITO.vermillion, 0.9), decal: { symbol: 'rect', symbolSize: 1, color: 'rgba(255, 255, 255, 0.55)', dashArrayX: [1, 0], dashArrayY: [3, 4], rotation: -Math.PI / 4 } },
  courses: { color: OKABE_ITO.bluishGreen, decal: { symbol: 'circle', symbolSize: 0.5, color: 'rgba(255, 255, 255, 0.7)', dashArrayX: [[4, 4]], dashArrayY: [4, 4] } },
};

const BAR = 14;

interface RenderApi {
  value(dim: number): unknown;
  coord(point: [number, number]): number[];
}

export function transformProps(response: ClustersResponse, options: ContributionOptions): EChartsOption {
  const { labels, formatNumber } = options;
  const compact = options.compact ?? false;
  const rows = contributionRows(response, labels.type).reverse();
  const offset = (k: number) => (k - 1) * (BAR + 4);
  const text = (c: Count) => (c.value === null ? labels.suppressed : formatNumber(c.value));

  const bars = CONTRIBUTION_KINDS.map((kind) => ({
    id: `bar-${kind}`,
    type: 'bar' as const,
    name: labels.kinds[kind],
    barWidth: BAR,
    barGap: '28%',
    itemStyle: KIND_STYLE[kind],
    data: rows.map((r) => (r.counts[kind].suppressed ? null : r.counts[kind].value)),
    label: { show: true, position: 'right' as const, color: INK.text, fontSize: labelSize(compact), formatter: (p: unknown) => formatNumber(Number((p as { value?: unknown }).value ?? 0)) },
  }));

  // "suppressed" written at the start of the empty slot of each hidden count.
  const hidden = CONTRIBUTION_KINDS.map((kind, k) => ({
    id: `suppressed-${kind}`,
    type: 'custom' as const,
    name: labels.kinds[kind],
    silent: true,
    tooltip: { show: false },
    data: rows.flatMap((r, i) => (r.counts[kind].suppressed ? [[0, i]] : [])),
    encode: { x: 0, y: 1 },
    renderItem: (_params: unknown, api: RenderApi) => {
      const [x = 0, y = 0] = api.coord([0, Number(api.value(1))]);
      return { type: 'text' as const, style: { x: x + 4, y: y + offset(k), text: labels.suppressed, fill: INK.muted, fontSize: labelSize(compact), fontStyle: 'italic' as const, verticalAlign: 'middle' as const } };
    },
  }));

  return {
    ...chartBase(options.ariaDescription),
    legend: { data: CONTRIBUTION_KINDS.map((k) => labels.kinds[k]), top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: legendText(compact) },
    grid: { top: 32, left: 8, right: compact ? 40 : 64, bottom: 8, containLabel: true },
    tooltip: barTooltip(rows, (r) => [`<strong>${escapeHtml(r.label)}</strong>`, ...CONTRIBUTION_KINDS.map((k) => `${escapeHtml(labels.kinds[k])}: ${escapeHtml(text(r.counts[k]))}`)].join('<br/>'), { confine: false }),
    xAxis: { type: 'value', minInterval: 1, splitNumber: compact ? 3 : 5, axisLabel: valueAxisLabel(formatNumber), splitLine: GRID_LINES },
    yAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { color: INK.text, width: compact ? 110 : 200, overflow: 'truncate' }, axisTick: { show: false } },
    series: [...bars, ...hidden],
  };
}
