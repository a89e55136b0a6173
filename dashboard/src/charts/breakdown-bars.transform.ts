// Breakdowns: a count or the placement rate per category (sex, age band, …) for each group.
// Rates: a dot with its 95% interval per category, all groups on one 0–100 scale, the
// selection's total first. Counts: bars per category, stacked when categories add up to the
// total, side by side when they do not (course types). Pure: response + options in, ECharts
// option out; the same rows feed the data table.
import type { BreakdownCell, BreakdownGroup, BreakdownOf, BreakdownResponse } from '@/api/breakdown';
import type { Count, Rate } from '@/api/types';
import type { CellValue, DataTableModel, TableColumn } from './data-table';
import { barTooltip, escapeHtml, swatch } from './html';
import { AXIS_LINE, CATEGORICAL, chartBase, GRID_LINES, INK, labelSize, legendText, textSize } from './chart-theme';
import type { EChartsOption } from './types';

export interface BreakdownRow {
  key: string;
  label: string;
  isTotal: boolean;
  total: { count: Count; rate: Rate | null };
  /** One per shown category, in the order of `shownCategories`. */
  cells: { category: string; count: Count; rate: Rate | null }[];
  /** Women − men, by=sex with the placement rate only. */
  gap: Gap | null;
}

/** A difference of two rates in percentage points with its 95% interval, or why there is none. */
export type Gap = { kind: 'value'; points: number; low: number; high: number } | { kind: 'suppressed' } | { kind: 'none' };

function isEmptyCell(c: BreakdownCell): boolean {
  const noCount = !c.count.suppressed && (c.count.value ?? 0) === 0;
  const noRate = c.rate === null || (!c.rate.suppressed && (c.rate.denominator ?? 0) === 0);
  return noCount && noRate;
}

