// The overview endpoint (GET /v1/kpis/overview) and the site catalogue read from it.
import type { Filters } from '@/filters/filters';
import { getAnalytics, type QueryInput } from './http';
import type { OverviewResponse } from './types';

/** The query the overview endpoint accepts, and the grouped views with it; it rejects unknown parameters, so `lang` stays out. */
export function overviewQuery(filters: Filters) {
  return {
    groupBy: filters.groupBy,
    programme: filters.programme,
    from: filters.from,
    to: filters.to,
    country: filters.country,
    site: filters.site,
  } satisfies QueryInput<'/v1/kpis/overview'>;
}

export function fetchOverview(token: string, filters: Filters, signal?: AbortSignal): Promise<OverviewResponse> {
  return getAnalytics('/v1/kpis/overview', { token, signal, query: overviewQuery(filters) });
}

/** One entry of the site catalogue the filter bar offers. */
export interface SiteOption {
  code: string;
  label: string;
  country: string | null;
  programme: string | null;
}

/**
 * The sites the signed-in role may see, with their labels: read from the unfiltered
 * overview grouped by site (labels, countries and programmes are never suppressed).
 * Cached per token for the session.
 */
const siteCache = new Map<string, Promise<SiteOption[]>>();

export function fetchSiteCatalogue(token: string): Promise<SiteOption[]> {
  let pending = siteCache.get(token);
  if (!pending) {
    pending = getAnalytics('/v1/kpis/overview', { token, query: { groupBy: 'site' } }).then((r) =>
      r.groups.map((g) => ({ code: g.key, label: g.label, country: g.country, programme: g.programme })),
    );
    pending.catch(() => siteCache.delete(token));
    siteCache.set(token, pending);
  }
  return pending;
}
