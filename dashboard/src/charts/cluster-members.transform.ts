// Cluster members by organisation type (MEIC-14): one stacked bar per group, a segment per type.
// Members are organisations, not people, so the API publishes their counts as counted for every
// role (docs/adr/0006, amendment of issue 8). Should a count by type still come back suppressed,
// the part of the group's total that the hidden types make up (total minus the shown types) is
// drawn as one hatched grey "hidden types" segment, never as zero.
// Pure: response + options in, ECharts option / table model / text alternative out.
import type { ClusterGroup, ClustersResponse } from '@/api/clusters';
import type { Count } from '@/api/types';
import type { DataTableModel } from './data-table';
import { barTooltip, escapeHtml } from './html';
import { CATEGORICAL, chartBase, GRID_LINES, INK, legendText, tint, valueAxisLabel } from './chart-theme';
import type { EChartsOption } from './types';

export type MemberCount = 'members' | 'active';
export const MEMBER_COUNTS: readonly MemberCount[] = ['members', 'active'];

export interface MemberRow {
  key: string;
  label: string;
  total: Count;
  byType: Record<string, Count>;
  /** Members of the hidden types together; null when the total is hidden or no type is. */
  hidden: number | null;
}

export interface MemberLabels {
  type: (type: string) => string;
  hiddenTypes: string;
  suppressed: string;
  total: string;
}

export interface MemberOptions {
  count: MemberCount;
  labels: MemberLabels;
  groupLabel: (g: ClusterGroup) => string;
  formatNumber: (n: number) => string;
  ariaDescription?: string;
  compact?: boolean;
}

const totalOf = (g: ClustersResponse['totals'], count: MemberCount): Count => (count === 'members' ? g.members : g.activeMembers);

function rowOf(key: string, label: string, f: ClustersResponse['totals'], count: MemberCount): MemberRow {
  const byType = Object.fromEntries(f.byType.map((t) => [t.type, t[count]]));
  const total = totalOf(f, count);
  const anyHidden = f.byType.some((t) => t[count].suppressed);
  const shown = f.byType.reduce((a, t) => a + (t[count].value ?? 0), 0);
  return { key, label, total, byType, hidden: anyHidden && total.value !== null ? Math.max(0, total.value - shown) : null };
}

export function memberRows(response: ClustersResponse, count: MemberCount, groupLabel: (g: ClusterGroup) => string): MemberRow[] {
  return response.groups.map((g) => rowOf(g.key, groupLabel(g), g, count));
}

export function memberTotalsRow(response: ClustersResponse, count: MemberCount, label: string): MemberRow {
  return rowOf('totals', label, response.totals, count);
}

/** Types worth a series or a column: any group counts some, or hides some. */
export function shownTypes(response: ClustersResponse, count: MemberCount): string[] {
  const all = [response.totals, ...response.groups];
  return response.types.filter((type) => all.some((f) => f.byType.some((t) => t.type === type && (t[count].suppressed || (t[count].value ?? 0) > 0))));
}

export function memberTable(rows: readonly MemberRow[], totals: MemberRow, types: readonly string[], l: { caption: string; group: string; total: string; type: (t: string) => string }): DataTableModel {
  const cells = (r: MemberRow) => [r.label, r.total, ...types.map((t) => r.byType[t] ?? { value: 0, suppressed: false })];
  return {
    caption: l.caption,
    columns: [{ key: 'group', label: l.group, kind: 'text' }, { key: 'total', label: l.total, kind: 'count' }, ...types.map((t) => ({ key: t, label: l.type(t), kind: 'count' as const }))],
    rows: rows.map((r) => ({ key: r.key, cells: cells(r) })),
    footer: [{ key: 'totals', cells: cells(totals) }],
  };
}

export function describeMembers(
  rows: readonly MemberRow[],
  totals: MemberRow,
  types: readonly string[],
  text: { overall: (v: { n: number; total: string; details: string }) => string; group: (v: { group: string; total: string }) => string },
  labels: MemberLabels,
  formatNumber: (n: number) => string,
): string {
  const value = (c: Count) => (c.value === null ? labels.suppressed : formatNumber(c.value));
  const byType = types
    .map((t) => ({ t, c: totals.byType[t] }))
    .filter((x) => x.c && (x.c.suppressed || (x.c.value ?? 0) > 0))
    .map((x) => `${labels.type(x.t)} ${value(x.c as Count)}`)
    .join(', ');
  const groups = rows.map((r) => text.group({ group: r.label, total: value(r.total) })).join(' ');
  return text.overall({ n: rows.length, total: `${value(totals.total)}${byType ? ` (${byType})` : ''}`, details: groups });
}

