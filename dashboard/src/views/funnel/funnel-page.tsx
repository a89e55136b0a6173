import { useMemo, type ReactNode } from 'react';
import { overviewQuery } from '../../api/analytics';
import { ApiError } from '../../api/http';
import { fetchFunnel, type FunnelGroup, type FunnelResponse, type FunnelStepName } from '../../api/funnel';
import {
  anySuppressed,
  biggestLeak,
  describeFunnel,
  drawnSteps,
  funnelChartHeight,
  funnelRows,
  funnelTable,
  isEmptyFunnel,
  transformProps,
  type FunnelLabels,
  type FunnelMeasure,
  type FunnelRow,
} from '../../charts/funnel.transform';
import { ChartPanel } from '../../components/chart-panel';
import { DisclosureNote } from '../../components/disclosure-note';
import { StatePanel } from '../../components/state-panel';
import { SuppressionNote } from '../../components/suppressed';
import { EmptyState, ErrorState, LoadingState, useAnalytics, useDocumentTitle } from '../../components/view-states';
import { FilterBar } from '../../filters/filter-bar';
import { isRangeValid, type Filters } from '../../filters/filters';
import { useMediaQuery } from '../../hooks/use-media-query';
import { useI18n, type I18n } from '../../i18n/i18n';
import { useFilters } from '../../router/query';
import { findRoute } from '../../routes';
import { useSiteOptions } from '../../hooks/use-site-options';
import './funnel.css';

const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif';
const AVAILABLE = findRoute('/funnel')?.filters ?? [];

function groupTitle(g: FunnelGroup, groupBy: FunnelResponse['groupBy'], fmt: I18n['fmt']): string {
  return groupBy === 'country' ? fmt.country(g.key) : g.label;
}

function periodText(data: FunnelResponse, t: I18n['t'], fmt: I18n['fmt']): string {
  const { from, to } = data.filters;
  // The service echoes open ends as far-off dates; those mean "the whole period".
  const open = (!from || from <= '1900-01-01') && (!to || to >= '2299-12-31');
  return open ? t('overview.periodAll') : t('overview.period', { from: from && from > '1900-01-01' ? fmt.date(from) : '…', to: to && to < '2299-12-31' ? fmt.date(to) : '…' });
}

function selectionParts(filters: Filters, groupBy: string): (string | null)[] {
  return [filters.programme, filters.country, filters.site, filters.from, filters.to, `by-${groupBy}`];
}

function FunnelChart({ data, rows, measure, subtitle }: { data: FunnelResponse; rows: FunnelRow[]; measure: FunnelMeasure; subtitle: string }) {
  const { t, fmt } = useI18n();
  const [filters] = useFilters();
  const compact = useMediaQuery('(max-width: 640px)');

  const stepLabels = useMemo(
    (): Record<FunnelStepName, string> => ({
      enrolled: t('funnel.step.enrolled'),
      assessed: t('funnel.step.assessed'),
      trained: t('funnel.step.trained'),
      internship: t('funnel.step.internship'),
      placed: t('funnel.step.placed'),
      employed6: t('funnel.step.employed6'),
    }),
    [t],
  );

  const labels: FunnelLabels = useMemo(
    () => ({
      steps: stepLabels,
      suppressed: t('suppressed.label'),
      people: (n) => t('funnel.people', { n }),
      base: (numerator, denominator) => t('funnel.base', { numerator, denominator }),
    }),
    [t, stepLabels],
  );

  const chart = useMemo(() => {
    const formatRate = (v: number, lo: number | null, hi: number | null) => fmt.percentWithInterval(v, lo, hi);
    const ariaLabel = describeFunnel(
      rows,
      data.steps,
      { measure, labels, formatRate, list: fmt.list },
      {
        overall: (n, details) => t(measure === 'conversion' ? 'funnel.ariaConversion' : 'funnel.ariaShare', { n, details }),
        group: (v) => t('funnel.ariaGroup', v),
      },
    );
    const option = transformProps(data, {
      measure,
      labels,
      groupLabel: (g) => groupTitle(g, data.groupBy, fmt),
      totalLabel: t('funnel.totals'),
      formatNumber: fmt.number,
      formatPercent: (v) => fmt.percent(v),
      formatRate,
      ariaDescription: ariaLabel,
      fontFamily: CHART_FONT,
      compact,
    });
    return { option, ariaLabel, height: funnelChartHeight(rows.length, drawnSteps(data.steps).length) };
  }, [data, rows, measure, labels, fmt, t, compact]);

  const table = useMemo(
    () =>
      funnelTable(rows, {
        caption: t('funnel.tableCaption'),
        group: t('funnel.col.group'),
        step: t('funnel.col.step'),
        count: t('funnel.col.count'),
        share: t('funnel.col.share'),
        conversion: t('funnel.col.conversion'),
        steps: stepLabels,
      }),
    [rows, t, stepLabels],
  );

  const title = measure === 'conversion' ? t('funnel.conversionTitle') : t('funnel.shareTitle');
  return (
    <ChartPanel
      title={title}
      subtitle={subtitle}
      fileParts={['meic', 'funnel', measure, ...selectionParts(filters, data.groupBy)]}
      option={chart.option}
      ariaLabel={chart.ariaLabel}
      height={chart.height}
      table={table}
      minCell={data.minCell}
    >
      <p className="meta-line">{measure === 'conversion' ? t('funnel.conversionSubtitle') : t('funnel.shareSubtitle')}</p>
    </ChartPanel>
  );
}

