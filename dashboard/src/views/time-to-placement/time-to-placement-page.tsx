import { useId, useMemo } from 'react';
import { overviewQuery } from '@/api/analytics';
import { fetchTimeToPlacement, type TimeToPlacementResponse } from '@/api/time-to-placement';
import { describeKm, isDrawable, isEmptyKm, kmRows, kmTable, medianTable, riskTable, selectRows, transformProps, type KmRow } from '@/charts/km-curve.transform';
import { ChartPanel } from '@/components/chart-panel';
import { DataTableView } from '@/components/data-table-view';
import { Suppressed, SuppressionNote } from '@/components/suppressed';
import { isRangeValid } from '@/filters/filters';
import { useCompact } from '@/hooks/use-media-query';
import { useI18n } from '@/i18n/i18n';
import { useFilters, useViewParams } from '@/router/query';
import { useViewData } from '@/shell/use-view-data';
import { ViewShell } from '@/shell/view-shell';
import { groupedSubtitle, groupTitle, periodText, selectionParts } from '@/shell/view-text';
import './time-to-placement.css';

/** View parameter: the curves shown, comma-separated keys ("total" for all selected groups). */
const SHOW_PARAM = 'show';

function anySuppressed(rows: readonly KmRow[]): boolean {
  return rows.some((r) => r.data.suppressed || r.data.cohort.suppressed || r.data.events.suppressed || r.data.atRisk.some((a) => a.count.suppressed));
}

function CurvePicker({ rows, selected, onChange, minCell }: { rows: KmRow[]; selected: readonly string[]; onChange(keys: string[] | null): void; minCell: number }) {
  const { t } = useI18n();
  const hintId = useId();
  const toggle = (key: string, on: boolean) => {
    const next = rows.filter((r) => (r.key === key ? on : selected.includes(r.key))).map((r) => r.key);
    onChange(next);
  };
  return (
    <fieldset className="ttp-picker" aria-describedby={hintId}>
      <legend>{t('timeToPlacement.pickLegend')}</legend>
      <p id={hintId} className="muted ttp-picker__hint">
        {t('timeToPlacement.pickHint')}
      </p>
      <div className="ttp-picker__options">
        {rows.map((r) => {
          const drawable = isDrawable(r);
          return (
            <label key={r.key} className={drawable ? 'ttp-picker__option' : 'ttp-picker__option is-disabled'}>
              <input type="checkbox" checked={drawable && selected.includes(r.key)} disabled={!drawable} onChange={(e) => toggle(r.key, e.target.checked)} />
              <span className="ttp-picker__swatch" aria-hidden="true" style={{ borderTopColor: r.colour, borderTopStyle: r.dash, borderTopWidth: r.total ? 3 : 2 }} />
              <span>{r.label}</span>
              {drawable ? null : (
                <>
                  {' '}
                  (<Suppressed minCell={minCell} />)
                </>
              )}
            </label>
          );
        })}
      </div>
      <div className="ttp-picker__actions">
        <button type="button" className="button button--small" onClick={() => onChange(rows.filter(isDrawable).map((r) => r.key))}>
          {t('timeToPlacement.pickAll')}
        </button>
        <button type="button" className="button button--small" onClick={() => onChange(null)}>
          {t('timeToPlacement.pickDefault')}
        </button>
      </div>
    </fieldset>
  );
}

