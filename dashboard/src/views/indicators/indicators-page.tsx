import { useId, useMemo, useState, type ReactNode } from 'react';
import { fetchIndicatorCatalogue, fetchIndicators, formalDefinition, indicatorsQuery, type IndicatorDefinition } from '@/api/indicators';
import { exportFileName, isCount, isRate, toCsv, type CellValue, type TableColumn } from '@/charts/data-table';
import { downloadCsv } from '@/components/download';
import { CountValue, RateValue } from '@/components/figures';
import { SuppressionNote } from '@/components/suppressed';
import { ErrorState } from '@/components/view-states';
import { isRangeValid } from '@/filters/filters';
import { useI18n } from '@/i18n/i18n';
import { isMessageKey, type MessageKey } from '@/i18n/messages';
import { useFilters } from '@/router/query';
import { useViewData } from '@/shell/use-view-data';
import { withModel } from '@/shell/view-data';
import { ViewShell } from '@/shell/view-shell';
import { anySuppressed, indicatorTable, type IndicatorRow, type IndicatorTableLabels } from './indicator-rows';
import './indicators.css';

const NUMERIC = new Set(['count', 'rate', 'number', 'percent']);
// The service writes an open period as these far bounds.
const OPEN_FROM = '1900-01-01';
const OPEN_TO = '2299-12-31';

// Counts this dashboard has words for (organisation types: any with a message); others show as the API names them.
const COUNT_NAMES = new Set(['members', 'active', 'providedCourse', 'hostedInternship', 'hired', 'internships', 'placements', 'courses']);
const UNITS = new Set(['participants', 'percent', 'days', 'organisations', 'contributions']);
const KINDS = new Set(['count', 'rate', 'median_days', 'organisations', 'contributions']);
const DIMENSIONS = new Set(['sex', 'ageBand', 'legalStatus', 'citizenship', 'courseType', 'site', 'country', 'programme']);

/** The catalogue's word in the UI language when this dashboard knows it, else as the API wrote it. */
function word(t: (key: MessageKey) => string, known: Set<string>, prefix: string, value: string): string {
  return known.has(value) ? t(`${prefix}${value}` as MessageKey) : value;
}

function Cell({ value, column, minCell }: { value: CellValue; column: TableColumn; minCell: number }) {
  const { fmt } = useI18n();
  if (value === null) return <span className="muted">–</span>;
  if (isRate(value)) return <RateValue rate={value} minCell={minCell} fmt={fmt} />;
  if (isCount(value)) return <CountValue count={value} minCell={minCell} fmt={fmt} />;
  if (typeof value === 'string') return <>{value}</>;
  if (column.kind === 'percent') return <>{fmt.percent(value, 1)}</>;
  return <>{fmt.number(value)}</>;
}

