import { useEffect, useId, useMemo, useState } from 'react';
import type { SiteOption } from '@/api/analytics';
import { GROUP_BY_VALUES, type GroupBy } from '@/api/types';
import { useI18n } from '@/i18n/i18n';
import { RESET_FILTERS, hasActiveFilters, isIsoDate, type FilterKey, type Filters } from './filters';

interface FilterBarProps {
  filters: Filters;
  onChange(patch: Partial<Filters>): void;
  /** The filters the current view's API accepts. */
  available: readonly FilterKey[];
  sites: SiteOption[];
}

/** A typed-in date is committed once it is a plausible complete date, or on leaving the field. */
function DateField({ label, value, min, max, onCommit }: { label: string; value: string | null; min?: string; max?: string; onCommit(v: string | null): void }) {
  const id = useId();
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  const plausible = (v: string) => v === '' || (isIsoDate(v) && Number(v.slice(0, 4)) >= 1990 && Number(v.slice(0, 4)) <= 2100);
  const commit = (v: string) => {
    if ((v === '' ? null : v) !== value && plausible(v)) onCommit(v === '' ? null : v);
  };
  return (
    <div className="field field--date">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="date"
        value={draft}
        min={min}
        max={max}
        onChange={(e) => {
          setDraft(e.target.value);
          commit(e.target.value);
        }}
        onBlur={(e) => commit(e.target.value)}
      />
    </div>
  );
}

export function FilterBar({ filters, onChange, available, sites }: FilterBarProps) {
  const { t, fmt } = useI18n();
  const programmeId = useId();
  const countryId = useId();
  const siteId = useId();
  const has = (k: FilterKey) => available.includes(k);

  const countries = useMemo(() => {
    const codes = new Set(sites.map((s) => s.country).filter((c): c is string => Boolean(c)));
    if (filters.country) codes.add(filters.country);
    return [...codes].map((code) => ({ code, name: fmt.country(code) })).sort((a, b) => a.name.localeCompare(b.name, fmt.locale));
  }, [sites, filters.country, fmt]);

  const programmes = useMemo(() => {
    const codes = new Set(sites.map((s) => s.programme).filter((p): p is string => Boolean(p)));
    if (filters.programme) codes.add(filters.programme);
    return [...codes].sort();
  }, [sites, filters.programme]);

  const siteOptions = useMemo(() => {
    const list = sites.filter(
      (s) =>
        (!filters.country || s.country === filters.country || s.code.startsWith(`${filters.country}-`)) &&
        (!filters.programme || !s.programme || s.programme === filters.programme),
    );
    if (filters.site && !list.some((s) => s.code === filters.site)) {
      list.push({ code: filters.site, label: filters.site, country: filters.site.slice(0, 2), programme: null });
    }
    return list;
  }, [sites, filters.country, filters.programme, filters.site]);

  const active = hasActiveFilters({ ...filters, programme: has('programme') ? filters.programme : null });

  return (
    <form className="filter-bar" role="search" aria-label={t('filters.title')} onSubmit={(e) => e.preventDefault()}>
      {has('programme') ? (
        <div className="field">
          <label htmlFor={programmeId}>{t('filters.programme')}</label>
          <select id={programmeId} value={filters.programme ?? ''} onChange={(e) => onChange({ programme: e.target.value || null })}>
            <option value="">{t('filters.allProgrammes')}</option>
            {programmes.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
      ) : null}

      {has('country') ? (
        <div className="field">
          <label htmlFor={countryId}>{t('filters.country')}</label>
          <select id={countryId} value={filters.country ?? ''} onChange={(e) => onChange({ country: e.target.value || null })}>
            <option value="">{t('filters.allCountries')}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}

      {has('site') ? (
        <div className="field field--wide">
          <label htmlFor={siteId}>{t('filters.site')}</label>
          <select id={siteId} value={filters.site ?? ''} onChange={(e) => onChange({ site: e.target.value || null })}>
            <option value="">{t('filters.allSites')}</option>
            {siteOptions.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label.includes(s.code) ? s.label : `${s.label} (${s.code})`}
              </option>
            ))}
          </select>
        </div>
      ) : null}

      {has('from') ? (
        <DateField label={t('filters.from')} value={filters.from} max={filters.to ?? undefined} onCommit={(v) => onChange({ from: v })} />
      ) : null}
      {has('to') ? (
        <DateField label={t('filters.to')} value={filters.to} min={filters.from ?? undefined} onCommit={(v) => onChange({ to: v })} />
      ) : null}

      {has('groupBy') ? (
        <fieldset className="segmented">
          <legend>{t('filters.groupBy')}</legend>
          <div className="segmented__options">
            {GROUP_BY_VALUES.map((g: GroupBy) => (
              <label key={g} className={filters.groupBy === g ? 'is-checked' : undefined}>
                <input type="radio" name="groupBy" value={g} checked={filters.groupBy === g} onChange={() => onChange({ groupBy: g })} />
                <span>{t(`groupBy.${g}` as const)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}

      <div className="filter-bar__actions">
        <button type="button" className="button button--quiet" disabled={!active} onClick={() => onChange(RESET_FILTERS)}>
          {t('filters.reset')}
        </button>
      </div>
    </form>
  );
}
