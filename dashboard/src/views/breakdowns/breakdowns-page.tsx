import { useMemo } from 'react';
import { BREAKDOWN_DIMENSIONS, BREAKDOWN_METRICS, breakdownQuery, fetchBreakdown, type BreakdownDimension, type BreakdownGroup, type BreakdownMetric, type BreakdownResponse } from '@/api/breakdown';
import {
  breakdownHeight,
  breakdownRows,
  breakdownTable,
  describeBreakdown,
  shownCategories,
  showsGap,
  transformProps,
  type BreakdownLabels,
} from '@/charts/breakdown-bars.transform';
import { ChartPanel } from '@/components/chart-panel';
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
import { categoryLabel } from './category-label';

const METRIC: ViewParam<BreakdownMetric> = { name: 'metric', values: BREAKDOWN_METRICS, fallback: 'placementRate' };
const BY: ViewParam<BreakdownDimension> = { name: 'by', values: BREAKDOWN_DIMENSIONS, fallback: 'sex' };

function anySuppressed(r: BreakdownResponse): boolean {
  return [r.totals, ...r.groups].some((u) => [u.total, ...u.categories].some((c) => c.count.suppressed || (c.rate?.suppressed ?? false)));
}

export default function BreakdownsPage() {
  const { t, fmt } = useI18n();
  const [filters] = useFilters();
  const [params] = useViewParams();
  const compact = useCompact();

  const query = { metric: readParam(params, METRIC), by: readParam(params, BY) };
  const request = useViewData(isRangeValid(filters) ? [breakdownQuery(filters, query)] : null, (tk, signal) => fetchBreakdown(tk, filters, query, signal));
  const data = request.data;

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
    const option = transformProps(data, { labels, categoryLabel: catLabel, groupLabel, totalLabel, formatNumber: fmt.number, formatPercent, ariaDescription: ariaLabel, compact });
    return {
      data,
      rows,
      option,
      ariaLabel,
      table,
      height: breakdownHeight(data, rows.length, shown.length),
      title: t('breakdowns.chartHeading', { metric: metricName, by: byName.toLowerCase() }),
      empty: empty.map(catLabel),
    };
  }, [data, t, fmt, compact]);

  /** The selection the figures are for; the service echoes 1900-01-01 … 2299-12-31 for an open period. */
  const subtitleOf = (f: BreakdownResponse['filters']) =>
    [
      !filters.from && !filters.to ? t('breakdowns.periodAll') : t('breakdowns.period', { from: f.from ? fmt.date(f.from) : '…', to: f.to ? fmt.date(f.to) : '…' }),
      f.country ? fmt.country(f.country) : null,
      f.site,
      f.programme,
    ]
      .filter(Boolean)
      .join(' · ');

  return (
    <ViewShell
      title={t('breakdowns.title')}
      lead={t('breakdowns.subtitle')}
      params={[
        paramSelect(METRIC, t('breakdowns.metricLabel'), (m) => t(`breakdowns.metric.${m}` as const)),
        paramSelect(BY, t('breakdowns.byLabel'), (d) => t(`breakdowns.by.${d}` as const)),
      ]}
      state={withModel(request, view)}
      isEmpty={(v) => v.data.groups.length === 0 || v.rows.length === 0}
      meta={(v) => ({ text: subtitleOf(v.data.filters), answer: v.data })}
    >
      {({ data: d, ...v }) => {
        const f = d.filters;
        const rates = d.metric === 'placementRate';
        return (
          <>
            {!d.exhaustive ? <p className="notice notice--info">{t('breakdowns.notExhaustive')}</p> : null}
            <ChartPanel
              title={v.title}
              subtitle={subtitleOf(f)}
              fileParts={['meic', 'breakdown', d.metric, 'by', d.by, d.groupBy, f.programme, f.country, f.site, filters.from, filters.to]}
              option={v.option}
              ariaLabel={v.ariaLabel}
              height={v.height}
              table={v.table}
              minCell={d.minCell}
              footer={
                <>
                  {rates ? <p className="footnote">{t('breakdowns.rateHelp', { asOf: f.asOf ? fmt.date(f.asOf) : '…' })}</p> : null}
                  {showsGap(d) ? <p className="footnote">{t('breakdowns.gapHelp')}</p> : null}
                  {!rates && d.exhaustive ? <p className="footnote">{t('breakdowns.countHelpStacked')}</p> : null}
                  {v.empty.length > 0 ? <p className="footnote">{t('breakdowns.emptyCategories', { list: fmt.list(v.empty) })}</p> : null}
                </>
              }
            />
            {anySuppressed(d) ? <SuppressionNote minCell={d.minCell} /> : null}
          </>
        );
      }}
    </ViewShell>
  );
}
