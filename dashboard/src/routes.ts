// The views of the dashboard (contract.md, "Dashboard"). Each view is its own lazily
// loaded chunk; later issues add /funnel, /time-to-placement, /trends, /breakdowns,
// /cohorts, /clusters, /indicators and /ingest here.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { FilterKey } from './filters/filters';
import type { MessageKey } from './i18n/messages';

export interface ViewRoute {
  path: string;
  navKey: MessageKey;
  /** Filters this view's API accepts; the filter bar shows only these. */
  filters: readonly FilterKey[];
  component: LazyExoticComponent<ComponentType>;
}

export const ROUTES: readonly ViewRoute[] = [
  {
    path: '/overview',
    navKey: 'nav.overview',
    filters: ['programme', 'country', 'site', 'from', 'to', 'groupBy'],
    component: lazy(() => import('./views/overview/overview-page')),
  },
];

export const HOME_PATH = '/overview';

export function findRoute(pathname: string): ViewRoute | undefined {
  return ROUTES.find((r) => r.path === pathname);
}
