import { useMemo } from 'react';
import { fetchTrends, trendsQuery, TREND_INTERVALS, TREND_METRICS, type TrendGroup, type TrendInterval, type TrendMetric } from '@/api/trends';
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
} from '@/charts/trend-lines.transform';
import { ChartPanel } from '@/components/chart-panel';
import { StatePanel } from '@/components/state-panel';
import { SuppressionNote } from '@/components/suppressed';
import { isRangeValid } from '@/filters/filters';
import { useCompact } from '@/hooks/use-media-query';
import { useI18n } from '@/i18n/i18n';
import { useFilters, useViewParams } from '@/router/query';
import { useViewData } from '@/shell/use-view-data';
import { withModel } from '@/shell/view-data';
import { paramSelect, readParam, type ViewParam } from '@/shell/view-params';
import { ViewShell } from '@/shell/view-shell';
import { groupTitle } from '@/shell/view-text';
import './trends.css';

const METRIC: ViewParam<TrendMetric> = { name: 'metric', values: TREND_METRICS, fallback: 'enrolled' };
// Quarters by default: monthly counts per site are mostly below the disclosure threshold
// on a programme this size, and take the service much longer to compute.
const INTERVAL: ViewParam<TrendInterval> = { name: 'interval', values: TREND_INTERVALS, fallback: 'quarter' };

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

export default function TrendsPage() {
  const { t, fmt } = useI18n();
  const [filters, setFilters] = useFilters();
  const [params, setParams] = useViewParams();
  const compact = useCompact();

  const metric = readParam(params, METRIC);
  const interval = readParam(params, INTERVAL);
  const query = { metric, interval };
  const request = useViewData(isRangeValid(filters) ? [trendsQuery(filters, query)] : null, (tk, signal) => fetchTrends(tk, filters, query, signal));

  const data = request.data;
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
    const base = { labels, periodLabel, groupLabel, totalLabel, formatNumber: fmt.number, compact };
    const totalsAria = describeTrendLines([rows.totals], rows.periods, periodLabel, texts, labels, fmt.number);
    const groupsAria = describeTrendLines(rows.groups, rows.periods, periodLabel, texts, labels, fmt.number);
    const subtitle = [
      t('trends.period', { from: fmt.date(data.filters.from ?? rows.periods[0] ?? ''), to: fmt.date(data.filters.to ?? '') }),
      data.filters.country ? fmt.country(data.filters.country) : null,
      data.filters.site,
      data.filters.programme,
    ]
      .filter(Boolean)
      .join(' · ');
    return {
      data,
      rows,
      subtitle,
      totalsAria,
      groupsAria,
      totalsOption: transformProps(data, { ...base, part: 'totals', ariaDescription: totalsAria }),
      groupsOption: transformProps(data, { ...base, part: 'groups', ariaDescription: groupsAria }),
      table: trendTable(rows, periodLabel, { caption: t('trends.tableCaption', { metric: t(`trends.metric.${data.metric}` as const) }), period: t('trends.tablePeriod'), periodStart: t('trends.tablePeriodStart') }),
      suppressed: suppressedBuckets([rows.totals, ...rows.groups], rows.periods, periodLabel),
    };
  }, [data, fmt, t, periodLabel, compact]);

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

  return (
    <ViewShell
      title={t('trends.title')}
      lead={t('trends.subtitle')}
      params={[
        paramSelect(METRIC, t('trends.metricLabel'), (m) => t(`trends.metric.${m}` as const)),
        paramSelect(INTERVAL, t('trends.intervalLabel'), (i) => t(`trends.interval.${i}` as const)),
      ]}
      state={withModel(request, view)}
      slowNote={interval === 'month' ? t('trends.slow') : null}
      isEmpty={(v) => v.data.groups.length === 0 && !hasShownFigures([v.rows.totals])}
      instead={(v) =>
        allSuppressed([v.rows.totals, ...v.rows.groups]) ? (
          <StatePanel tone="info" title={t('trends.allSuppressedTitle')} actions={coarser}>
            <p>{t('trends.allSuppressedBody', { interval: unit })}</p>
            <SuppressionNote minCell={v.data.minCell} />
          </StatePanel>
        ) : null
      }
      meta={(v) => ({ text: v.subtitle, answer: v.data })}
    >
      {({ data: d, rows, subtitle, ...v }) => {
        const fileBase = ['meic', 'trends', d.metric, d.interval, d.filters.programme, d.filters.country, d.filters.site, filters.from, filters.to];
        return (
          <>
            {hasShownFigures([rows.totals]) ? (
              <ChartPanel
                title={t('trends.totalsHeading', { metric: metricName })}
                subtitle={subtitle}
                fileParts={[...fileBase, 'total']}
                option={v.totalsOption}
                ariaLabel={v.totalsAria}
                height={trendLinesHeight(1, compact)}
                table={v.table}
                minCell={d.minCell}
              />
            ) : (
              // Groups shown, the whole selection not: it holds a group left out by disclosure control.
              <StatePanel tone="info" title={t('trends.totalsSuppressedTitle', { metric: metricName })} actions={coarser}>
                <p>{t('trends.totalsSuppressedBody', { interval: unit })}</p>
              </StatePanel>
            )}

            {d.groups.length > 0 ? (
              hasShownFigures(rows.groups) ? (
                <ChartPanel
                  title={t('trends.groupsHeading', { metric: metricName, groupBy: groupByWord })}
                  subtitle={subtitle}
                  fileParts={[...fileBase, 'by', d.groupBy]}
                  option={v.groupsOption}
                  ariaLabel={v.groupsAria}
                  height={trendLinesHeight(rows.groups.length, compact)}
                  table={v.table}
                  minCell={d.minCell}
                />
              ) : (
                <StatePanel tone="info" title={t('trends.allSuppressedTitle')} actions={coarser}>
                  <p>{t('trends.groupsSuppressed', { interval: unit, groupBy: groupByWord })}</p>
                </StatePanel>
              )
            ) : null}

            <p className="footnote">{t('trends.readingNote')}</p>
            {v.suppressed.length > 0 ? (
              <>
                <details className="trends-suppressed">
                  <summary>{t('trends.suppressedHeading')}</summary>
                  <ul>
                    {v.suppressed.map((s) => (
                      <li key={s.key}>{t('trends.suppressedItem', { group: s.label, periods: s.periods.join(', ') })}</li>
                    ))}
                  </ul>
                </details>
                <SuppressionNote minCell={d.minCell} />
              </>
            ) : null}
          </>
        );
      }}
    </ViewShell>
  );
}
