import { useEffect, useId, useMemo, type ReactNode } from 'react';
import { fetchOverview, overviewQuery } from '../../api/analytics';
import { ApiError } from '../../api/http';
import { isGroupBy, type GroupBy, type OverviewFigures, type OverviewGroup, type OverviewResponse } from '../../api/types';
import { useAuth } from '../../auth/auth';
import { EChartsChart } from '../../charts/echarts-chart';
import {
  describeOverviewBars,
  overviewBarRows,
  overviewBarsHeight,
  transformProps,
  type OverviewBarsLabels,
} from '../../charts/overview-bars.transform';
import { StatePanel } from '../../components/state-panel';
import { DisclosureNote } from '../../components/disclosure-note';
import { ErrorState, LoadingState } from '../../components/view-states';
import { SuppressionNote } from '../../components/suppressed';
import { FilterBar } from '../../filters/filter-bar';
import { isRangeValid } from '../../filters/filters';
import { useMediaQuery } from '../../hooks/use-media-query';
import { useRequest } from '../../hooks/use-request';
import { useI18n, type I18n } from '../../i18n/i18n';
import { useFilters } from '../../router/query';
import { findRoute } from '../../routes';
import { BehindTargetCallout } from './behind-target-callout';
import { KpiCard } from './kpi-card';
import { useSiteOptions } from '../../hooks/use-site-options';
import { OverviewTable } from './overview-table';

const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif';
const AVAILABLE = findRoute('/overview')?.filters ?? [];

function anySuppressed(f: OverviewFigures): boolean {
  return [f.enrolled, f.women, f.trained, f.internshipsStarted, f.placed, f.dropouts, f.placementRatePct].some((c) => c.suppressed);
}

/** Chart and table label: country names in the UI language, other labels as the API gives them. */
function groupTitle(g: OverviewGroup, groupBy: OverviewResponse['groupBy'], fmt: I18n['fmt']): string {
  return groupBy === 'country' ? fmt.country(g.key) : g.label;
}

/** Card title: as groupTitle, without a trailing "(KEY)" since the card shows the key beside it. */
function cardTitle(g: OverviewGroup, groupBy: OverviewResponse['groupBy'], fmt: I18n['fmt']): string {
  const title = groupTitle(g, groupBy, fmt);
  const suffix = ` (${g.key})`;
  return title.endsWith(suffix) && title.length > suffix.length ? title.slice(0, -suffix.length) : title;
}

function groupMeta(g: OverviewGroup, groupBy: OverviewResponse['groupBy'], fmt: I18n['fmt']): string[] {
  if (groupBy === 'site') return [g.key, ...(g.country ? [fmt.country(g.country)] : []), ...(g.programme ? [g.programme] : [])];
  if (groupBy === 'country') return [g.key, ...(g.programme ? [g.programme] : [])];
  return [];
}