export function membersChartHeight(rowCount: number, typeCount: number): number {
  return 60 + Math.ceil((typeCount + 1) / 4) * 22 + rowCount * 30;
}

const HATCH = { symbol: 'rect', symbolSize: 1, color: 'rgba(255, 255, 255, 0.6)', dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: -Math.PI / 4 };

export function transformProps(response: ClustersResponse, options: MemberOptions): EChartsOption {
  const { labels, formatNumber, count } = options;
  const compact = options.compact ?? false;
  // Top to bottom in the order of the response (ECharts draws category axes bottom-up).
  const rows = memberRows(response, count, options.groupLabel).reverse();
  const types = shownTypes(response, count);
  const colour = (i: number) => CATEGORICAL[i % CATEGORICAL.length] ?? INK.text;

  const tooltip = (r: MemberRow) =>
    [
      `<strong>${escapeHtml(r.label)}</strong>`,
      `${escapeHtml(labels.total)}: ${escapeHtml(r.total.value === null ? labels.suppressed : formatNumber(r.total.value))}`,
      ...types.map((t) => {
        const c = r.byType[t];
        return c && (c.suppressed || (c.value ?? 0) > 0) ? `${escapeHtml(labels.type(t))}: ${escapeHtml(c.value === null ? labels.suppressed : formatNumber(c.value))}` : '';
      }),
    ]
      .filter(Boolean)
      .join('<br/>');

  // A type keeps its colour whichever types a selection shows (its place in the response's list).
  const typeSeries = types.map((t) => ({
    id: `type-${t}`,
    type: 'bar' as const,
    name: labels.type(t),
    stack: 'members',
    // Colours repeat after eight types: the repeated ones are hatched too.
    itemStyle: {
      color: colour(Math.max(0, response.types.indexOf(t))),
      borderColor: '#ffffff',
      borderWidth: 1,
      ...(response.types.indexOf(t) >= CATEGORICAL.length ? { decal: HATCH } : {}),
    },
    emphasis: { focus: 'series' as const },
    data: rows.map((r) => {
      const c = r.byType[t];
      return c && !c.suppressed && (c.value ?? 0) > 0 ? c.value : null;
    }),
  }));

  return {
    ...chartBase(options.ariaDescription),
    legend: { data: [...types.map((t) => labels.type(t)), ...(rows.some((r) => (r.hidden ?? 0) > 0) ? [labels.hiddenTypes] : [])], top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: legendText(compact) },
    grid: { top: Math.ceil((types.length + 1) / (compact ? 2 : 4)) * 22 + 12, left: 8, right: compact ? 40 : 64, bottom: 8, containLabel: true },
    tooltip: barTooltip(rows, tooltip, { confine: false }),
    xAxis: { type: 'value', minInterval: 1, axisLabel: valueAxisLabel(formatNumber), splitLine: GRID_LINES },
    yAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { color: INK.text, width: compact ? 110 : 200, overflow: 'truncate' }, axisTick: { show: false } },
    series: [
      ...typeSeries,
      {
        id: 'hidden',
        type: 'bar',
        name: labels.hiddenTypes,
        stack: 'members',
        itemStyle: { color: tint(INK.muted, 0.55), borderColor: '#ffffff', borderWidth: 1, decal: HATCH },
        data: rows.map((r) => (r.hidden !== null && r.hidden > 0 ? r.hidden : null)),
      },
      {
        // Carries the group total, written at the end of the stack (ECharts draws no label for a
        // missing value, so this series is a zero-width bar on every row; not a count).
        id: 'total-label',
        type: 'bar',
        name: labels.total,
        stack: 'members',
        silent: true,
        itemStyle: { color: 'transparent' },
        data: rows.map(() => 0),
        label: {
          show: true,
          position: 'right',
          color: INK.text,
          formatter: (p: unknown) => {
            const r = rows[(p as { dataIndex?: number }).dataIndex ?? -1];
            return r ? (r.total.value === null ? labels.suppressed : formatNumber(r.total.value)) : '';
          },
        },
      },
    ],
  };
}
