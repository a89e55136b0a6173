// Every chart of the dashboard sits in this panel: a heading, the chart with its text
// alternative, PNG and CSV export, and the data table holding the numbers it draws.
import { useId, useRef, useState, type ReactNode } from 'react';
import { exportFileName, toCsv, type DataTableModel } from '@/charts/data-table';
import { EChartsChart, type ChartHandle } from '@/charts/echarts-chart';
import type { EChartsOption } from '@/charts/types';
import { useI18n } from '@/i18n/i18n';
import { DataTableView } from './data-table-view';
import { downloadChartPng, downloadCsv } from './download';

export interface ChartPanelProps {
  title: string;
  /** What the selection is (period, filters): printed under the title in the PNG. */
  subtitle: string;
  /** Parts of the export file names, e.g. ['meic', 'funnel', 'site', 'IT']. */
  fileParts: readonly (string | null | undefined)[];
  option: EChartsOption;
  /** Text alternative: what the chart shows and its main figures. */
  ariaLabel: string;
  height: number;
  table: DataTableModel;
  minCell: number;
  /** Open the data table from the start (small tables, or when the table is the point). */
  tableOpen?: boolean;
  /** Controls or notes shown between the heading and the chart. */
  children?: ReactNode;
  /** Notes shown after the table. */
  footer?: ReactNode;
}

export function ChartPanel({ title, subtitle, fileParts, option, ariaLabel, height, table, minCell, tableOpen, children, footer }: ChartPanelProps) {
  const { t } = useI18n();
  const headingId = useId();
  const chart = useRef<ChartHandle>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  const csvLabels = { suppressed: t('csv.suppressed'), ciLow: (label: string) => t('csv.ciLow', { label }), ciHigh: (label: string) => t('csv.ciHigh', { label }) };

  const exportPng = () => {
    const png = chart.current?.pngDataUrl();
    if (!png) return;
    setExportError(null);
    downloadChartPng(png, title, subtitle, exportFileName(fileParts, 'png')).catch((e: unknown) => setExportError(e instanceof Error ? e.message : String(e)));
  };
  const exportCsv = () => downloadCsv(toCsv(table, csvLabels), exportFileName(fileParts, 'csv'));

  return (
    <section className="panel chart-panel" aria-labelledby={headingId}>
      <div className="chart-panel__head">
        <h2 id={headingId}>{title}</h2>
        <div className="chart-panel__tools" role="group" aria-label={t('panel.exportLabel', { title })}>
          <button type="button" className="button button--small" onClick={exportPng}>
            {t('panel.downloadPng')}
          </button>
          <button type="button" className="button button--small" onClick={exportCsv}>
            {t('panel.downloadCsv')}
          </button>
        </div>
      </div>
      {children}
      {exportError ? (
        <p className="notice notice--warning" role="alert">
          {exportError}
        </p>
      ) : null}
      <EChartsChart option={option} ariaLabel={ariaLabel} height={height} handle={chart} />
      <details className="chart-panel__table" open={tableOpen}>
        <summary>{t('panel.dataTable', { n: table.rows.length + (table.footer?.length ?? 0) })}</summary>
        <DataTableView table={table} minCell={minCell} />
      </details>
      {footer}
    </section>
  );
}