export default function OverviewPage() {
  const { t, fmt } = useI18n();
  const { token, signOut } = useAuth();
  const [filters, setFilters] = useFilters();
  const chartHeadingId = useId();
  const captionId = useId();
  const compact = useMediaQuery('(max-width: 640px)');

  const rangeValid = isRangeValid(filters);
  const requestKey = token && rangeValid ? `${token}|${JSON.stringify(overviewQuery(filters))}` : null;
  const overview = useRequest(requestKey, (signal) => fetchOverview(token ?? '', filters, signal));

  useEffect(() => {
    document.title = `${t('overview.title')} · ${t('app.name')}`;
  }, [t]);

  // Options for the filter bar: the sites this role may see. Asked again after the
  // service comes back if the first attempt failed.
  const loaded = overview.status === 'success';
  const sites = useSiteOptions(loaded);

  const error = overview.status === 'error' ? overview.error : null;
  useEffect(() => {
    if (error instanceof ApiError && error.kind === 'unauthorized') signOut('notice.sessionEnded');
  }, [error, signOut]);

  const data = overview.data;
  // The contract types the overview's echo of groupBy as any string: read it as the grouping it is.
  const groupBy: GroupBy = data && isGroupBy(data.groupBy) ? data.groupBy : filters.groupBy;
  const loading = overview.status === 'loading';

  const chartLabels: OverviewBarsLabels = useMemo(
    () => ({
      enrolled: t('chart.enrolled'),
      enrolledTarget: t('chart.enrolledTarget'),
      placed: t('chart.placed'),
      placedTarget: t('chart.placedTarget'),
      suppressed: t('suppressed.label'),
      noTarget: t('chart.noTarget'),
    }),
    [t],
  );

  const chart = useMemo(() => {
    if (!data) return null;
    const groupLabel = (g: OverviewGroup) => groupTitle(g, data.groupBy, fmt);
    const rows = overviewBarRows(data, groupLabel);
    const ariaLabel = describeOverviewBars(
      rows,
      {
        overall: (n, details) => t('chart.aria', { n, details }),
        group: (v) => t('chart.ariaGroup', v),
      },
      chartLabels,
      fmt.number,
    );
    const option = transformProps(data, { labels: chartLabels, formatNumber: fmt.number, groupLabel, ariaDescription: ariaLabel, fontFamily: CHART_FONT, compact });
    return { rows, option, ariaLabel, height: overviewBarsHeight(rows.length) };
  }, [data, fmt, t, chartLabels, compact]);

  const resetFilters = () => setFilters({ country: null, site: null, from: null, to: null, programme: null });

  let body: ReactNode;
  if (!rangeValid) {
    body = <StatePanel tone="warning" title={t('filters.rangeInvalid')} />;
  } else if (error && !(error instanceof ApiError && error.kind === 'unauthorized')) {
    body = <ErrorState error={error} onRetry={overview.retry} onReset={resetFilters} />;
  } else if (!data) {
    body = <LoadingState />;
  } else if (data.groups.length === 0) {
    body = (
      <StatePanel
        tone="info"
        title={t('state.emptyTitle')}
        actions={
          <button type="button" className="button" onClick={resetFilters}>
            {t('filters.reset')}
          </button>
        }
      >
        <p>{t('state.emptyBody')}</p>
      </StatePanel>
    );
  } else {
    const showNote = anySuppressed(data.totals) || data.groups.some(anySuppressed);
    body = (
      <div className={loading ? 'is-updating' : undefined} aria-busy={loading}>
        <p className="meta-line">
          {data.filters.from || data.filters.to
            ? t('overview.period', { from: data.filters.from ? fmt.date(data.filters.from) : '…', to: data.filters.to ? fmt.date(data.filters.to) : '…' })
            : t('overview.periodAll')}
          {data.generatedAt ? <> · {t('overview.generatedAt', { date: fmt.dateTime(data.generatedAt) })}</> : null}
          {loading ? (
            <span className="updating" role="status">
              {' '}
              · {t('state.updating')}
            </span>
          ) : null}
        </p>
        <DisclosureNote note={data.disclosure} />

        {data.groupBy === 'site' ? <BehindTargetCallout groups={data.groups} filters={filters} asOf={data.disclosure?.asOf ?? null} /> : null}

        <section aria-label={t('overview.totals')} className="totals">
          <KpiCard title={t('overview.totals')} figures={data.totals} minCell={data.minCell} variant="totals" />
        </section>

        <section className="panel" aria-labelledby={chartHeadingId}>
          <h2 id={chartHeadingId}>{t('overview.chartHeading')}</h2>
          {chart ? <EChartsChart option={chart.option} ariaLabel={chart.ariaLabel} height={chart.height} /> : null}
          {chart ? <OverviewTable rows={chart.rows} totals={data.totals} minCell={data.minCell} captionId={captionId} /> : null}
        </section>

        <section aria-labelledby="groups-heading">
          <h2 id="groups-heading" className="section-title">
            {t('overview.groupsHeading', { groupBy: t(`groupBy.${groupBy}` as const).toLowerCase() })}
          </h2>
          <div className="card-grid">
            {data.groups.map((g) => (
              <KpiCard key={g.key} title={cardTitle(g, data.groupBy, fmt)} meta={groupMeta(g, data.groupBy, fmt)} figures={g} minCell={data.minCell} />
            ))}
          </div>
        </section>

        <p className="footnote">{t('kpi.rateHelp')}.</p>
        {showNote ? <SuppressionNote minCell={data.minCell} /> : null}
      </div>
    );
  }

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('overview.title')}</h1>
        <p className="lead">{t('overview.subtitle')}</p>
      </div>

      <FilterBar filters={filters} onChange={(patch) => setFilters(patch)} available={AVAILABLE} sites={sites} />

      {filters.programme && !AVAILABLE.includes('programme') ? (
        <p className="notice notice--info">
          {t('filters.programmeIgnored', { programme: filters.programme })}{' '}
          <button type="button" className="link-button" onClick={() => setFilters({ programme: null })}>
            {t('filters.removeProgramme')}
          </button>
        </p>
      ) : null}

      {body}
    </div>
  );
}