function IndicatorTable({ columns, rows, caption, minCell }: { columns: TableColumn[]; rows: IndicatorRow[]; caption: string; minCell: number }) {
  const captionId = useId();
  return (
    <>
      <p className="table-caption" id={captionId}>
        {caption}
      </p>
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="data-table indicator-table" aria-labelledby={captionId}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col" key={c.key} className={NUMERIC.has(c.kind) ? 'num' : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className={r.first ? 'is-first' : undefined}>
                {columns.map((c, i) => {
                  const value = r.cells[i] ?? null;
                  // Code and title span the rows of their indicator.
                  if (i === 0) {
                    return r.first ? (
                      <th scope="rowgroup" key={c.key} rowSpan={r.span} className="indicator-table__code">
                        {r.code}
                      </th>
                    ) : null;
                  }
                  if (i === 1) {
                    return r.first ? (
                      <td key={c.key} rowSpan={r.span} className="indicator-table__title">
                        <Cell value={value} column={c} minCell={minCell} />
                      </td>
                    ) : null;
                  }
                  return (
                    <td key={c.key} className={NUMERIC.has(c.kind) ? 'num' : c.key === 'measure' ? 'indicator-table__measure' : undefined}>
                      <Cell value={value} column={c} minCell={minCell} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Definitions({ list }: { list: IndicatorDefinition[] }) {
  const { t, fmt, lang } = useI18n();
  return (
    <ul className="indicator-defs">
      {list.map((d) => {
        const title = d.title[lang] ?? d.title.en ?? d.code;
        const descLang = d.description[lang] ? lang : 'en';
        const description = d.description[descLang];
        return (
          <li key={d.code}>
            <h3>
              {d.code} · {title}
            </h3>
            {description ? <p lang={descLang}>{description}</p> : null}
            <dl>
              <dt>{t('indicators.unit')}</dt>
              <dd>{word(t, UNITS, 'indicators.unit.', d.unit)}</dd>
              <dt>{t('indicators.kind')}</dt>
              <dd>{word(t, KINDS, 'indicators.kindName.', d.kind)}</dd>
              {d.disaggregations?.length ? (
                <>
                  <dt>{t('indicators.disaggregations')}</dt>
                  <dd>{fmt.list(d.disaggregations.map((x) => word(t, DIMENSIONS, 'indicators.dim.', x)))}</dd>
                </>
              ) : null}
            </dl>
            <details>
              <summary>{t('indicators.formal')}</summary>
              <pre>{JSON.stringify(formalDefinition(d), null, 2)}</pre>
            </details>
          </li>
        );
      })}
    </ul>
  );
}

export default function IndicatorsPage() {
  const { t, fmt, lang } = useI18n();
  const [filters] = useFilters();
  const [showDefs, setShowDefs] = useState(false);
  const headingId = useId();
  const defsId = useId();

  // Titles come translated from the API: the UI language is part of the query.
  const request = useViewData(isRangeValid(filters) ? [indicatorsQuery(filters, lang)] : null, (tk, signal) => fetchIndicators(tk, { filters, lang }, signal));
  const catalogue = useViewData(showDefs ? ['catalogue'] : null, (tk, signal) => fetchIndicatorCatalogue(tk, signal));

  const labels: IndicatorTableLabels = useMemo(
    () => ({
      caption: t('indicators.caption'),
      code: t('indicators.code'),
      indicator: t('indicators.indicator'),
      measure: t('indicators.measure'),
      count: t('indicators.count'),
      rate: t('indicators.rate'),
      medianDays: t('indicators.medianDays'),
      target: t('indicators.target'),
      progress: t('indicators.progress'),
      total: t('indicators.total'),
      rate1: t('indicators.rate1'),
      median: t('indicators.median'),
      notReached: t('indicators.notReached'),
      orgType: (type) => {
        const key = `indicators.orgType.${type}`;
        return isMessageKey(key) ? t(key) : type.replace(/_/g, ' ');
      },
      countName: (key) => (COUNT_NAMES.has(key) ? t(`indicators.countName.${key}` as MessageKey) : key),
    }),
    [t],
  );

  const data = request.data;
  const model = useMemo(() => (data ? { data, table: indicatorTable(data, labels) } : null), [data, labels]);

  const csvLabels = { suppressed: t('csv.suppressed'), ciLow: (label: string) => t('csv.ciLow', { label }), ciHigh: (label: string) => t('csv.ciHigh', { label }) };
  const exportCsv = () => {
    if (!model) return;
    const { period, filters: f } = model.data;
    const range = period.from === OPEN_FROM ? null : `${period.from}..${period.to}`;
    downloadCsv(toCsv(model.table, csvLabels), exportFileName(['meic', 'indicators', f.programme, f.country, f.site, range, lang], 'csv'));
  };

  let defs: ReactNode = null;
  if (showDefs) {
    defs = (
      <section className="panel" id={defsId} aria-labelledby={`${defsId}-h`}>
        <h2 id={`${defsId}-h`}>{t('indicators.definitionsTitle')}</h2>
        <p className="muted">{t('indicators.definitionsIntro')}</p>
        {catalogue.status === 'error' ? (
          <ErrorState error={catalogue.error} onRetry={catalogue.retry} />
        ) : catalogue.data ? (
          <Definitions list={catalogue.data} />
        ) : (
          <p role="status">{t('indicators.definitionsLoading')}</p>
        )}
      </section>
    );
  }

  return (
    <ViewShell
      title={t('indicators.title')}
      lead={t('indicators.subtitle')}
      controls={(filters.from === null) !== (filters.to === null) ? <p className="notice notice--info">{t('indicators.periodNeedsBoth')}</p> : null}
      state={withModel(request, model)}
      isEmpty={({ table }) => table.rows.length === 0}
      emptyText={t('indicators.empty')}
      meta={({ data: d }) => ({
        text: `${d.period.from === OPEN_FROM && d.period.to === OPEN_TO ? t('indicators.periodAll') : t('indicators.period', { from: fmt.date(d.period.from), to: fmt.date(d.period.to) })} · ${t('indicators.asOf', { date: fmt.date(d.asOf) })}`,
        answer: d,
      })}
      footer={defs}
    >
      {({ data: d, table }) => (
        <section className="panel chart-panel" aria-labelledby={headingId}>
          <div className="chart-panel__head">
            <h2 id={headingId}>{t('indicators.tableTitle')}</h2>
            <div className="chart-panel__tools indicator-tools">
              <button type="button" className="button button--small" onClick={exportCsv}>
                {t('indicators.downloadCsv')}
              </button>
              <button type="button" className="button button--small" aria-expanded={showDefs} aria-controls={defsId} onClick={() => setShowDefs((v) => !v)}>
                {showDefs ? t('indicators.hideDefinitions') : t('indicators.showDefinitions')}
              </button>
            </div>
          </div>
          <IndicatorTable columns={table.columns} rows={table.rows} caption={table.caption} minCell={d.minCell} />
          <p className="footnote">{t('kpi.rateHelp')}.</p>
          {anySuppressed(table.rows) ? <SuppressionNote minCell={d.minCell} /> : null}
        </section>
      )}
    </ViewShell>
  );
}
