// The data table behind a chart: one model that the page renders as an HTML table and the
// CSV export writes out, so the numbers drawn, shown and downloaded are the same numbers.
// Pure: no DOM, no React.
import type { Count, Rate } from '@/api/types';

export type ColumnKind =
  | 'text' // a label
  | 'count' // Count cell or plain integer; suppressed shown as such
  | 'rate' // Rate cell in percent with its 95% interval (three CSV columns)
  | 'number' // a plain number (days, per 100, a share)
  | 'percent' // a plain percentage (0–100)
  | 'date'; // ISO date

export interface TableColumn {
  key: string;
  label: string;
  kind: ColumnKind;
}

export type CellValue = string | number | null | Count | Rate;

export interface TableRow {
  key: string;
  cells: CellValue[];
}

export interface DataTableModel {
  caption: string;
  columns: TableColumn[];
  rows: TableRow[];
  /** Rows summing up the others (totals), rendered in <tfoot>, exported last. */
  footer?: TableRow[];
}

export function isCount(v: CellValue): v is Count {
  return typeof v === 'object' && v !== null && 'suppressed' in v && !('low' in v);
}

export function isRate(v: CellValue): v is Rate {
  return typeof v === 'object' && v !== null && 'suppressed' in v && 'low' in v;
}

export interface CsvLabels {
  suppressed: string;
  ciLow(label: string): string;
  ciHigh(label: string): string;
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function plain(v: CellValue, labels: CsvLabels): string | number | null {
  if (v === null || typeof v === 'string' || typeof v === 'number') return v;
  if (v.suppressed) return labels.suppressed;
  return v.value;
}

/**
 * RFC 4180 CSV of the table: a header row, then the rows and footer rows. Numbers are written
 * unformatted (dot decimals) for R, Stata or a spreadsheet; a suppressed cell says so instead
 * of being empty or zero; a rate adds its interval bounds as two columns.
 */
export function toCsv(table: DataTableModel, labels: CsvLabels): string {
  const header: string[] = [];
  for (const c of table.columns) {
    header.push(c.label);
    if (c.kind === 'rate') header.push(labels.ciLow(c.label), labels.ciHigh(c.label));
  }
  const lines = [header.map(csvField).join(',')];
  for (const row of [...table.rows, ...(table.footer ?? [])]) {
    const out: (string | number | null)[] = [];
    table.columns.forEach((c, i) => {
      const v = row.cells[i] ?? null;
      if (c.kind === 'rate') {
        if (v !== null && isRate(v)) {
          out.push(v.suppressed ? labels.suppressed : v.value, v.suppressed ? labels.suppressed : v.low, v.suppressed ? labels.suppressed : v.high);
        } else out.push(plain(v, labels), null, null);
      } else out.push(plain(v, labels));
    });
    lines.push(out.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name from a view and chart name and the filters: `meic-funnel-by-site-IT-2025-01-01.csv`. */
export function exportFileName(parts: readonly (string | null | undefined)[], extension: 'csv' | 'png'): string {
  const slug = parts
    .filter((p): p is string => Boolean(p))
    .map((p) =>
      p
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^A-Za-z0-9.-]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .join('-');
  return `${slug || 'meic'}.${extension}`;
}
