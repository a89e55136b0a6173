import { useId, useMemo, type ReactNode } from 'react';
import { fetchTrends, trendsQuery, TREND_INTERVALS, TREND_METRICS, type TrendGroup, type TrendInterval, type TrendMetric, type TrendsResponse } from '../../api/trends';
import {
  allSuppressed,
  describeTrendLines,
  hasShownFigures,
  suppressedBuckets,
  transformProps,
  trendLinesHeight,
  trendRows,
  trendTable,
  type TrendLinesLabels,
} from '../../charts/trend-lines.transform';
import { ChartPanel } from '../../components/chart-panel';
import { DisclosureNote } from '../../components/disclosure-note';
import { StatePanel } from '../../components/state-panel';
import { SuppressionNote } from '../../components/suppressed';
import { EmptyState, ErrorState, LoadingState, useAnalytics, useDocumentTitle } from '../../components/view-states';
import { FilterBar } from '../../filters/filter-bar';
import { isRangeValid } from '../../filters/filters';
import { useMediaQuery } from '../../hooks/use-media-query';
import { useI18n, type I18n } from '../../i18n/i18n';
import { useFilters, useViewParams } from '../../router/query';
import { findRoute } from '../../routes';
import { useSiteOptions } from '../../hooks/use-site-options';
import './trends.css';

const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif';
const AVAILABLE = findRoute('/trends')?.filters ?? [];
const DEFAULT_METRIC: TrendMetric = 'enrolled';
// Quarters by default: monthly counts per site are mostly below the disclosure threshold
// on a programme this size, and take the service much longer to compute.
const DEFAULT_INTERVAL: TrendInterval = 'quarter';

function pick<T extends string>(values: readonly T[], raw: string | null, fallback: T): T {
  return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : fallback;
}