function KmPanel({ data, rows }: { data: TimeToPlacementResponse; rows: KmRow[] }) {
  const { t, fmt } = useI18n();
  const [filters] = useFilters();
  const [params, setParams] = useViewParams();
  const compact = useCompact();

  const asked = params.get(SHOW_PARAM);
  const selected = useMemo(() => selectRows(rows, asked === null ? null : asked.split(',')), [rows, asked]);
  // Only an explicit, valid choice goes in the URL; the default stays out of it.
  const setSelected = (keys: string[] | null) => setParams({ [SHOW_PARAM]: keys === null ? null : keys.length === 0 ? 'none' : keys.join(',') }, { replace: true });
  const noneChosen = asked === 'none';
  const shownKeys = useMemo(() => (noneChosen ? [] : selected), [noneChosen, selected]);
  const shown = useMemo(() => rows.filter((r) => shownKeys.includes(r.key)), [rows, shownKeys]);

  const chart = useMemo(() => {
    const ariaLabel = describeKm(
      shown,
      data.riskTimes,
      {
        overall: (n, details) => t('timeToPlacement.aria', { n, details }),
        group: (v) => t('timeToPlacement.ariaGroup', v),
        notReached: t('timeToPlacement.notReached'),
        notShown: t('timeToPlacement.notShown'),
      },
      fmt.number,
      (v, lo, hi) => fmt.percentWithInterval(v, lo, hi),
    );
    const option = transformProps(data, {
      labels: {
        xAxis: t('timeToPlacement.xAxis'),
        yAxis: t('timeToPlacement.yAxis'),
        median: t('timeToPlacement.medianLine'),
        day: (d) => t('timeToPlacement.day', { t: d }),
      },
      selected: shownKeys,
      groupLabel: (g) => groupTitle(g, data.groupBy, fmt),
      totalLabel: t('timeToPlacement.totals'),
      formatNumber: fmt.number,
      formatPercent: (v) => fmt.percent(v),
      formatRate: (v, lo, hi) => fmt.percentWithInterval(v, lo, hi),
      ariaDescription: ariaLabel,
      compact,
    });
    return { option, ariaLabel };
  }, [data, shown, shownKeys, t, fmt, compact]);

  const table = useMemo(
    () =>
      kmTable(shown, data.riskTimes, {
        caption: t('timeToPlacement.tableCaption'),
        group: t('timeToPlacement.col.group'),
        day: t('timeToPlacement.col.day'),
        atRisk: t('timeToPlacement.col.atRisk'),
        placed: t('timeToPlacement.col.placed'),
      }),
    [shown, data.riskTimes, t],
  );

  const risk = riskTable(shown, data.riskTimes, { caption: t('timeToPlacement.riskCaption'), group: t('timeToPlacement.col.group'), day: (d) => t('timeToPlacement.dayN', { t: fmt.number(d) }) });
  const medians = medianTable(
    rows,
    {
      caption: t('timeToPlacement.medianCaption'),
      group: t('timeToPlacement.col.group'),
      cohort: t('timeToPlacement.col.cohort'),
      events: t('timeToPlacement.col.events'),
      median: t('timeToPlacement.col.median'),
      shownTo: t('timeToPlacement.col.shownTo'),
      notReached: t('timeToPlacement.notReached'),
    },
    fmt.number,
  );

  const subtitle = groupedSubtitle(data, t, fmt);
  const suppressedRows = rows.filter((r) => !isDrawable(r));

  return (
    <>
      <ChartPanel
        title={t('timeToPlacement.chartTitle')}
        subtitle={subtitle}
        fileParts={['meic', 'time-to-placement', ...selectionParts(filters, data.groupBy)]}
        option={chart.option}
        ariaLabel={chart.ariaLabel}
        height={compact ? 360 : 440}
        table={table}
        minCell={data.minCell}
        footer={
          <div className="ttp-risk">
            <h3>{t('timeToPlacement.riskTitle')}</h3>
            <DataTableView table={risk} minCell={data.minCell} />
          </div>
        }
      >
        <p className="meta-line">{t('timeToPlacement.chartSubtitle')}</p>
        <CurvePicker rows={rows} selected={shownKeys} onChange={setSelected} minCell={data.minCell} />
        {shown.length === 0 ? <p className="notice notice--info">{t('timeToPlacement.noneSelected')}</p> : null}
        {suppressedRows.length > 0 ? (
          <ul className="ttp-suppressed">
            {suppressedRows.map((r) => (
              <li key={r.key}>{t('timeToPlacement.suppressedCurve', { group: r.label })}</li>
            ))}
          </ul>
        ) : null}
      </ChartPanel>
      <section className="panel" aria-labelledby="ttp-median-heading">
        <h2 id="ttp-median-heading">{t('timeToPlacement.medianTitle')}</h2>
        <DataTableView table={medians} minCell={data.minCell} />
        <p className="footnote">{t('timeToPlacement.medianNote')}</p>
      </section>
    </>
  );
}

export default function TimeToPlacementPage() {
  const { t, fmt } = useI18n();
  const [filters] = useFilters();
  const request = useViewData(isRangeValid(filters) ? ['ttp', overviewQuery(filters)] : null, (tok, signal) => fetchTimeToPlacement(tok, filters, signal));
  const data = request.data;
  const rows = useMemo(() => (data ? kmRows(data, (g) => groupTitle(g, data.groupBy, fmt), t('timeToPlacement.totals')) : []), [data, fmt, t]);

  return (
    <ViewShell
      title={t('timeToPlacement.title')}
      lead={t('timeToPlacement.lead')}
      state={request}
      isEmpty={isEmptyKm}
      meta={(d) => ({ text: periodText(d.filters, t, fmt), answer: d })}
    >
      {(d) => (
        <>
          <KmPanel data={d} rows={rows} />
          <p className="footnote">{t('timeToPlacement.truncNote', { minAtRisk: d.disclosure?.minAtRisk ?? d.minCell })}</p>
          <p className="footnote">{t('kpi.rateHelp')}.</p>
          {anySuppressed(rows) ? <SuppressionNote minCell={d.minCell} /> : null}
        </>
      )}
    </ViewShell>
  );
}
