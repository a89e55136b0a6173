import type { Principal } from '@meic/service-kit';
import type { KpiEngine, SiteDirectory } from '../kpis/kpi-engine.service';
import type { Reading } from '../disclosure/disclosure.service';
import type { SiteRef } from '../kpis/site-units';
import { echoFilters, filtersOf, scopeOf, viewGroups, type Filters, type GroupBy, type Unit, type ViewGroups } from './kpi-groups';

export interface ViewQuery extends Filters {
  groupBy?: GroupBy;
  from?: string;
  to?: string;
  asOf?: string;
}

/** What every grouped KPI view answers with before its own figures. */
export interface ViewHead {
  groupBy: GroupBy;
  filters: ReturnType<typeof echoFilters>;
  minCell: number;
  disclosure: ReturnType<Reading['note']>;
  generatedAt: string;
}

export interface OpenedView extends ViewGroups {
  directory: SiteDirectory;
  reading: Reading;
  head: ViewHead;
  /** The view's figures for every group (labelled) and for the totals. */
  perGroup<F extends object>(figures: (unit: Unit, sites: readonly SiteRef[]) => F): { groups: ({ key: string; label: string; country: string | null; programme: string | null } & F)[]; totals: F };
}

/**
 * The start every grouped KPI view shares: the reader's groups within the filters (403 outside
 * a site_staff's sites), the protected reading of the period, and the response's head.
 */
export async function openView(engine: KpiEngine, principal: Principal, query: ViewQuery, now: Date): Promise<OpenedView> {
  const groupBy = query.groupBy ?? 'site';
  const filters = filtersOf(query);
  const directory = await engine.sites();
  const { groups, totals } = viewGroups(principal, directory, groupBy, filters);
  const reading = await engine.reading(principal, scopeOf(query, now), now);
  return {
    groups,
    totals,
    directory,
    reading,
    head: { groupBy, filters: echoFilters(reading.scope, filters), minCell: reading.minCell, disclosure: reading.note(), generatedAt: now.toISOString() },
    perGroup: (figures) => ({
      groups: groups.map((g) => ({ key: g.key, label: g.label, country: g.country, programme: g.programme, ...figures(g.unit, g.sites) })),
      totals: figures(totals.unit, totals.sites),
    }),
  };
}
