// Overview bar chart: enrolled and placed per group, each beside its target.
// Pure: response + options in, ECharts option out. The same rows feed the data table
// under the chart, so the table holds exactly the numbers the chart draws.
import type { OverviewGroup, OverviewResponse, Rate } from '@/api/types';
import { barTooltip, escapeHtml, swatch } from './html';
import { chartBase, GRID_LINES, INK, legendText, OKABE_ITO, textSize, tint, rowsAxis } from './chart-theme';
import type { EChartsOption } from './types';

export interface OverviewBarRow {
  key: string;
  label: string;
  /** Null when suppressed (see `enrolledSuppressed`) — never 0. */
  enrolled: number | null;
  enrolledSuppressed: boolean;
  enrolledTarget: number | null;
  placed: number | null;
  placedSuppressed: boolean;
  placedTarget: number | null;
  /** Shown in the table beside the chart's figures. */
  placementRate: Rate;
  medianDaysToPlacement: number | null;
}

/** Rows in the order the API returns the groups (the service decides the order). */
export function overviewBarRows(
  response: Pick<OverviewResponse, 'groups'>,
  groupLabel: (g: OverviewGroup) => string = (g) => g.label,
): OverviewBarRow[] {
  return response.groups.map((g) => ({
    key: g.key,
    label: groupLabel(g),
    enrolled: g.enrolled.suppressed ? null : g.enrolled.value,
    enrolledSuppressed: g.enrolled.suppressed,
    enrolledTarget: g.targets.enrolled,
    placed: g.placed.suppressed ? null : g.placed.value,
    placedSuppressed: g.placed.suppressed,
    placedTarget: g.targets.placed,
    placementRate: g.placementRatePct,
    medianDaysToPlacement: g.medianDaysToPlacement,
  }));
}

export interface OverviewBarsLabels {
  enrolled: string;
  enrolledTarget: string;
  placed: string;
  placedTarget: string;
  /** Text for a suppressed cell, e.g. "suppressed". */
  suppressed: string;
  /** Text for a missing target, e.g. "no target". */
  noTarget: string;
}

export interface OverviewBarsOptions {
  labels: OverviewBarsLabels;
  formatNumber?: (n: number) => string;
  groupLabel?: (g: OverviewGroup) => string;
  /** Summary read by screen readers (the aria-label of the chart). */
  ariaDescription?: string;
  /** Appended to the axis label of a group with a suppressed value; explained in a footnote. */
  suppressedMark?: string;
  /** Narrow container (phones): shorter axis labels, room for a two-line legend. */
  compact?: boolean;
}

export const SERIES_IDS = ['enrolled', 'enrolledTarget', 'placed', 'placedTarget'] as const;
export type OverviewSeriesId = (typeof SERIES_IDS)[number];

export const SERIES_COLOURS: Record<'enrolled' | 'placed', string> = {
  enrolled: OKABE_ITO.blue,
  placed: OKABE_ITO.vermillion,
};

const BAR_HEIGHT = 13;

/** Chart height that gives every group room for its four bars and label. */
export function overviewBarsHeight(groupCount: number): number {
  const perGroup = 4 * BAR_HEIGHT + 26;
  return Math.max(220, 96 + Math.max(groupCount, 1) * perGroup);
}

function targetStyle(colour: string) {
  return {
    color: tint(colour, 0.14),
    borderColor: colour,
    borderWidth: 1.5,
    borderType: 'dashed' as const,
    decal: {
      symbol: 'rect',
      symbolSize: 1,
      color: tint(colour, 0.35),
      dashArrayX: [1, 0],
      dashArrayY: [2, 4],
      rotation: Math.PI / 4,
    },
  };
}

function rowValue(row: OverviewBarRow, id: OverviewSeriesId): number | null {
  return row[id];
}

function isSuppressed(row: OverviewBarRow, id: OverviewSeriesId): boolean {
  return (id === 'enrolled' && row.enrolledSuppressed) || (id === 'placed' && row.placedSuppressed);
}

/** Text of one cell as the chart and its tooltip show it. */
export function cellText(
  row: OverviewBarRow,
  id: OverviewSeriesId,
  labels: Pick<OverviewBarsLabels, 'suppressed' | 'noTarget'>,
  formatNumber: (n: number) => string,
): string {
  if (isSuppressed(row, id)) return labels.suppressed;
  const v = rowValue(row, id);
  if (v === null) return id.endsWith('Target') ? labels.noTarget : '–';
  return formatNumber(v);
}

