// Filters and language live in the query string so that a copied link reproduces the view.
// Pure functions only: parse what is valid, drop what is not, write a canonical query.
import { GROUP_BY_VALUES, type GroupBy } from '@/api/types';
import { isLang, type Lang } from '@/i18n/langs';

export interface Filters {
  country: string | null;
  site: string | null;
  programme: string | null;
  from: string | null;
  to: string | null;
  groupBy: GroupBy;
}

/** As the analytics API: the site is the unit that has targets. */
export const DEFAULT_GROUP_BY: GroupBy = 'site';

export const EMPTY_FILTERS: Filters = {
  country: null,
  site: null,
  programme: null,
  from: null,
  to: null,
  groupBy: DEFAULT_GROUP_BY,
};

export type FilterKey = keyof Filters;

/** What "Reset filters" changes: every filter back to none; the grouping stays as chosen. */
export const RESET_FILTERS: Partial<Filters> = { programme: null, country: null, site: null, from: null, to: null };

/** Query-string order: filters, then grouping, then language. */
const QUERY_ORDER = ['programme', 'country', 'site', 'from', 'to', 'groupBy', 'lang'] as const;

const COUNTRY = /^[A-Z]{2}$/;
// Same patterns as @meic/contracts (SiteCode, ProgrammeCode).
const SITE = /^[A-Z]{2}-[A-Z0-9]{2,8}$/;
const PROGRAMME = /^[A-Z][A-Z0-9_-]{1,15}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(v: string): boolean {
  const m = DATE.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function clean(raw: string | null, pattern: RegExp, upper = true): string | null {
  if (raw === null) return null;
  const v = upper ? raw.trim().toUpperCase() : raw.trim();
  return pattern.test(v) ? v : null;
}

export function parseFilters(search: string): Filters {
  const q = new URLSearchParams(search);
  const groupBy = q.get('groupBy');
  const from = q.get('from');
  const to = q.get('to');
  const filters: Filters = {
    country: clean(q.get('country'), COUNTRY),
    site: clean(q.get('site'), SITE),
    programme: clean(q.get('programme'), PROGRAMME),
    from: from !== null && isIsoDate(from) ? from : null,
    to: to !== null && isIsoDate(to) ? to : null,
    groupBy: groupBy !== null && (GROUP_BY_VALUES as readonly string[]).includes(groupBy) ? (groupBy as GroupBy) : DEFAULT_GROUP_BY,
  };
  return filters;
}

export function parseLang(search: string): Lang | null {
  const v = new URLSearchParams(search).get('lang');
  return v !== null && isLang(v) ? v : null;
}

/**
 * A view's own parameters (a breakdown's `metric` and `by`, the cohorts' `a.site`, …): every
 * query parameter that is not a shared filter or the language, in the order given.
 */
export function viewParams(search: string): [string, string][] {
  const shared = new Set<string>(QUERY_ORDER);
  return [...new URLSearchParams(search).entries()].filter(([k, v]) => !shared.has(k) && v !== '');
}

/** Canonical query string (with leading '?', or '' when empty): filters, view parameters, language. */
export function serializeQuery(filters: Filters, lang: Lang | null, extra: readonly [string, string][] = []): string {
  const values: Record<(typeof QUERY_ORDER)[number], string | null> = {
    programme: filters.programme,
    country: filters.country,
    site: filters.site,
    from: filters.from,
    to: filters.to,
    groupBy: filters.groupBy === DEFAULT_GROUP_BY ? null : filters.groupBy,
    lang,
  };
  const q = new URLSearchParams();
  for (const k of QUERY_ORDER) {
    if (k === 'lang') for (const [ek, ev] of extra) q.set(ek, ev);
    const v = values[k];
    if (v) q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Applies a change; choosing a country drops a site outside it (site codes start with the country). */
export function updateFilters(current: Filters, patch: Partial<Filters>): Filters {
  const next: Filters = { ...current, ...patch };
  if (patch.country !== undefined && next.country && next.site && !next.site.startsWith(`${next.country}-`)) {
    next.site = null;
  }
  if (patch.site && !patch.country && next.country && !patch.site.startsWith(`${next.country}-`)) {
    next.country = patch.site.slice(0, 2);
  }
  return next;
}

/** `from` after `to` is a range nobody means; the view says so instead of asking the API. */
export function isRangeValid(f: Pick<Filters, 'from' | 'to'>): boolean {
  return !f.from || !f.to || f.from <= f.to;
}

export function hasActiveFilters(f: Filters): boolean {
  return Boolean(f.country || f.site || f.programme || f.from || f.to);
}