/** Categories with somebody in some group or the total; a category with nobody anywhere is left out (and listed). */
export function shownCategories(response: Pick<BreakdownResponse, 'categories' | 'groups' | 'totals'>): { shown: string[]; empty: string[] } {
  const units: BreakdownOf[] = [response.totals, ...response.groups];
  const shown: string[] = [];
  const empty: string[] = [];
  for (const cat of response.categories) {
    const used = units.some((u) => u.categories.some((c) => c.category === cat && !isEmptyCell(c)));
    (used ? shown : empty).push(cat);
  }
  return { shown, empty };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Rate of the first minus rate of the second, with Newcombe's hybrid score interval built
 * from the two Wilson intervals the service publishes (no counts needed beyond those).
 */
export function rateGap(a: Rate | null, b: Rate | null): Gap {
  if (!a || !b) return { kind: 'none' };
  if (a.suppressed || b.suppressed) return { kind: 'suppressed' };
  if (a.value === null || b.value === null || a.low === null || a.high === null || b.low === null || b.high === null) return { kind: 'none' };
  const d = a.value - b.value;
  const low = d - Math.sqrt((a.value - a.low) ** 2 + (b.high - b.value) ** 2);
  const high = d + Math.sqrt((a.high - a.value) ** 2 + (b.value - b.low) ** 2);
  return { kind: 'value', points: round1(d), low: round1(low), high: round1(high) };
}

function rowOf(key: string, label: string, isTotal: boolean, unit: BreakdownOf, shown: readonly string[], withGap: boolean): BreakdownRow {
  const byCat = new Map(unit.categories.map((c) => [c.category, c]));
  const missing: Count = { value: null, suppressed: false };
  const cells = shown.map((cat) => {
    const c = byCat.get(cat);
    return { category: cat, count: c?.count ?? missing, rate: c?.rate ?? null };
  });
  return {
    key,
    label,
    isTotal,
    total: unit.total,
    cells,
    gap: withGap ? rateGap(byCat.get('female')?.rate ?? null, byCat.get('male')?.rate ?? null) : null,
  };
}

/** Whether the women − men gap is read for this response. */
export function showsGap(response: Pick<BreakdownResponse, 'metric' | 'by'>): boolean {
  return response.metric === 'placementRate' && response.by === 'sex';
}

/** The rows of the chart and table: the total of the selection first (rates only), then the groups in the API's order. */
export function breakdownRows(response: BreakdownResponse, groupLabel: (g: BreakdownGroup) => string, totalLabel: string): BreakdownRow[] {
  const { shown } = shownCategories(response);
  const gap = showsGap(response);
  const groups = response.groups.map((g) => rowOf(g.key, groupLabel(g), false, g, shown, gap));
  return response.metric === 'placementRate' ? [rowOf('total', totalLabel, true, response.totals, shown, gap), ...groups] : groups;
}

export interface BreakdownLabels {
  suppressed: string;
  /** Text for a rate with nobody in its denominator. */
  noOne: string;
  /** "gap {points}" reading beside a group (by=sex, rates). */
  gap: (points: string) => string;
  /** The same with its 95% interval, where there is room. */
  gapWithInterval?: (v: { points: string; low: string; high: string }) => string;
  gapSuppressed: string;
  gapNone: string;
  /** Heading of the gap readings beside the rows, e.g. "Women − men". */
  gapAxis: string;
  total: string;
}

export interface BreakdownOptions {
  labels: BreakdownLabels;
  categoryLabel: (category: string) => string;
  groupLabel: (g: BreakdownGroup) => string;
  formatNumber?: (n: number) => string;
  /** Percent (0–100) to text, e.g. "41%". */
  formatPercent?: (pct: number) => string;
  ariaDescription?: string;
  compact?: boolean;
}

// Six markers against eight colours: no two of up to 24 categories look alike.
const MARKERS = ['circle', 'rect', 'triangle', 'diamond', 'triangleDown', 'hexagon'] as const;
type Marker = (typeof MARKERS)[number];

/** The legend icon of a marker: ECharts' own symbol, or the same shape as an SVG path. */
export function markerIcon(marker: Marker): string {
  switch (marker) {
    case 'circle':
    case 'rect':
    case 'triangle':
    case 'diamond':
      return marker;
    case 'triangleDown':
      return 'path://M0,0L2,0L1,1.8Z';
    case 'hexagon':
      return 'path://M1,0L2,0.5L2,1.5L1,2L0,1.5L0,0.5Z';
  }
}

export function categoryColour(index: number): string {
  return CATEGORICAL[index % CATEGORICAL.length] ?? INK.text;
}

export function categoryMarker(index: number): Marker {
  return MARKERS[index % MARKERS.length] ?? 'circle';
}

/** A signed number of points: "+4.2", "−3" (true minus sign). */
export function signedPoints(points: number, formatNumber: (n: number) => string): string {
  if (points === 0) return formatNumber(0);
  return `${points > 0 ? '+' : '−'}${formatNumber(Math.abs(points))}`;
}

export function gapText(gap: Gap, labels: BreakdownLabels, formatNumber: (n: number) => string, withInterval = false): string {
  switch (gap.kind) {
    case 'value':
      return withInterval && labels.gapWithInterval
        ? labels.gapWithInterval({ points: signedPoints(gap.points, formatNumber), low: signedPoints(gap.low, formatNumber), high: signedPoints(gap.high, formatNumber) })
        : labels.gap(signedPoints(gap.points, formatNumber));
    case 'suppressed':
      return labels.gapSuppressed;
    case 'none':
      return labels.gapNone;
  }
}

export function rateText(rate: Rate | null, labels: BreakdownLabels, formatPercent: (n: number) => string): string {
  if (!rate) return '–';
  if (rate.suppressed) return labels.suppressed;
  if (rate.value === null) return labels.noOne;
  return rate.low !== null && rate.high !== null ? `${formatPercent(rate.value)} (${formatPercent(rate.low)}–${formatPercent(rate.high)})` : formatPercent(rate.value);
}

export function countText(count: Count, labels: BreakdownLabels, formatNumber: (n: number) => string): string {
  if (count.suppressed) return labels.suppressed;
  return count.value === null ? '–' : formatNumber(count.value);
}

/** Chart height: room per row for one dot per category (rates) or the bars (counts). */
export function breakdownHeight(response: BreakdownResponse, rowCount: number, categoryCount: number): number {
  const legend = Math.ceil(categoryCount / 4) * 22;
  if (response.metric === 'placementRate') return 80 + legend + rowCount * Math.max(44, categoryCount * 13 + 16);
  const perRow = response.exhaustive ? 30 : categoryCount * 9 + 14;
  return 70 + legend + Math.max(rowCount, 1) * perRow;
}

interface RenderApi {
  value(dim: number): unknown;
  coord(v: number[]): number[];
  size?(v: number[]): number | number[];
}

function markerShape(kind: Marker, x: number, y: number, r: number) {
  switch (kind) {
    case 'circle':
      return { type: 'circle' as const, shape: { cx: x, cy: y, r } };
    case 'rect':
      return { type: 'rect' as const, shape: { x: x - r, y: y - r, width: 2 * r, height: 2 * r } };
    case 'triangle':
      return { type: 'polygon' as const, shape: { points: [[x, y - r * 1.2], [x + r * 1.1, y + r * 0.8], [x - r * 1.1, y + r * 0.8]] } };
    case 'diamond':
      return { type: 'polygon' as const, shape: { points: [[x, y - r * 1.3], [x + r * 1.1, y], [x, y + r * 1.3], [x - r * 1.1, y]] } };
    case 'triangleDown':
      return { type: 'polygon' as const, shape: { points: [[x - r * 1.1, y - r * 0.8], [x + r * 1.1, y - r * 0.8], [x, y + r * 1.2]] } };
    case 'hexagon':
      return { type: 'polygon' as const, shape: { points: [[x, y - r * 1.15], [x + r, y - r * 0.58], [x + r, y + r * 0.58], [x, y + r * 1.15], [x - r, y + r * 0.58], [x - r, y - r * 0.58]] } };
  }
}

function rateOption(rows: BreakdownRow[], shown: string[], options: BreakdownOptions, formatNumber: (n: number) => string): EChartsOption {
  const formatPercent = options.formatPercent ?? ((n: number) => `${formatNumber(n)}%`);
  const compact = options.compact ?? false;
  const n = Math.max(shown.length, 1);
  const highs = rows.flatMap((r) => r.cells.map((c) => (c.rate && !c.rate.suppressed ? c.rate.high : null))).filter((v): v is number => v !== null);
  // One scale for every group: 0 to the highest upper bound, rounded up to ten points.
  const max = Math.min(100, Math.max(10, Math.ceil(Math.max(0, ...highs) / 10) * 10));

  const series = shown.map((cat, k) => {
    const colour = categoryColour(k);
    const marker = categoryMarker(k);
    return {
      id: `cat-${cat}`,
      type: 'custom' as const,
      name: options.categoryLabel(cat),
      itemStyle: { color: colour },
      encode: { x: [0, 2, 3], y: 1 },
      // [rate, row index, low, high]; a suppressed or empty cell has no item (a gap, never 0).
      data: rows.flatMap((r, i) => {
        const rate = r.cells[k]?.rate;
        if (!rate || rate.suppressed || rate.value === null) return [];
        return [{ value: [rate.value, i, rate.low ?? rate.value, rate.high ?? rate.value] }];
      }),
      renderItem: (_params: unknown, api: RenderApi) => {
        const row = Number(api.value(1));
        const [x, yc] = api.coord([Number(api.value(0)), row]);
        const [xl] = api.coord([Number(api.value(2)), row]);
        const [xh] = api.coord([Number(api.value(3)), row]);
        const size = api.size?.([0, 1]);
        const band = (Array.isArray(size) ? size[1] : size) ?? 30;
        if (x === undefined || yc === undefined || xl === undefined || xh === undefined) return null;
        const slot = (band * 0.8) / n;
        const y = yc - band * 0.4 + slot * (k + 0.5);
        const cap = Math.min(5, slot * 0.4);
        const stroke = { stroke: colour, lineWidth: 1.5 };
        return {
          type: 'group' as const,
          children: [
            { type: 'line' as const, shape: { x1: xl, y1: y, x2: xh, y2: y }, style: stroke },
            { type: 'line' as const, shape: { x1: xl, y1: y - cap, x2: xl, y2: y + cap }, style: stroke },
            { type: 'line' as const, shape: { x1: xh, y1: y - cap, x2: xh, y2: y + cap }, style: stroke },
            { ...markerShape(marker, x, y, Math.min(5, slot * 0.45)), style: { fill: colour, stroke: '#ffffff', lineWidth: 1 } },
          ],
        };
      },
    };
  });

  return {
    ...chartBase(options.ariaDescription),
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: legendText(compact), data: shown.map((cat, k) => ({ name: options.categoryLabel(cat), icon: markerIcon(categoryMarker(k)) })) },
    grid: { top: Math.ceil(shown.length / 4) * 22 + 28, left: 8, right: compact ? 12 : 20, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const p = params as { value?: unknown; seriesIndex?: number };
        const value = Array.isArray(p.value) ? (p.value as unknown[]) : [];
        const row = typeof value[1] === 'number' ? rows[value[1]] : undefined;
        const cell = row && typeof p.seriesIndex === 'number' ? row.cells[p.seriesIndex] : undefined;
        if (!row || !cell) return '';
        const base = cell.rate && cell.rate.numerator !== null && cell.rate.denominator !== null ? ` — ${formatNumber(cell.rate.numerator)} / ${formatNumber(cell.rate.denominator)}` : '';
        return `<strong>${escapeHtml(row.label)}</strong><br/>${escapeHtml(options.categoryLabel(cell.category))}: <strong>${escapeHtml(rateText(cell.rate, options.labels, formatPercent))}</strong>${escapeHtml(base)}`;
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max,
      splitNumber: compact ? 2 : 5,
      axisLabel: { color: INK.muted, hideOverlap: true, formatter: (v: number) => formatPercent(v) },
      splitLine: GRID_LINES,
    },
    yAxis: [
      {
        type: 'category',
        inverse: true,
        data: rows.map((r) => r.label),
        axisTick: { show: false },
        axisLine: AXIS_LINE,
        axisLabel: {
          color: INK.text,
          fontSize: textSize(compact),
          width: compact ? 84 : 190,
          lineHeight: compact ? 13 : 15,
          overflow: 'break',
          fontWeight: 'normal',
          formatter: (value: string, index: number) => {
            const row = rows[index];
            const mark = row?.cells.some((c) => c.rate?.suppressed) ? ' *' : '';
            return row?.isTotal ? `{total|${value}${mark}}` : `${value}${mark}`;
          },
          rich: { total: { fontWeight: 'bold', color: INK.text, fontSize: textSize(compact), lineHeight: compact ? 13 : 15 } },
        },
      },
      // The women − men gap, read on the right of each group's row (by=sex only).
      ...(rows.some((r) => r.gap)
        ? [
            {
              type: 'category' as const,
              inverse: true,
              position: 'right' as const,
              data: rows.map((r) => r.key),
              name: options.labels.gapAxis,
              nameLocation: 'start' as const,
              nameGap: 8,
              nameTextStyle: { color: INK.text, fontWeight: 'bold' as const, fontSize: 11, align: compact ? ('right' as const) : ('left' as const) },
              axisTick: { show: false },
              axisLine: { show: false },
              axisLabel: {
                color: INK.text,
                fontSize: labelSize(compact),
                width: compact ? 64 : 170,
                lineHeight: compact ? 12 : 14,
                overflow: 'break' as const,
                formatter: (_value: string, index: number) => {
                  const gap = rows[index]?.gap;
                  return gap ? gapText(gap, options.labels, formatNumber, !compact) : '';
                },
              },
            },
          ]
        : []),
    ],
    series,
  };
}

