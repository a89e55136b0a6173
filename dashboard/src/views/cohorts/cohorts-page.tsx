import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { SiteOption } from '@/api/analytics';
import { COHORT_ACTIVITIES, EMPTY_COHORT, cohortsQuery, fetchCohorts, type CohortDefinition, type CohortField, type CohortsResponse } from '@/api/cohorts';
import { cohortChartHeight, cohortRateRows, cohortTable, describeCohortRates, transformProps, type CohortLabels } from '@/charts/cohort-compare.transform';
import { ChartPanel } from '@/components/chart-panel';
import { SuppressionNote } from '@/components/suppressed';
import { EmptyState } from '@/components/view-states';
import { useCompact } from '@/hooks/use-media-query';
import { useSiteCatalogue } from '@/hooks/use-site-options';
import { useI18n, type I18n } from '@/i18n/i18n';
import type { MessageKey } from '@/i18n/messages';
import { useViewParams } from '@/router/query';
import { useViewData } from '@/shell/use-view-data';
import { withModel } from '@/shell/view-data';
import { ViewShell } from '@/shell/view-shell';
import { COHORT_NAMES, cohortParamsPatch, defaultCohorts, isCohortRangeValid, parseCohortParams, type CohortName } from './cohort-params';
import './cohorts.css';

function activityLabel(t: I18n['t'], activity: string): string {
  return t(`cohorts.activity.${activity}` as MessageKey);
}

/** "LIME · Italy · enrolled 1 Jan 2025 – … · with “Started an internship”", or "all participants". */
function describeCohort(def: CohortDefinition, sites: readonly SiteOption[], { t, fmt }: Pick<I18n, 't' | 'fmt'>): string {
  const parts: string[] = [];
  if (def.programme) parts.push(def.programme);
  if (def.country) parts.push(fmt.country(def.country));
  if (def.site) parts.push(sites.find((s) => s.code === def.site)?.label ?? def.site);
  if (def.enrolledFrom || def.enrolledTo) {
    parts.push(t('cohorts.enrolledRange', { from: def.enrolledFrom ? fmt.date(def.enrolledFrom) : '…', to: def.enrolledTo ? fmt.date(def.enrolledTo) : '…' }));
  }
  if (def.activity) parts.push(t('cohorts.withActivity', { activity: activityLabel(t, def.activity) }));
  return parts.length ? parts.join(' · ') : t('cohorts.everyone');
}

function anySuppressed(r: CohortsResponse): boolean {
  return [r.a, r.b].some(
    (c) =>
      c.enrolled.suppressed ||
      c.placementWithin6Months.rate.suppressed ||
      c.placementWithin6Months.observed.suppressed ||
      c.placementWithin6Months.notYetObservable.suppressed ||
      c.placementWithin12Months.rate.suppressed ||
      c.placementWithin12Months.observed.suppressed ||
      c.placementWithin12Months.notYetObservable.suppressed ||
      c.medianDaysToPlacement.suppressed ||
      c.dropoutRate.suppressed ||
      c.employedAt6Months.suppressed,
  );
}

interface CohortFieldsetProps {
  name: CohortName;
  value: CohortDefinition;
  sites: readonly SiteOption[];
  onChange(field: CohortField, value: string | null): void;
}