export function transformProps(response: OverviewResponse, options: OverviewBarsOptions): EChartsOption {
  const { labels } = options;
  const formatNumber = options.formatNumber ?? ((n: number) => String(n));
  const mark = options.suppressedMark ?? ' *';
  const compact = options.compact ?? false;
  const rows = overviewBarRows(response, options.groupLabel);

  const names: Record<OverviewSeriesId, string> = {
    enrolled: labels.enrolled,
    enrolledTarget: labels.enrolledTarget,
    placed: labels.placed,
    placedTarget: labels.placedTarget,
  };

  const series = SERIES_IDS.map((id) => {
    const isTarget = id.endsWith('Target');
    const colour = id.startsWith('enrolled') ? SERIES_COLOURS.enrolled : SERIES_COLOURS.placed;
    return {
      id,
      type: 'bar' as const,
      name: names[id],
      // null is a gap: a suppressed or missing value is not drawn, and is never 0.
      data: rows.map((r) => rowValue(r, id)),
      barWidth: BAR_HEIGHT,
      barGap: '15%',
      barCategoryGap: '26%',
      itemStyle: isTarget ? targetStyle(colour) : { color: colour },
      emphasis: { focus: 'series' as const },
      label: isTarget
        ? { show: false }
        : {
            show: true,
            position: 'right' as const,
            color: INK.text,
            fontSize: 11,
            formatter: (p: { value?: unknown }) => (typeof p.value === 'number' ? formatNumber(p.value) : ''),
          },
    };
  });

  const maxValue = Math.max(
    0,
    ...rows.flatMap((r) => [r.enrolled, r.enrolledTarget, r.placed, r.placedTarget].filter((v): v is number => v !== null)),
  );

  return {
    ...chartBase(options.ariaDescription),
    legend: {
      top: 0,
      left: 0,
      itemWidth: 18,
      itemHeight: 11,
      itemGap: compact ? 8 : 10,
      textStyle: legendText(compact),
      data: SERIES_IDS.map((id) => names[id]),
    },
    grid: { top: compact ? 64 : 40, left: 4, right: compact ? 36 : 48, bottom: 8, containLabel: true },
    tooltip: barTooltip(rows, (row) => {
      const lines = SERIES_IDS.map((id) => {
        const colour = id.startsWith('enrolled') ? SERIES_COLOURS.enrolled : SERIES_COLOURS.placed;
        const key = id.endsWith('Target')
          ? `<span style="display:inline-block;width:10px;height:10px;margin-right:6px;border:1.5px dashed ${colour};box-sizing:border-box"></span>`
          : swatch(colour);
        return `${key}${escapeHtml(names[id])}: <strong>${escapeHtml(cellText(row, id, labels, formatNumber))}</strong>`;
      });
      return `<strong>${escapeHtml(row.label)}</strong><br/>${lines.join('<br/>')}`;
    }),
    xAxis: {
      type: 'value',
      min: 0,
      max: maxValue === 0 ? 10 : undefined,
      splitNumber: compact ? 3 : 5,
      axisLabel: { color: INK.muted, hideOverlap: true, formatter: (v: number) => formatNumber(v) },
      splitLine: GRID_LINES,
    },
    // First group at the top, as in the table below the chart.
    yAxis: rowsAxis(
      rows.map((r) => (r.enrolledSuppressed || r.placedSuppressed ? `${r.label}${mark}` : r.label)),
      { fontSize: textSize(compact), width: compact ? 92 : 170, overflow: 'break', lineHeight: compact ? 14 : 16 },
    ),
    series,
  };
}

export interface SummaryTexts {
  overall: (n: number, details: string) => string;
  group: (v: { group: string; enrolled: string; enrolledTarget: string; placed: string; placedTarget: string }) => string;
}

/** A text alternative for the chart: one sentence per group. */
export function describeOverviewBars(
  rows: OverviewBarRow[],
  texts: SummaryTexts,
  labels: Pick<OverviewBarsLabels, 'suppressed' | 'noTarget'>,
  formatNumber: (n: number) => string,
): string {
  const details = rows
    .map((r) =>
      texts.group({
        group: r.label,
        enrolled: cellText(r, 'enrolled', labels, formatNumber),
        enrolledTarget: cellText(r, 'enrolledTarget', labels, formatNumber),
        placed: cellText(r, 'placed', labels, formatNumber),
        placedTarget: cellText(r, 'placedTarget', labels, formatNumber),
      }),
    )
    .join(' ');
  return texts.overall(rows.length, details);
}