function LeakSummary({ data, rows }: { data: FunnelResponse; rows: FunnelRow[] }) {
  const { t, fmt } = useI18n();
  const step = (s: FunnelStepName) => t(`funnel.step.${s}` as const);
  const total = rows.find((r) => r.total);
  const leak = total ? biggestLeak(total, data.steps) : null;
  const perGroup = rows.filter((r) => !r.total).map((r) => ({ row: r, leak: biggestLeak(r, data.steps) }));
  return (
    <section className="panel funnel-leaks" aria-labelledby="funnel-leak-heading">
      <h2 id="funnel-leak-heading" className="funnel-leaks__headline">
        {leak?.conversion.value != null
          ? t('funnel.leak', { from: step(leak.from), to: step(leak.to), rate: fmt.percentWithInterval(leak.conversion.value, leak.conversion.low, leak.conversion.high) })
          : t('funnel.leakNone')}
      </h2>
      {perGroup.length > 1 ? (
        <details>
          <summary>{t('funnel.leakGroup', { groupBy: t(`groupBy.${data.groupBy}` as const).toLowerCase() })}</summary>
          <ul className="funnel-leaks__list">
            {perGroup.map(({ row, leak: l }) => (
              <li key={row.key}>
                <strong>{row.label}</strong>:{' '}
                {l?.conversion.value != null ? `${step(l.from)} → ${step(l.to)}, ${fmt.percentWithInterval(l.conversion.value, l.conversion.low, l.conversion.high)}` : '–'}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

export default function FunnelPage() {
  const { t, fmt } = useI18n();
  const [filters, setFilters] = useFilters();
  useDocumentTitle(t('funnel.title'));

  const rangeValid = isRangeValid(filters);
  const request = useAnalytics(rangeValid ? `funnel|${JSON.stringify(overviewQuery(filters))}` : null, (tok, signal) => fetchFunnel(tok, filters, signal));

  const loaded = request.status === 'success';

  const sites = useSiteOptions(loaded);

  const data = request.data;
  const error = request.status === 'error' ? request.error : null;
  const loading = request.status === 'loading';
  const rows = useMemo(() => (data ? funnelRows(data, (g) => groupTitle(g, data.groupBy, fmt), t('funnel.totals')) : []), [data, fmt, t]);
  const resetFilters = () => setFilters({ country: null, site: null, from: null, to: null, programme: null });

  let body: ReactNode;
  if (!rangeValid) {
    body = <StatePanel tone="warning" title={t('filters.rangeInvalid')} />;
  } else if (error && !(error instanceof ApiError && error.kind === 'unauthorized')) {
    body = <ErrorState error={error} onRetry={request.retry} onReset={resetFilters} />;
  } else if (!data) {
    body = <LoadingState />;
  } else if (isEmptyFunnel(data)) {
    body = <EmptyState onReset={resetFilters} />;
  } else {
    const subtitle = `${periodText(data, t, fmt)} · ${t('filters.groupBy')}: ${t(`groupBy.${data.groupBy}` as const)}`;
    body = (
      <div className={loading ? 'is-updating' : undefined} aria-busy={loading}>
        <p className="meta-line">
          {periodText(data, t, fmt)}
          {data.generatedAt ? <> · {t('overview.generatedAt', { date: fmt.dateTime(data.generatedAt) })}</> : null}
          {loading ? (
            <span className="updating" role="status">
              {' '}
              · {t('state.updating')}
            </span>
          ) : null}
        </p>
        <DisclosureNote note={data.disclosure} />
        <LeakSummary data={data} rows={rows} />
        <FunnelChart data={data} rows={rows} measure="conversion" subtitle={subtitle} />
        <FunnelChart data={data} rows={rows} measure="share" subtitle={subtitle} />
        <p className="footnote">{t('funnel.note')}</p>
        <p className="footnote">{t('kpi.rateHelp')}.</p>
        {anySuppressed(rows) ? <SuppressionNote minCell={data.minCell} /> : null}
      </div>
    );
  }

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('funnel.title')}</h1>
        <p className="lead">{t('funnel.lead')}</p>
      </div>
      <FilterBar filters={filters} onChange={(patch) => setFilters(patch)} available={AVAILABLE} sites={sites} />
      {body}
    </div>
  );
}
