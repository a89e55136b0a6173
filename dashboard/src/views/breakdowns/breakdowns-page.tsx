import { useId, useMemo, type ReactNode } from 'react';
import {
  BREAKDOWN_DIMENSIONS,
  BREAKDOWN_METRICS,
  breakdownQuery,
  fetchBreakdown,
  type BreakdownDimension,
  type BreakdownGroup,
  type BreakdownMetric,
  type BreakdownResponse,
} from '../../api/breakdown';
import {
  breakdownHeight,
  breakdownRows,
  breakdownTable,
  describeBreakdown,
  shownCategories,
  showsGap,
  transformProps,
  type BreakdownLabels,
} from '../../charts/breakdown-bars.transform';
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
import { categoryLabel } from './category-label';

const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif';
const AVAILABLE = findRoute('/breakdowns')?.filters ?? [];
const DEFAULT_METRIC: BreakdownMetric = 'placementRate';
const DEFAULT_BY: BreakdownDimension = 'sex';

function pick<T extends string>(values: readonly T[], raw: string | null, fallback: T): T {
  return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : fallback;
}

function groupTitle(g: BreakdownGroup, groupBy: BreakdownResponse['groupBy'], fmt: I18n['fmt']): string {
  return groupBy === 'country' ? fmt.country(g.key) : g.label;
}

function anySuppressed(r: BreakdownResponse): boolean {
  return [r.totals, ...r.groups].some((u) => [u.total, ...u.categories].some((c) => c.count.suppressed || (c.rate?.suppressed ?? false)));
}

