import { useId, useMemo } from 'react';
import { fetchOverview, overviewQuery } from '@/api/analytics';
import { isGroupBy, type GroupBy, type OverviewFigures, type OverviewGroup, type OverviewResponse } from '@/api/types';
import { EChartsChart } from '@/charts/echarts-chart';
import { describeOverviewBars, overviewBarRows, overviewBarsHeight, transformProps, type OverviewBarsLabels } from '@/charts/overview-bars.transform';
import { SuppressionNote } from '@/components/suppressed';
import { isRangeValid } from '@/filters/filters';
import { useCompact } from '@/hooks/use-media-query';
import { useI18n, type I18n } from '@/i18n/i18n';
import { useFilters } from '@/router/query';
import { useViewData } from '@/shell/use-view-data';
import { ViewShell } from '@/shell/view-shell';
import { groupTitle, periodText } from '@/shell/view-text';
import { BehindTargetCallout } from './behind-target-callout';
import { KpiCard } from './kpi-card';
import { OverviewTable } from './overview-table';

function anySuppressed(f: OverviewFigures): boolean {
  return [f.enrolled, f.women, f.trained, f.internshipsStarted, f.placed, f.dropouts, f.placementRatePct].some((c) => c.suppressed);
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
  const [filters] = useFilters();
  const chartHeadingId = useId();
  const captionId = useId();
  const compact = useCompact();

  const overview = useViewData(isRangeValid(filters) ? [overviewQuery(filters)] : null, (token, signal) => fetchOverview(token, filters, signal));
  const data = overview.data;

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
    const option = transformProps(data, { labels: chartLabels, formatNumber: fmt.number, groupLabel, ariaDescription: ariaLabel, compact });
    return { rows, option, ariaLabel, height: overviewBarsHeight(rows.length) };
  }, [data, fmt, t, chartLabels, compact]);

  return (
    <ViewShell
      title={t('overview.title')}
      lead={t('overview.subtitle')}
      state={overview}
      isEmpty={(d) => d.groups.length === 0}
      meta={(d) => ({ text: periodText(d.filters, t, fmt), answer: d })}
    >
      {(d) => {
        // The contract types the overview's echo of groupBy as any string: read it as the grouping it is.
        const groupBy: GroupBy = isGroupBy(d.groupBy) ? d.groupBy : filters.groupBy;
        return (
          <>
            {d.groupBy === 'site' ? <BehindTargetCallout groups={d.groups} filters={filters} asOf={d.disclosure?.asOf ?? null} /> : null}

            <section aria-label={t('overview.totals')} className="totals">
              <KpiCard title={t('overview.totals')} figures={d.totals} minCell={d.minCell} variant="totals" />
            </section>

            <section className="panel" aria-labelledby={chartHeadingId}>
              <h2 id={chartHeadingId}>{t('overview.chartHeading')}</h2>
              {chart ? <EChartsChart option={chart.option} ariaLabel={chart.ariaLabel} height={chart.height} /> : null}
              {chart ? <OverviewTable rows={chart.rows} totals={d.totals} minCell={d.minCell} captionId={captionId} /> : null}
            </section>

            <section aria-labelledby="groups-heading">
              <h2 id="groups-heading" className="section-title">
                {t('overview.groupsHeading', { groupBy: t(`groupBy.${groupBy}` as const).toLowerCase() })}
              </h2>
              <div className="card-grid">
                {d.groups.map((g) => (
                  <KpiCard key={g.key} title={cardTitle(g, d.groupBy, fmt)} meta={groupMeta(g, d.groupBy, fmt)} figures={g} minCell={d.minCell} />
                ))}
              </div>
            </section>

            <p className="footnote">{t('kpi.rateHelp')}.</p>
            {anySuppressed(d.totals) || d.groups.some(anySuppressed) ? <SuppressionNote minCell={d.minCell} /> : null}
          </>
        );
      }}
    </ViewShell>
  );
}
