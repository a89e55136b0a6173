import { useMemo } from 'react';
import { overviewQuery } from '@/api/analytics';
import { fetchFunnel, type FunnelResponse, type FunnelStepName } from '@/api/funnel';
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
} from '@/charts/funnel.transform';
import { ChartPanel } from '@/components/chart-panel';
import { SuppressionNote } from '@/components/suppressed';
import { isRangeValid } from '@/filters/filters';
import { useCompact } from '@/hooks/use-media-query';
import { useI18n } from '@/i18n/i18n';
import { useFilters } from '@/router/query';
import { useViewData } from '@/shell/use-view-data';
import { ViewShell } from '@/shell/view-shell';
import { groupedSubtitle, groupTitle, periodText, selectionParts } from '@/shell/view-text';
import './funnel.css';

function FunnelChart({ data, rows, measure, subtitle }: { data: FunnelResponse; rows: FunnelRow[]; measure: FunnelMeasure; subtitle: string }) {
  const { t, fmt } = useI18n();
  const [filters] = useFilters();
  const compact = useCompact();

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
  const [filters] = useFilters();
  const request = useViewData(isRangeValid(filters) ? ['funnel', overviewQuery(filters)] : null, (tok, signal) => fetchFunnel(tok, filters, signal));
  const data = request.data;
  const rows = useMemo(() => (data ? funnelRows(data, (g) => groupTitle(g, data.groupBy, fmt), t('funnel.totals')) : []), [data, fmt, t]);

  return (
    <ViewShell
      title={t('funnel.title')}
      lead={t('funnel.lead')}
      state={request}
      isEmpty={isEmptyFunnel}
      meta={(d) => ({ text: periodText(d.filters, t, fmt), answer: d })}
    >
      {(d) => {
        const subtitle = groupedSubtitle(d, t, fmt);
        return (
          <>
            <LeakSummary data={d} rows={rows} />
            <FunnelChart data={d} rows={rows} measure="conversion" subtitle={subtitle} />
            <FunnelChart data={d} rows={rows} measure="share" subtitle={subtitle} />
            <p className="footnote">{t('funnel.note')}</p>
            <p className="footnote">{t('kpi.rateHelp')}.</p>
            {anySuppressed(rows) ? <SuppressionNote minCell={d.minCell} /> : null}
          </>
        );
      }}
    </ViewShell>
  );
}
