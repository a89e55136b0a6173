// Ingest status: events stored and lag per topic partition, as horizontal bars. Pure:
// response + options in, ECharts option out; the same rows feed the table under it.
import type { IngestStatusResponse } from '@/api/ingest';
import { eventTimeIso } from '@/api/ingest';
import type { DataTableModel } from './data-table';
import { barTooltip, escapeHtml } from './html';
import { chartBase, GRID_LINES, INK, legendText, OKABE_ITO, rowsAxis } from './chart-theme';
import type { EChartsOption } from './types';

export interface IngestPartitionRow {
  key: string;
  /** e.g. "meic.beneficiaries.v1 · 3" */
  label: string;
  topic: string;
  partition: number;
  eventsStored: number;
  lag: number;
  deadLettered: number;
  committedOffset: number | null;
  highWatermark: number;
  /** ISO timestamp (UTC) or null before the first event. */
  lastEventTime: string | null;
}

export interface IngestLabels {
  eventsStored: string;
  lag: string;
  deadLettered: string;
  topic: string;
  partition: string;
  committedOffset: string;
  highWatermark: string;
  lastEventTime: string;
  caption: string;
  /** "{topic} · partition {n}" */
  partitionLabel(topic: string, partition: number): string;
}

/** Topics in the API's order, partitions in number order within each. */
export function ingestPartitionRows(response: Pick<IngestStatusResponse, 'topics'>, labels: Pick<IngestLabels, 'partitionLabel'>): IngestPartitionRow[] {
  return response.topics.flatMap((t) =>
    [...t.partitions]
      .sort((x, y) => x.partition - y.partition)
      .map((p) => ({
        key: `${t.topic}#${p.partition}`,
        label: labels.partitionLabel(t.topic, p.partition),
        topic: t.topic,
        partition: p.partition,
        eventsStored: p.eventsStored,
        lag: p.lag,
        deadLettered: p.deadLettered,
        committedOffset: p.committedOffset,
        highWatermark: p.highWatermark,
        lastEventTime: eventTimeIso(p.lastEventTime),
      })),
  );
}

export function ingestTable(rows: IngestPartitionRow[], labels: IngestLabels): DataTableModel {
  return {
    caption: labels.caption,
    columns: [
      { key: 'topic', label: labels.topic, kind: 'text' },
      { key: 'partition', label: labels.partition, kind: 'number' },
      { key: 'eventsStored', label: labels.eventsStored, kind: 'number' },
      { key: 'lag', label: labels.lag, kind: 'number' },
      { key: 'deadLettered', label: labels.deadLettered, kind: 'number' },
      { key: 'committedOffset', label: labels.committedOffset, kind: 'number' },
      { key: 'highWatermark', label: labels.highWatermark, kind: 'number' },
      { key: 'lastEventTime', label: labels.lastEventTime, kind: 'text' },
    ],
    rows: rows.map((r) => ({ key: r.key, cells: [r.topic, r.partition, r.eventsStored, r.lag, r.deadLettered, r.committedOffset, r.highWatermark, r.lastEventTime] })),
  };
}

export interface IngestChartOptions {
  labels: IngestLabels;
  formatNumber?: (n: number) => string;
  ariaDescription?: string;
  compact?: boolean;
}

export const INGEST_COLOURS = { eventsStored: OKABE_ITO.blue, lag: OKABE_ITO.vermillion } as const;

export function ingestChartHeight(rowCount: number): number {
  return 80 + Math.max(rowCount, 1) * 30;
}

export function transformProps(response: IngestStatusResponse, options: IngestChartOptions): EChartsOption {
  const { labels } = options;
  const formatNumber = options.formatNumber ?? ((n: number) => String(n));
  const compact = options.compact ?? false;
  const rows = ingestPartitionRows(response, labels);

  return {
    ...chartBase(options.ariaDescription, { animate: false }),
    legend: { top: 0, left: 0, itemWidth: 18, itemHeight: 11, textStyle: legendText(compact), data: [labels.eventsStored, labels.lag] },
    grid: { top: 36, left: 4, right: compact ? 48 : 64, bottom: 8, containLabel: true },
    tooltip: barTooltip(rows, (row) =>
      [
        `<strong>${escapeHtml(row.label)}</strong>`,
        `${escapeHtml(labels.eventsStored)}: <strong>${escapeHtml(formatNumber(row.eventsStored))}</strong>`,
        `${escapeHtml(labels.lag)}: <strong>${escapeHtml(formatNumber(row.lag))}</strong>`,
        `${escapeHtml(labels.deadLettered)}: <strong>${escapeHtml(formatNumber(row.deadLettered))}</strong>`,
      ].join('<br/>'),
    ),
    xAxis: {
      type: 'value',
      min: 0,
      splitNumber: compact ? 3 : 5,
      axisLabel: { color: INK.muted, hideOverlap: true, formatter: (v: number) => formatNumber(v) },
      splitLine: GRID_LINES,
    },
    yAxis: rowsAxis(
      rows.map((r) => r.label),
      { fontSize: 11, width: compact ? 120 : 220, overflow: 'truncate' },
    ),
    series: [
      {
        id: 'eventsStored',
        type: 'bar',
        name: labels.eventsStored,
        stack: 'records',
        data: rows.map((r) => r.eventsStored),
        itemStyle: { color: INGEST_COLOURS.eventsStored },
        barMaxWidth: 16,
        label: { show: false },
      },
      {
        // Lag continues the bar: what is stored, then what is still waiting to be.
        id: 'lag',
        type: 'bar',
        name: labels.lag,
        stack: 'records',
        data: rows.map((r) => r.lag),
        itemStyle: {
          color: INGEST_COLOURS.lag,
          decal: { symbol: 'rect', symbolSize: 1, color: 'rgba(255, 255, 255, 0.6)', dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: Math.PI / 4 },
        },
        barMaxWidth: 16,
        label: {
          show: true,
          position: 'right',
          color: INK.text,
          fontSize: 11,
          // A lagging partition says so in words, not by colour alone; the others just give their count.
          formatter: (p: { dataIndex?: number }) => {
            const row = typeof p.dataIndex === 'number' ? rows[p.dataIndex] : undefined;
            if (!row) return '';
            return row.lag > 0 ? `${formatNumber(row.eventsStored)} · ${labels.lag} ${formatNumber(row.lag)}` : formatNumber(row.eventsStored);
          },
        },
      },
    ],
  };
}

export interface IngestSummaryTexts {
  overall(v: { n: number; details: string }): string;
  row(v: { partition: string; events: string; lag: string; dead: string }): string;
}

/** The chart's text alternative: lagging or dead-lettering partitions first, then the others' events. */
export function describeIngest(rows: IngestPartitionRow[], texts: IngestSummaryTexts, formatNumber: (n: number) => string): string {
  const ordered = [...rows].sort((x, y) => Number(y.lag > 0 || y.deadLettered > 0) - Number(x.lag > 0 || x.deadLettered > 0));
  const details = ordered.map((r) => texts.row({ partition: r.label, events: formatNumber(r.eventsStored), lag: formatNumber(r.lag), dead: formatNumber(r.deadLettered) })).join(' ');
  return texts.overall({ n: rows.length, details });
}
