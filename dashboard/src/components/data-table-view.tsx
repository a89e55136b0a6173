import { useId } from 'react';
import { isCount, isRate, type CellValue, type DataTableModel, type TableColumn, type TableRow } from '@/charts/data-table';
import { useI18n } from '@/i18n/i18n';
import { CountValue, RateValue } from './figures';

const NUMERIC = new Set(['count', 'rate', 'number', 'percent']);

function Cell({ column, value, minCell }: { column: TableColumn; value: CellValue; minCell: number }) {
  const { fmt } = useI18n();
  if (value === null) return <span className="muted">–</span>;
  if (isRate(value)) return <RateValue rate={value} minCell={minCell} fmt={fmt} />;
  if (isCount(value)) return <CountValue count={value} minCell={minCell} fmt={fmt} />;
  if (typeof value === 'string') return <>{column.kind === 'date' ? fmt.date(value) : value}</>;
  if (column.kind === 'percent') return <>{fmt.percent(value, 1)}</>;
  return <>{fmt.number(value)}</>;
}

function Row({ row, columns, minCell }: { row: TableRow; columns: TableColumn[]; minCell: number }) {
  return (
    <tr>
      {columns.map((c, i) =>
        i === 0 ? (
          <th scope="row" key={c.key}>
            <Cell column={c} value={row.cells[i] ?? null} minCell={minCell} />
          </th>
        ) : (
          <td key={c.key} className={NUMERIC.has(c.kind) ? 'num' : undefined}>
            <Cell column={c} value={row.cells[i] ?? null} minCell={minCell} />
          </td>
        ),
      )}
    </tr>
  );
}

/** The numbers behind a chart as an HTML table; suppressed cells say so (never 0). */
export function DataTableView({ table, minCell }: { table: DataTableModel; minCell: number }) {
  const captionId = useId();
  return (
    <>
      <p className="table-caption" id={captionId}>
        {table.caption}
      </p>
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="data-table" aria-labelledby={captionId}>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th scope="col" key={c.key} className={NUMERIC.has(c.kind) ? 'num' : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <Row key={r.key} row={r} columns={table.columns} minCell={minCell} />
            ))}
          </tbody>
          {table.footer?.length ? (
            <tfoot>
              {table.footer.map((r) => (
                <Row key={r.key} row={r} columns={table.columns} minCell={minCell} />
              ))}
            </tfoot>
          ) : null}
        </table>
      </div>
    </>
  );
}