function countOption(response: BreakdownResponse, rows: BreakdownRow[], shown: string[], options: BreakdownOptions, formatNumber: (n: number) => string): EChartsOption {
  const compact = options.compact ?? false;
  const stacked = response.exhaustive;
  const series = shown.map((cat, k) => ({
    id: `cat-${cat}`,
    type: 'bar' as const,
    name: options.categoryLabel(cat),
    ...(stacked ? { stack: 'categories' } : {}),
    // null is a gap: a suppressed count is not drawn, never drawn as 0.
    data: rows.map((r) => {
      const c = r.cells[k]?.count;
      return c && !c.suppressed ? c.value : null;
    }),
    barMaxWidth: stacked ? 22 : 12,
    barCategoryGap: '30%',
    itemStyle: { color: categoryColour(k), borderColor: '#ffffff', borderWidth: stacked ? 1 : 0 },
    emphasis: { focus: 'series' as const },
  }));
  return {
    // Decal patterns on the bars, so categories differ by more than colour.
    ...chartBase(options.ariaDescription, { decal: true }),
    legend: { top: 0, left: 0, itemWidth: 18, itemHeight: 11, textStyle: legendText(compact), data: shown.map((c) => options.categoryLabel(c)) },
    grid: { top: Math.ceil(shown.length / 4) * 22 + 16, left: 8, right: compact ? 12 : 28, bottom: 8, containLabel: true },
    tooltip: barTooltip(rows, (row) => {
      const lines = row.cells.map((c, k) => `${swatch(categoryColour(k))}${escapeHtml(options.categoryLabel(c.category))}: <strong>${escapeHtml(countText(c.count, options.labels, formatNumber))}</strong>`);
      return `<strong>${escapeHtml(row.label)}</strong> — ${escapeHtml(options.labels.total)}: ${escapeHtml(countText(row.total.count, options.labels, formatNumber))}<br/>${lines.join('<br/>')}`;
    }),
    xAxis: { type: 'value', min: 0, minInterval: 1, axisLabel: { color: INK.muted, hideOverlap: true, formatter: (v: number) => formatNumber(v) }, splitLine: GRID_LINES },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => (r.cells.some((c) => c.count.suppressed) ? `${r.label} *` : r.label)),
      axisTick: { show: false },
      // Side-by-side bars: lines between groups show which bars belong to which label.
      splitLine: { show: !stacked, lineStyle: { color: INK.grid } },
      axisLine: AXIS_LINE,
      axisLabel: { color: INK.text, fontSize: textSize(compact), width: compact ? 110 : 190, overflow: 'break' },
    },
    series,
  };
}