export default function BreakdownsPage() {
  const { t, fmt } = useI18n();
  const [filters, setFilters] = useFilters();
  const [params, setParams] = useViewParams();
  const metricId = useId();
  const byId = useId();
  const compact = useMediaQuery('(max-width: 640px)');
  useDocumentTitle(t('breakdowns.title'));

  const metric = pick(BREAKDOWN_METRICS, params.get('metric'), DEFAULT_METRIC);
  const by = pick(BREAKDOWN_DIMENSIONS, params.get('by'), DEFAULT_BY);
  const rangeValid = isRangeValid(filters);
  const query = { metric, by };
  const request = useAnalytics(rangeValid ? JSON.stringify(breakdownQuery(filters, query)) : null, (tk, signal) => fetchBreakdown(tk, filters, query, signal));
  const loaded = request.status === 'success';
  const sites = useSiteOptions(loaded);

  const data = request.data;
  const loading = request.status === 'loading';
  const error = request.status === 'error' ? request.error : null;

  const view = useMemo(() => {
    if (!data) return null;
    const catLabel = (c: string) => categoryLabel(data.by, c, { t, fmt });
    const groupLabel = (g: BreakdownGroup) => groupTitle(g, data.groupBy, fmt);
    const totalLabel = t('breakdowns.totalLabel');
    const metricName = t(`breakdowns.metric.${data.metric}` as const);
    const byName = t(`breakdowns.by.${data.by}` as const);
    const labels: BreakdownLabels = {
      suppressed: t('suppressed.label'),
      noOne: t('breakdowns.noOne'),
      gap: (points) => t('breakdowns.gap', { points }),
      gapWithInterval: (v) => t('breakdowns.gapInterval', v),
      gapSuppressed: t('breakdowns.gapSuppressed'),
      gapNone: t('breakdowns.gapNone'),
      gapAxis: t('breakdowns.gapAxis'),
      total: totalLabel,
    };
    const formatPercent = (n: number) => fmt.percent(n, 1);
    const rows = breakdownRows(data, groupLabel, totalLabel);
    const { shown, empty } = shownCategories(data);
    const ariaLabel = describeBreakdown(
      data,
      rows,
      catLabel,
      {
        overall: ({ n, details }) => t('breakdowns.aria', { metric: metricName, by: byName.toLowerCase(), n, details }),
        row: (v) => t('breakdowns.ariaRow', v),
        gap: (v) => t('breakdowns.ariaGap', v),
      },
      labels,
      fmt.number,
      formatPercent,
    );
    const countWord = data.metric === 'placementRate' ? t('breakdowns.tablePlaced') : metricName.toLowerCase();
    const table = breakdownTable(data, rows, catLabel, {
      caption: t('breakdowns.tableCaption', { metric: metricName, by: byName.toLowerCase() }),
      group: t('breakdowns.tableGroup'),
      total: t('breakdowns.tableTotal'),
      categoryCount: (category) => t('breakdowns.tableCount', { category, metric: countWord }),
      categoryRate: (category) => t('breakdowns.tableRate', { category }),
      totalCount: t('breakdowns.tableTotalCount', { metric: countWord }),
      totalRate: t('breakdowns.tableTotalRate'),
      gap: t('breakdowns.tableGap'),
      gapLow: t('breakdowns.tableGapLow'),
      gapHigh: t('breakdowns.tableGapHigh'),
      gapSuppressed: t('breakdowns.tableGapSuppressed'),
      gapNone: t('breakdowns.tableGapNone'),
    });
    const option = transformProps(data, { labels, categoryLabel: catLabel, groupLabel, totalLabel, formatNumber: fmt.number, formatPercent, ariaDescription: ariaLabel, fontFamily: CHART_FONT, compact });
    return {
      rows,
      option,
      ariaLabel,
      table,
      height: breakdownHeight(data, rows.length, shown.length),
      title: t('breakdowns.chartHeading', { metric: metricName, by: byName.toLowerCase() }),
      empty: empty.map(catLabel),
    };
  }, [data, t, fmt, compact]);

  const resetFilters = () => setFilters({ country: null, site: null, from: null, to: null, programme: null });

  let body: ReactNode;
  if (!rangeValid) {
    body = <StatePanel tone="warning" title={t('filters.rangeInvalid')} />;
  } else if (error) {
    body = <ErrorState error={error} onRetry={request.retry} onReset={resetFilters} />;
  } else if (!data || !view) {
    body = <LoadingState />;
  } else if (data.groups.length === 0 || view.rows.length === 0) {
    body = <EmptyState onReset={resetFilters} />;
  } else {
    const f = data.filters;
    // The service echoes 1900-01-01 … 2299-12-31 for an open period.
    const openPeriod = !filters.from && !filters.to;
    const subtitle = [
      openPeriod ? t('breakdowns.periodAll') : t('breakdowns.period', { from: f.from ? fmt.date(f.from) : '…', to: f.to ? fmt.date(f.to) : '…' }),
      f.country ? fmt.country(f.country) : null,
      f.site,
      f.programme,
    ]
      .filter(Boolean)
      .join(' · ');
    const rates = data.metric === 'placementRate';
    body = (
      <div className={loading ? 'is-updating' : undefined} aria-busy={loading}>
        <p className="meta-line">
          {subtitle}
          {data.generatedAt ? <> · {t('overview.generatedAt', { date: fmt.dateTime(data.generatedAt) })}</> : null}
          {loading ? (
            <span className="updating" role="status">
              {' '}
              · {t('state.updating')}
            </span>
          ) : null}
        </p>
        <DisclosureNote note={data.disclosure} />
        {!data.exhaustive ? <p className="notice notice--info">{t('breakdowns.notExhaustive')}</p> : null}
        <ChartPanel
          title={view.title}
          subtitle={subtitle}
          fileParts={['meic', 'breakdown', data.metric, 'by', data.by, data.groupBy, f.programme, f.country, f.site, filters.from, filters.to]}
          option={view.option}
          ariaLabel={view.ariaLabel}
          height={view.height}
          table={view.table}
          minCell={data.minCell}
          footer={
            <>
              {rates ? <p className="footnote">{t('breakdowns.rateHelp', { asOf: f.asOf ? fmt.date(f.asOf) : '…' })}</p> : null}
              {showsGap(data) ? <p className="footnote">{t('breakdowns.gapHelp')}</p> : null}
              {!rates && data.exhaustive ? <p className="footnote">{t('breakdowns.countHelpStacked')}</p> : null}
              {view.empty.length > 0 ? <p className="footnote">{t('breakdowns.emptyCategories', { list: fmt.list(view.empty) })}</p> : null}
            </>
          }
        />
        {anySuppressed(data) ? <SuppressionNote minCell={data.minCell} /> : null}
      </div>
    );
  }

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('breakdowns.title')}</h1>
        <p className="lead">{t('breakdowns.subtitle')}</p>
      </div>

      <FilterBar filters={filters} onChange={(patch) => setFilters(patch)} available={AVAILABLE} sites={sites} />

      <div className="view-controls">
        <label htmlFor={metricId}>
          {t('breakdowns.metricLabel')}
          <select id={metricId} value={metric} onChange={(e) => setParams({ metric: e.target.value === DEFAULT_METRIC ? null : e.target.value })}>
            {BREAKDOWN_METRICS.map((m) => (
              <option key={m} value={m}>
                {t(`breakdowns.metric.${m}` as const)}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={byId}>
          {t('breakdowns.byLabel')}
          <select id={byId} value={by} onChange={(e) => setParams({ by: e.target.value === DEFAULT_BY ? null : e.target.value })}>
            {BREAKDOWN_DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {t(`breakdowns.by.${d}` as const)}
              </option>
            ))}
          </select>
        </label>
      </div>

      {body}
    </div>
  );
}