function CohortFieldset({ name, value, sites, onChange }: CohortFieldsetProps) {
  const { t, fmt } = useI18n();
  const id = useId();
  const letter = name.toUpperCase();

  const programmes = useMemo(() => {
    const codes = new Set(sites.map((s) => s.programme).filter((p): p is string => Boolean(p)));
    if (value.programme) codes.add(value.programme);
    return [...codes].sort();
  }, [sites, value.programme]);
  const countries = useMemo(() => {
    const codes = new Set(sites.map((s) => s.country).filter((c): c is string => Boolean(c)));
    if (value.country) codes.add(value.country);
    return [...codes].map((code) => ({ code, name: fmt.country(code) })).sort((x, y) => x.name.localeCompare(y.name, fmt.locale));
  }, [sites, value.country, fmt]);
  const siteOptions = useMemo(() => {
    // Only sites that fit the chosen programme and country: other pairs would be empty cohorts.
    const list = sites
      .filter((s) => (!value.programme || s.programme === value.programme) && (!value.country || s.country === value.country))
      .map((s) => ({ code: s.code, label: s.label }));
    if (value.site && !list.some((s) => s.code === value.site)) list.push({ code: value.site, label: value.site });
    return list.sort((x, y) => x.label.localeCompare(y.label, fmt.locale));
  }, [sites, value.site, value.programme, value.country, fmt]);
  const activities = useMemo(
    () => COHORT_ACTIVITIES.map((a) => ({ code: a, label: activityLabel(t, a) })),
    [t],
  );

  const select = (field: CohortField, label: string, options: { code: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <select id={`${id}-${field}`} value={value[field] ?? ''} onChange={(e) => onChange(field, e.target.value || null)}>
        <option value="">{t('cohorts.any')}</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const date = (field: 'enrolledFrom' | 'enrolledTo', label: string) => (
    <div className="field field--date">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <input id={`${id}-${field}`} type="date" value={value[field] ?? ''} onChange={(e) => onChange(field, e.target.value || null)} />
    </div>
  );

  return (
    <fieldset>
      <legend>
        <span className={`cohort-swatch cohort-swatch--${name}`} aria-hidden="true" />
        {t('cohorts.cohort', { name: letter })}
      </legend>
      {select('programme', t('cohorts.programme'), programmes.map((p) => ({ code: p, label: p })))}
      {select('country', t('cohorts.country'), countries.map((c) => ({ code: c.code, label: c.name })))}
      {select('site', t('cohorts.site'), siteOptions)}
      {date('enrolledFrom', t('cohorts.enrolledFrom'))}
      {date('enrolledTo', t('cohorts.enrolledTo'))}
      {select('activity', t('cohorts.activity'), activities)}
    </fieldset>
  );
}

export default function CohortsPage() {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const [params, setParams] = useViewParams();
  const compact = useCompact();

  // The site catalogue gives the form its options and the default comparison its cohorts
  // (without it the form still works: typed-in URL, default LIME vs AMIL).
  const sites = useSiteCatalogue();

  const fromUrl = useMemo(() => parseCohortParams(params), [params]);
  const applied = useMemo(() => (fromUrl.given || sites === null ? fromUrl : defaultCohorts(sites)), [fromUrl, sites]);
  const appliedKey = JSON.stringify(cohortsQuery(applied.a, applied.b));

  // The form edits a draft; only "Compare" writes the URL (and so loads figures).
  const [draft, setDraft] = useState(applied);
  const [submitted, setSubmitted] = useState(false);
  useEffect(() => {
    setDraft(applied);
    setSubmitted(false);
    // Keyed on appliedKey, not `applied`: reset the draft only when the applied cohorts change.
  }, [appliedKey]);
  const dirty = JSON.stringify(cohortsQuery(draft.a, draft.b)) !== appliedKey;
  const draftErrors = COHORT_NAMES.filter((n) => !isCohortRangeValid(draft[n]));

  const valid = isCohortRangeValid(applied.a) && isCohortRangeValid(applied.b);
  const waitingForDefault = !fromUrl.given && sites === null;
  const request = useViewData(valid && !waitingForDefault ? [cohortsQuery(applied.a, applied.b)] : null, (tk, signal) => fetchCohorts(tk, applied, signal));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (draftErrors.length) return;
    setParams(cohortParamsPatch(draft.a, draft.b));
  };
  const resetDefault = () => {
    // No cohort in the URL means the default comparison.
    setParams(cohortParamsPatch(EMPTY_COHORT, EMPTY_COHORT));
  };

  const siteList = useMemo(() => sites ?? [], [sites]);
  const data = request.data;
  const names = useMemo(
    () => ({
      a: t('cohorts.name', { name: 'A', description: describeCohort(data?.a.definition ?? applied.a, siteList, i18n) }),
      b: t('cohorts.name', { name: 'B', description: describeCohort(data?.b.definition ?? applied.b, siteList, i18n) }),
    }),
    [t, data, applied, siteList, i18n],
  );

  const labels: CohortLabels = useMemo(
    () => ({
      a: names.a,
      b: names.b,
      rates: {
        placementWithin6Months: t('cohorts.placed6'),
        placementWithin12Months: t('cohorts.placed12'),
        dropoutRate: t('cohorts.dropout'),
        employedAt6Months: t('cohorts.employed6'),
      },
      enrolled: t('cohorts.enrolled'),
      observed6: t('cohorts.observed6'),
      notYetObservable6: t('cohorts.notYet6'),
      observed12: t('cohorts.observed12'),
      notYetObservable12: t('cohorts.notYet12'),
      medianDays: t('cohorts.medianDays'),
      medianLow: t('cohorts.medianLow'),
      medianHigh: t('cohorts.medianHigh'),
      indicator: t('cohorts.indicator'),
      caption: t('cohorts.tableCaption'),
      suppressed: t('suppressed.label'),
      notReached: t('cohorts.notReached'),
      noData: t('cohorts.noData'),
      ofBase: (numerator, denominator) => t('cohorts.ofBase', { numerator, denominator }),
    }),
    [t, names],
  );

  const chart = useMemo(() => {
    if (!data) return null;
    const formatPercent = (p: number) => fmt.percent(p, 1);
    const rows = cohortRateRows(data, labels);
    const ariaLabel = describeCohortRates(
      rows,
      { overall: (details) => t('cohorts.aria', { a: labels.a, b: labels.b, details }), row: (v) => t('cohorts.ariaRow', v) },
      labels,
      formatPercent,
    );
    const option = transformProps(data, { labels, formatNumber: fmt.number, formatPercent, ariaDescription: ariaLabel, compact });
    return { data, option, ariaLabel, table: cohortTable(data, labels), height: cohortChartHeight(rows.length) };
  }, [data, labels, fmt, t, compact]);

  const form = (
    <form className="cohort-form" onSubmit={submit} aria-labelledby="cohort-form-title" noValidate>
      <h2 id="cohort-form-title" className="cohort-form__title">
        {t('cohorts.formTitle')}
      </h2>
      <div className="cohort-form__pair">
        {COHORT_NAMES.map((n) => (
          <CohortFieldset key={n} name={n} value={draft[n]} sites={siteList} onChange={(field, value) => setDraft((d) => ({ ...d, [n]: { ...d[n], [field]: value } }))} />
        ))}
      </div>
      {submitted && draftErrors.length ? (
        <div className="cohort-form__errors" role="alert">
          {draftErrors.map((n) => (
            <p key={n} className="notice notice--warning">
              {t('cohorts.rangeInvalid', { name: n.toUpperCase() })}
            </p>
          ))}
        </div>
      ) : null}
      <div className="cohort-form__actions">
        <button type="submit" className="button button--primary">
          {t('cohorts.apply')}
        </button>
        <button type="button" className="button button--quiet" onClick={resetDefault}>
          {t('cohorts.resetDefault')}
        </button>
        {dirty ? (
          <span className="muted" role="status">
            {t('cohorts.pending')}
          </span>
        ) : null}
      </div>
    </form>
  );

  return (
    <ViewShell
      title={t('cohorts.title')}
      lead={t('cohorts.subtitle')}
      controls={form}
      state={withModel(request, chart)}
      invalid={
        valid ? null : (
          <EmptyState onReset={resetDefault}>
            <p>{t('cohorts.rangeInvalid', { name: !isCohortRangeValid(applied.a) ? 'A' : 'B' })}</p>
          </EmptyState>
        )
      }
      onReset={resetDefault}
      isEmpty={({ data: d }) => d.a.enrolled.value === 0 && d.b.enrolled.value === 0}
      emptyText={t('cohorts.empty')}
      meta={({ data: d }) => ({ text: t('cohorts.asOf', { date: fmt.date(d.asOf) }), answer: d })}
    >
      {({ data: d, ...c }) => (
        <ChartPanel
          title={t('cohorts.chartTitle')}
          subtitle={`${labels.a} — ${labels.b} · ${t('cohorts.asOf', { date: fmt.date(d.asOf) })}`}
          fileParts={['meic', 'cohorts', ...COHORT_NAMES.flatMap((n) => [n, d[n].definition.programme, d[n].definition.country, d[n].definition.site, d[n].definition.activity])]}
          option={c.option}
          ariaLabel={c.ariaLabel}
          height={c.height}
          table={c.table}
          minCell={d.minCell}
          tableOpen
          footer={
            <>
              <p className="footnote">{t('kpi.rateHelp')}.</p>
              <p className="footnote">{t('cohorts.windowNote')}</p>
              <p className="footnote">{t('cohorts.medianNote')}</p>
              {anySuppressed(d) ? <SuppressionNote minCell={d.minCell} /> : null}
            </>
          }
        />
      )}
    </ViewShell>
  );
}
