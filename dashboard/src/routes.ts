// The views of the dashboard (contract.md, "Dashboard"): path, navigation label and the filters
// each one accepts, and the view itself as its own lazily loaded chunk. Views never import this
// file: the router gives the view its entry (router/view-route.ts).
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { FilterKey } from './filters/filters';
import type { ViewRouteMeta } from './router/view-route';

export { HOME_PATH } from './router/view-route';

export interface ViewRoute extends ViewRouteMeta {
  component: LazyExoticComponent<ComponentType>;
}

/** The KPI views: every shared filter and the grouping. */
const KPI_FILTERS: readonly FilterKey[] = ['programme', 'country', 'site', 'from', 'to', 'groupBy'];
/** The indicators are reported for the selection as a whole: no grouping. */
const SELECTION_FILTERS: readonly FilterKey[] = ['programme', 'country', 'site', 'from', 'to'];
/** Views with their own selection (cohorts) or none (ingest): no filter bar. */
const NO_FILTERS: readonly FilterKey[] = [];

export const ROUTES: readonly ViewRoute[] = [
  { path: '/overview', navKey: 'nav.overview', filters: KPI_FILTERS, component: lazy(() => import('./views/overview/overview-page')) },
  { path: '/funnel', navKey: 'nav.funnel', filters: KPI_FILTERS, component: lazy(() => import('./views/funnel/funnel-page')) },
  {
    path: '/time-to-placement',
    navKey: 'nav.timeToPlacement',
    filters: KPI_FILTERS,
    component: lazy(() => import('./views/time-to-placement/time-to-placement-page')),
  },
  { path: '/trends', navKey: 'nav.trends', filters: KPI_FILTERS, component: lazy(() => import('./views/trends/trends-page')) },
  { path: '/breakdowns', navKey: 'nav.breakdowns', filters: KPI_FILTERS, component: lazy(() => import('./views/breakdowns/breakdowns-page')) },
  { path: '/cohorts', navKey: 'nav.cohorts', filters: NO_FILTERS, component: lazy(() => import('./views/cohorts/cohorts-page')) },
  { path: '/clusters', navKey: 'nav.clusters', filters: KPI_FILTERS, component: lazy(() => import('./views/clusters/clusters-page')) },
  { path: '/indicators', navKey: 'nav.indicators', filters: SELECTION_FILTERS, component: lazy(() => import('./views/indicators/indicators-page')) },
  { path: '/ingest', navKey: 'nav.ingest', filters: NO_FILTERS, component: lazy(() => import('./views/ingest/ingest-page')) },
];

export function findRoute(pathname: string): ViewRoute | undefined {
  return ROUTES.find((r) => r.path === pathname);
}