export function transformProps(response: BreakdownResponse, options: BreakdownOptions & { totalLabel: string }): EChartsOption {
  const formatNumber = options.formatNumber ?? ((n: number) => String(n));
  const { shown } = shownCategories(response);
  const rows = breakdownRows(response, options.groupLabel, options.totalLabel);
  return response.metric === 'placementRate' ? rateOption(rows, shown, options, formatNumber) : countOption(response, rows, shown, options, formatNumber);
}

export interface BreakdownTableLabels {
  caption: string;
  group: string;
  total: string;
  /** Column of a category's count, e.g. "Female: placed". */
  categoryCount: (category: string) => string;
  /** Column of a category's rate, e.g. "Female: placement rate (95% CI)". */
  categoryRate: (category: string) => string;
  totalCount: string;
  totalRate: string;
  gap: string;
  gapLow: string;
  gapHigh: string;
  gapSuppressed: string;
  gapNone: string;
}

/**
 * Groups down; for each category its count (and rate with interval, placement rate only);
 * for by=sex the women − men gap with its interval. Rates: the total row is the footer.
 */
export function breakdownTable(response: BreakdownResponse, rows: BreakdownRow[], categoryLabel: (c: string) => string, labels: BreakdownTableLabels): DataTableModel {
  const { shown } = shownCategories(response);
  const rates = response.metric === 'placementRate';
  const gap = showsGap(response);
  const columns: TableColumn[] = [
    { key: 'group', label: labels.group, kind: 'text' },
    { key: 'total', label: labels.totalCount, kind: 'count' },
    ...(rates ? [{ key: 'totalRate', label: labels.totalRate, kind: 'rate' as const }] : []),
    ...shown.flatMap((c): TableColumn[] => [
      { key: `${c}-count`, label: labels.categoryCount(categoryLabel(c)), kind: 'count' },
      ...(rates ? [{ key: `${c}-rate`, label: labels.categoryRate(categoryLabel(c)), kind: 'rate' as const }] : []),
    ]),
    ...(gap
      ? [
          { key: 'gap', label: labels.gap, kind: 'number' as const },
          { key: 'gapLow', label: labels.gapLow, kind: 'number' as const },
          { key: 'gapHigh', label: labels.gapHigh, kind: 'number' as const },
        ]
      : []),
  ];
  const cellsOf = (r: BreakdownRow): CellValue[] => {
    const gapCells: CellValue[] = !gap || !r.gap ? [] : r.gap.kind === 'value' ? [r.gap.points, r.gap.low, r.gap.high] : [r.gap.kind === 'suppressed' ? labels.gapSuppressed : labels.gapNone, null, null];
    return [
      r.label,
      r.total.count,
      ...(rates ? [r.total.rate] : []),
      ...r.cells.flatMap((c): CellValue[] => [c.count, ...(rates ? [c.rate] : [])]),
      ...gapCells,
    ];
  };
  const totalRow = rows.find((r) => r.isTotal);
  const groupRows = rows.filter((r) => !r.isTotal);
  const footerRow = totalRow ?? rowOf('total', labels.total, true, response.totals, shown, gap);
  return {
    caption: labels.caption,
    columns,
    rows: groupRows.map((r) => ({ key: r.key, cells: cellsOf(r) })),
    footer: [{ key: 'total', cells: cellsOf({ ...footerRow, label: labels.total }) }],
  };
}

export interface BreakdownSummaryTexts {
  overall: (v: { n: number; details: string }) => string;
  row: (v: { group: string; values: string }) => string;
  gap: (v: { gap: string }) => string;
}

/** Text alternative: per group, each category's figure (rate with interval, or count), and the gap. */
export function describeBreakdown(response: BreakdownResponse, rows: BreakdownRow[], categoryLabel: (c: string) => string, texts: BreakdownSummaryTexts, labels: BreakdownLabels, formatNumber: (n: number) => string, formatPercent: (n: number) => string): string {
  const rates = response.metric === 'placementRate';
  const details = rows
    .map((r) => {
      const values = r.cells.map((c) => `${categoryLabel(c.category)} ${rates ? rateText(c.rate, labels, formatPercent) : countText(c.count, labels, formatNumber)}`).join(', ');
      const gap = r.gap ? ` ${texts.gap({ gap: gapText(r.gap, labels, formatNumber) })}` : '';
      return `${texts.row({ group: r.label, values })}${gap}`;
    })
    .join(' ');
  return texts.overall({ n: rows.length, details });
}
