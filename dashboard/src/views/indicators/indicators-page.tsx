import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { fetchSiteCatalogue, type SiteOption } from '../../api/analytics';
import { fetchIndicatorCatalogue, fetchIndicators, formalDefinition, indicatorsQuery, type IndicatorDefinition } from '../../api/indicators';
import { useAuth } from '../../auth/auth';
import { exportFileName, isCount, isRate, toCsv, type CellValue, type TableColumn } from '../../charts/data-table';
import { downloadCsv } from '../../components/download';
import { DisclosureNote } from '../../components/disclosure-note';
import { CountValue, RateValue } from '../../components/figures';
import { StatePanel } from '../../components/state-panel';
import { SuppressionNote } from '../../components/suppressed';
import { EmptyState, ErrorState, LoadingState, useAnalytics, useDocumentTitle } from '../../components/view-states';
import { FilterBar } from '../../filters/filter-bar';
import { isRangeValid } from '../../filters/filters';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useFilters } from '../../router/query';
import { findRoute } from '../../routes';
import { anySuppressed, indicatorTable, type IndicatorRow, type IndicatorTableLabels } from './indicator-rows';
import './indicators.css';

const AVAILABLE = findRoute('/indicators')?.filters ?? [];
const NUMERIC = new Set(['count', 'rate', 'number', 'percent']);
// The service writes an open period as these far bounds.
const OPEN_FROM = '1900-01-01';
const OPEN_TO = '2299-12-31';

// Organisation types and counts this dashboard has words for; others show as the API names them.
const ORG_TYPES = new Set([
  'employer_association',
  'vet_provider',
  'public_employment_service',
  'local_authority',
  'enterprise',
  'chamber_of_commerce',
  'trade_union',
  'civil_society_org',
  'migrant_association',
  'university',
]);
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
  const { token } = useAuth();
  const [filters, setFilters] = useFilters();
  const [sites, setSites] = useState<SiteOption[]>([]);
  const [showDefs, setShowDefs] = useState(false);
  const headingId = useId();
  const defsId = useId();
  useDocumentTitle(t('indicators.title'));

  useEffect(() => {
    if (!token) return;
    let live = true;
    fetchSiteCatalogue(token).then(
      (list) => live && setSites(list),
      () => undefined, // the indicators request reports the problem
    );
    return () => {
      live = false;
    };
  }, [token]);

  const rangeValid = isRangeValid(filters);
  // Titles come translated from the API: the UI language is part of the query.
  const request = useAnalytics(rangeValid ? JSON.stringify(indicatorsQuery(filters, lang)) : null, (tk, signal) => fetchIndicators(tk, { filters, lang }, signal));
  const catalogue = useAnalytics(showDefs ? 'catalogue' : null, (tk, signal) => fetchIndicatorCatalogue(tk, signal));

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
      orgType: (type) => (ORG_TYPES.has(type) ? t(`indicators.orgType.${type}` as MessageKey) : type.replace(/_/g, ' ')),
      countName: (key) => (COUNT_NAMES.has(key) ? t(`indicators.countName.${key}` as MessageKey) : key),
    }),
    [t],
  );

  const data = request.data;
  const table = useMemo(() => (data ? indicatorTable(data, labels) : null), [data, labels]);
  const error = request.status === 'error' ? request.error : null;
  const loading = request.status === 'loading';
  const resetFilters = () => setFilters({ country: null, site: null, from: null, to: null, programme: null });

  const csvLabels = { suppressed: t('csv.suppressed'), ciLow: (label: string) => t('csv.ciLow', { label }), ciHigh: (label: string) => t('csv.ciHigh', { label }) };
  const periodText = data
    ? data.period.from === OPEN_FROM && data.period.to === OPEN_TO
      ? t('indicators.periodAll')
      : t('indicators.period', { from: fmt.date(data.period.from), to: fmt.date(data.period.to) })
    : '';
  const exportCsv = () => {
    if (!table || !data) return;
    const period = data.period.from === OPEN_FROM ? null : `${data.period.from}..${data.period.to}`;
    downloadCsv(toCsv(table, csvLabels), exportFileName(['meic', 'indicators', data.filters.programme, data.filters.country, data.filters.site, period, lang], 'csv'));
  };

  let body: ReactNode;
  if (!rangeValid) {
    body = <StatePanel tone="warning" title={t('filters.rangeInvalid')} />;
  } else if (error) {
    body = <ErrorState error={error} onRetry={request.retry} onReset={resetFilters} />;
  } else if (!data || !table) {
    body = <LoadingState />;
  } else if (table.rows.length === 0) {
    body = (
      <EmptyState onReset={resetFilters}>
        <p>{t('indicators.empty')}</p>
      </EmptyState>
    );
  } else {
    body = (
      <div className={loading ? 'is-updating' : undefined} aria-busy={loading}>
        <p className="meta-line">
          {periodText} · {t('indicators.asOf', { date: fmt.date(data.asOf) })}
          {data.generatedAt ? <> · {t('overview.generatedAt', { date: fmt.dateTime(data.generatedAt) })}</> : null}
          {loading ? (
            <span className="updating" role="status">
              {' '}
              · {t('state.updating')}
            </span>
          ) : null}
        </p>
        <DisclosureNote note={data.disclosure} />
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
          <IndicatorTable columns={table.columns} rows={table.rows} caption={table.caption} minCell={data.minCell} />
          <p className="footnote">{t('kpi.rateHelp')}.</p>
          {anySuppressed(table.rows) ? <SuppressionNote minCell={data.minCell} /> : null}
        </section>
      </div>
    );
  }

  let defs: ReactNode = null;
  if (showDefs) {
    const defsError = catalogue.status === 'error' ? catalogue.error : null;
    defs = (
      <section className="panel" id={defsId} aria-labelledby={`${defsId}-h`}>
        <h2 id={`${defsId}-h`}>{t('indicators.definitionsTitle')}</h2>
        <p className="muted">{t('indicators.definitionsIntro')}</p>
        {defsError ? (
          <ErrorState error={defsError} onRetry={catalogue.retry} />
        ) : catalogue.data ? (
          <Definitions list={catalogue.data} />
        ) : (
          <p role="status">{t('indicators.definitionsLoading')}</p>
        )}
      </section>
    );
  }

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('indicators.title')}</h1>
        <p className="lead">{t('indicators.subtitle')}</p>
      </div>

      <FilterBar filters={filters} onChange={(patch) => setFilters(patch)} available={AVAILABLE} sites={sites} />

      {(filters.from === null) !== (filters.to === null) ? <p className="notice notice--info">{t('indicators.periodNeedsBoth')}</p> : null}

      {body}
      {defs}
    </div>
  );
}