function usePeriodLabel(interval: TrendInterval): (iso: string) => string {
  const { t, fmt } = useI18n();
  return useMemo(() => {
    const month = new Intl.DateTimeFormat(fmt.locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    return (iso: string) => {
      const d = new Date(`${iso}T00:00:00Z`);
      if (Number.isNaN(d.getTime())) return iso;
      switch (interval) {
        case 'month':
          return month.format(d);
        case 'quarter':
          return t('trends.quarter', { q: Math.floor(d.getUTCMonth() / 3) + 1, year: d.getUTCFullYear() });
        case 'year':
          return String(d.getUTCFullYear());
      }
    };
  }, [interval, fmt, t]);
}

function groupTitle(g: TrendGroup, groupBy: TrendsResponse['groupBy'], fmt: I18n['fmt']): string {
  return groupBy === 'country' ? fmt.country(g.key) : g.label;
}

export default function TrendsPage() {
  const { t, fmt } = useI18n();
  const [filters, setFilters] = useFilters();
  const [params, setParams] = useViewParams();
  const metricId = useId();
  const intervalId = useId();
  const compact = useMediaQuery('(max-width: 640px)');
  useDocumentTitle(t('trends.title'));

  const metric = pick(TREND_METRICS, params.get('metric'), DEFAULT_METRIC);
  const interval = pick(TREND_INTERVALS, params.get('interval'), DEFAULT_INTERVAL);
  const rangeValid = isRangeValid(filters);
  const query = { metric, interval };
  const request = useAnalytics(rangeValid ? JSON.stringify(trendsQuery(filters, query)) : null, (tk, signal) => fetchTrends(tk, filters, query, signal));
  const loaded = request.status === 'success';
  const sites = useSiteOptions(loaded);

  const data = request.data;
  const loading = request.status === 'loading';
  const error = request.status === 'error' ? request.error : null;
  const periodLabel = usePeriodLabel(data?.interval ?? interval);
  const metricName = t(`trends.metric.${data?.metric ?? metric}` as const);

  const view = useMemo(() => {
    if (!data) return null;
    const labels: TrendLinesLabels = { suppressed: t('suppressed.label') };
    const groupLabel = (g: TrendGroup) => groupTitle(g, data.groupBy, fmt);
    const totalLabel = t('trends.totalLabel');
    const rows = trendRows(data, groupLabel, totalLabel);
    const texts = {
      overall: (v: { n: number; from: string; to: string; details: string }) => t('trends.aria', v),
      row: (v: { group: string; total: string; peak: string; peakPeriod: string; suppressed: number }) => t('trends.ariaRow', v),
      rowNoPeak: (v: { group: string; total: string; suppressed: number }) => t('trends.ariaRowNoPeak', v),
    };
    const base = { labels, periodLabel, groupLabel, totalLabel, formatNumber: fmt.number, fontFamily: CHART_FONT, compact };
    const totalsAria = describeTrendLines([rows.totals], rows.periods, periodLabel, texts, labels, fmt.number);
    const groupsAria = describeTrendLines(rows.groups, rows.periods, periodLabel, texts, labels, fmt.number);
    return {
      rows,
      totalsAria,
      groupsAria,
      totalsOption: transformProps(data, { ...base, part: 'totals', ariaDescription: totalsAria }),
      groupsOption: transformProps(data, { ...base, part: 'groups', ariaDescription: groupsAria }),
      table: trendTable(rows, periodLabel, { caption: t('trends.tableCaption', { metric: t(`trends.metric.${data.metric}` as const) }), period: t('trends.tablePeriod'), periodStart: t('trends.tablePeriodStart') }),
      suppressed: suppressedBuckets([rows.totals, ...rows.groups], rows.periods, periodLabel),
    };
  }, [data, fmt, t, periodLabel, compact]);

  const resetFilters = () => setFilters({ country: null, site: null, from: null, to: null, programme: null });
  const unit = t(`trends.unit.${data?.interval ?? interval}` as const);
  const groupByWord = t(`groupBy.${data?.groupBy ?? filters.groupBy}` as const).toLowerCase();

  const coarser = (
    <>
      {interval === 'month' ? (
        <button type="button" className="button" onClick={() => setParams({ interval: 'quarter' })}>
          {t('trends.useQuarters')}
        </button>
      ) : null}
      {interval !== 'year' ? (
        <button type="button" className="button" onClick={() => setParams({ interval: 'year' })}>
          {t('trends.useYears')}
        </button>
      ) : null}
      {filters.groupBy === 'site' ? (
        <button type="button" className="button" onClick={() => setFilters({ groupBy: 'country' })}>
          {t('trends.useCountry')}
        </button>
      ) : null}
    </>
  );

  let body: ReactNode;
  if (!rangeValid) {
    body = <StatePanel tone="warning" title={t('filters.rangeInvalid')} />;
  } else if (error) {
    body = <ErrorState error={error} onRetry={request.retry} onReset={resetFilters} />;
  } else if (!data || !view) {
    body = (
      <>
        <LoadingState />
        {interval === 'month' ? <p className="footnote">{t('trends.slow')}</p> : null}
      </>
    );
  } else if (data.groups.length === 0 && !hasShownFigures([view.rows.totals])) {
    body = <EmptyState onReset={resetFilters} />;
  } else if (allSuppressed([view.rows.totals, ...view.rows.groups])) {
    body = (
      <StatePanel tone="info" title={t('trends.allSuppressedTitle')} actions={coarser}>
        <p>{t('trends.allSuppressedBody', { interval: unit })}</p>
        <SuppressionNote minCell={data.minCell} />
      </StatePanel>
    );
  } else {
    const subtitle = [t('trends.period', { from: fmt.date(data.filters.from ?? view.rows.periods[0] ?? ''), to: fmt.date(data.filters.to ?? '') }), data.filters.country ? fmt.country(data.filters.country) : null, data.filters.site, data.filters.programme]
      .filter(Boolean)
      .join(' · ');
    const fileBase = ['meic', 'trends', data.metric, data.interval, data.filters.programme, data.filters.country, data.filters.site, filters.from, filters.to];
    const groupsShown = hasShownFigures(view.rows.groups);
    body = (
      <div className={loading ? 'is-updating' : undefined} aria-busy={loading}>
        <p className="meta-line">
          {subtitle}
          {data.generatedAt ? <> · {t('overview.generatedAt', { date: fmt.dateTime(data.generatedAt) })}</> : null}
          {loading ? (
            <span className="updating" role="status">
              {' '}
              · {t('state.updating')}
              {interval === 'month' ? ` ${t('trends.slow')}` : ''}
            </span>
          ) : null}
        </p>
        <DisclosureNote note={data.disclosure} />

        {hasShownFigures([view.rows.totals]) ? (
          <ChartPanel
            title={t('trends.totalsHeading', { metric: metricName })}
            subtitle={subtitle}
            fileParts={[...fileBase, 'total']}
            option={view.totalsOption}
            ariaLabel={view.totalsAria}
            height={trendLinesHeight(1, compact)}
            table={view.table}
            minCell={data.minCell}
          />
        ) : (
          // Groups shown, the whole selection not: it holds a group left out by disclosure control.
          <StatePanel tone="info" title={t('trends.totalsSuppressedTitle', { metric: metricName })} actions={coarser}>
            <p>{t('trends.totalsSuppressedBody', { interval: unit })}</p>
          </StatePanel>
        )}

        {data.groups.length > 0 ? (
          groupsShown ? (
            <ChartPanel
              title={t('trends.groupsHeading', { metric: metricName, groupBy: groupByWord })}
              subtitle={subtitle}
              fileParts={[...fileBase, 'by', data.groupBy]}
              option={view.groupsOption}
              ariaLabel={view.groupsAria}
              height={trendLinesHeight(view.rows.groups.length, compact)}
              table={view.table}
              minCell={data.minCell}
            />
          ) : (
            <StatePanel tone="info" title={t('trends.allSuppressedTitle')} actions={coarser}>
              <p>{t('trends.groupsSuppressed', { interval: unit, groupBy: groupByWord })}</p>
            </StatePanel>
          )
        ) : null}

        <p className="footnote">{t('trends.readingNote')}</p>
        {view.suppressed.length > 0 ? (
          <>
            <details className="trends-suppressed">
              <summary>{t('trends.suppressedHeading')}</summary>
              <ul>
                {view.suppressed.map((s) => (
                  <li key={s.key}>{t('trends.suppressedItem', { group: s.label, periods: s.periods.join(', ') })}</li>
                ))}
              </ul>
            </details>
            <SuppressionNote minCell={data.minCell} />
          </>
        ) : null}
      </div>
    );
  }

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('trends.title')}</h1>
        <p className="lead">{t('trends.subtitle')}</p>
      </div>

      <FilterBar filters={filters} onChange={(patch) => setFilters(patch)} available={AVAILABLE} sites={sites} />

      <div className="view-controls">
        <label htmlFor={metricId}>
          {t('trends.metricLabel')}
          <select id={metricId} value={metric} onChange={(e) => setParams({ metric: e.target.value === DEFAULT_METRIC ? null : e.target.value })}>
            {TREND_METRICS.map((m) => (
              <option key={m} value={m}>
                {t(`trends.metric.${m}` as const)}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={intervalId}>
          {t('trends.intervalLabel')}
          <select id={intervalId} value={interval} onChange={(e) => setParams({ interval: e.target.value === DEFAULT_INTERVAL ? null : e.target.value })}>
            {TREND_INTERVALS.map((i) => (
              <option key={i} value={i}>
                {t(`trends.interval.${i}` as const)}
              </option>
            ))}
          </select>
        </label>
      </div>

      {body}
    </div>
  );
}
