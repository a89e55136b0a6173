// The evaluated indicator catalogue as one flat table: a row per figure (a count, a sub-count,
// a rate, a median, a count per organisation type), so the page and the CSV hold the same
// numbers. Pure: strings come in through `labels`.
import type { EvaluatedIndicator, IndicatorsResponse } from '@/api/indicators';
import type { CellValue, DataTableModel, TableRow } from '@/charts/data-table';

export interface IndicatorTableLabels {
  caption: string;
  code: string;
  indicator: string;
  measure: string;
  count: string;
  rate: string;
  medianDays: string;
  target: string;
  progress: string;
  /** Measure of a count indicator's main row, e.g. "All". */
  total: string;
  /** Measure of a rate without a title of its own, e.g. "Rate". */
  rate1: string;
  /** Measure of a median row, e.g. "Median (cohort size in the count column)". */
  median: string;
  /** A median the Kaplan–Meier curve does not reach. */
  notReached: string;
  orgType(type: string): string;
  countName(key: string): string;
}

/** Cells in column order: code, indicator, measure, count, rate, median days, target, progress. */
export const INDICATOR_COLUMNS = ['code', 'indicator', 'measure', 'count', 'rate', 'medianDays', 'target', 'progress'] as const;

export interface IndicatorRow extends TableRow {
  code: string;
  /** First row of its indicator (the page spans the code and title over the rest). */
  first: boolean;
  /** Rows of this indicator, on its first row. */
  span: number;
}

function rowsOf(ind: EvaluatedIndicator, labels: IndicatorTableLabels): CellValue[][] {
  // [measure, count, rate, median, target, progress]
  const out: CellValue[][] = [];
  switch (ind.kind) {
    case 'count':
      out.push([labels.total, ind.value, null, null, ind.target?.value ?? null, ind.target?.progressPct ?? null]);
      for (const s of ind.of) out.push([s.title, s.value, null, null, null, null]);
      break;
    case 'rate':
      for (const r of ind.rates) out.push([r.title ?? labels.rate1, null, r.rate, null, null, null]);
      break;
    case 'median_days': {
      const m = ind.median;
      if (m) {
        const days: CellValue = m.cohort.suppressed ? { value: null, suppressed: true } : (m.days ?? labels.notReached);
        out.push([labels.median, m.cohort, null, days, null, null]);
      }
      break;
    }
    case 'organisations':
    case 'contributions':
      for (const b of ind.byType) for (const [key, c] of Object.entries(b.counts)) out.push([`${labels.orgType(b.type)} · ${labels.countName(key)}`, c, null, null, null, null]);
      break;
  }
  // An indicator the service evaluated to nothing still gets its line, so it is not lost.
  if (out.length === 0) out.push(['', null, null, null, null, null]);
  return out;
}

export function indicatorRows(response: Pick<IndicatorsResponse, 'indicators'>, labels: IndicatorTableLabels): IndicatorRow[] {
  return response.indicators.flatMap((ind) => {
    const rows = rowsOf(ind, labels);
    return rows.map((cells, i) => ({ key: `${ind.code}-${i}`, code: ind.code, first: i === 0, span: i === 0 ? rows.length : 0, cells: [ind.code, ind.title, ...cells] }));
  });
}

export function indicatorTable(response: Pick<IndicatorsResponse, 'indicators'>, labels: IndicatorTableLabels): Omit<DataTableModel, 'rows'> & { rows: IndicatorRow[] } {
  return {
    caption: labels.caption,
    columns: [
      { key: 'code', label: labels.code, kind: 'text' },
      { key: 'indicator', label: labels.indicator, kind: 'text' },
      { key: 'measure', label: labels.measure, kind: 'text' },
      { key: 'count', label: labels.count, kind: 'count' },
      { key: 'rate', label: labels.rate, kind: 'rate' },
      { key: 'medianDays', label: labels.medianDays, kind: 'number' },
      { key: 'target', label: labels.target, kind: 'number' },
      { key: 'progress', label: labels.progress, kind: 'percent' },
    ],
    rows: indicatorRows(response, labels),
  };
}

/** Whether any figure of the table is suppressed (to show the explanation). */
export function anySuppressed(rows: readonly TableRow[]): boolean {
  return rows.some((r) => r.cells.some((c) => typeof c === 'object' && c !== null && c.suppressed));
}
