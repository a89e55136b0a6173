import { siteAccessDenied, type Principal } from '@meic/service-kit';
import type { SiteDirectory } from '../kpis/kpi-engine.service';
import type { Scope } from '../kpis/measures';
import type { PublishedMeasure } from '../disclosure/disclosure.service';
import type { Cell } from '../kpis/cell';
import { groupUnit, inUnit, totalsUnit, type Level, type SiteRef } from '../kpis/site-units';
import { badQuery } from './bad-query.problem';

export type GroupBy = 'site' | 'country' | 'programme';

export interface Filters {
  country?: string;
  programme?: string;
  site?: string;
}

export interface Unit {
  level: Level;
  key: string;
}

/** A group of a response: its label, the unit of the hierarchy it stands for and the sites in it. */
export interface ViewGroup {
  key: string;
  label: string;
  country: string | null;
  programme: string | null;
  unit: Unit;
  sites: SiteRef[];
}

export interface ViewGroups {
  groups: ViewGroup[];
  totals: { unit: Unit; sites: SiteRef[] };
}

export const today = (now: Date) => now.toISOString().slice(0, 10);

/** The period (by occurredOn) and evaluation date of a query; the period defaults to all time. */
export function scopeOf(query: { from?: string; to?: string; asOf?: string }, now: Date): Scope {
  const scope = { from: query.from ?? '1900-01-01', to: query.to ?? '2299-12-31', asOf: query.asOf ?? today(now) };
  if (scope.from > scope.to) throw badQuery([{ path: '/from', message: `must not be after to (${scope.to})` }]);
  return scope;
}

/** ClickHouse `addMonths` on an ISO date: same day of month, clamped to the month's last day. */
export function addMonthsIso(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/**
 * site_staff read their own sites only. A filter naming another site, or a country where they
 * have no site, is refused (403) rather than answered with an empty page, so the reader learns
 * why (service-kit `listSiteScope` does the same for record lists).
 */
export function checkConfinement(principal: Principal, filters: { site?: string; country?: string }): void {
  if (principal.role !== 'site_staff') return;
  if (filters.site !== undefined && !principal.sites.includes(filters.site)) throw siteAccessDenied(filters.site);
  // Site codes start with their country (contracts SiteCode), so this needs no directory lookup.
  if (filters.country !== undefined && !principal.sites.some((s) => s.slice(0, 2) === filters.country)) {
    throw siteAccessDenied(`in country ${filters.country}`);
  }
}

/**
 * The groups a response shows: the registered sites matching the filters (for site_staff only
 * their own), grouped by site, country or programme, each mapped to the unit of the hierarchy it
 * stands for (groupUnit / totalsUnit).
 */
export function viewGroups(principal: Principal, directory: SiteDirectory, groupBy: GroupBy, filters: Filters): ViewGroups {
  checkConfinement(principal, filters);
  const allowed = principal.role === 'site_staff' ? new Set(principal.sites) : null;
  const sites = directory.refs.filter(
    (s) => (!allowed || allowed.has(s.code)) && (!filters.site || s.code === filters.site) && (!filters.country || s.country === filters.country) && (!filters.programme || s.programme === filters.programme),
  );
  const groups = new Map<string, ViewGroup>();
  for (const s of sites) {
    const key = groupBy === 'site' ? s.code : groupBy === 'country' ? s.country : s.programme;
    const info = directory.info.get(s.code);
    const group = groups.get(key) ?? {
      key,
      label: groupBy === 'site' ? (info ? `${info.name} (${s.code})` : s.code) : key,
      country: groupBy === 'programme' ? (filters.country ?? null) : s.country,
      programme: groupBy === 'country' ? (filters.programme ?? null) : s.programme,
      unit: groupUnit(groupBy, key, filters),
      sites: [],
    };
    group.sites.push(s);
    groups.set(key, group);
  }
  const unit = totalsUnit(filters);
  return {
    groups: [...groups.values()].sort((a, b) => a.key.localeCompare(b.key)),
    totals: { unit, sites: sites.filter((s) => inUnit(s, unit.level, unit.key)) },
  };
}

export function filtersOf(query: Filters): Filters {
  return { country: query.country, programme: query.programme, site: query.site };
}

export function echoFilters(scope: Scope, filters: Filters) {
  return { from: scope.from, to: scope.to, asOf: scope.asOf, country: filters.country ?? null, site: filters.site ?? null, programme: filters.programme ?? null };
}

/** A unit's cell of a published measure (a unit with no site counts nobody: 0). */
export function cellOf(measure: PublishedMeasure | undefined, unit: Unit, category: string | null = null): Cell {
  if (!measure) throw new Error('measure missing from the measure set');
  return measure.cell(unit.level, unit.key, category);
}
