// The views of the dashboard (contract.md, "Dashboard"). Each view is its own lazily
// loaded chunk.
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
  {
    path: '/funnel',
    navKey: 'nav.funnel',
    filters: ['programme', 'country', 'site', 'from', 'to', 'groupBy'],
    component: lazy(() => import('./views/funnel/funnel-page')),
  },
  {
    path: '/time-to-placement',
    navKey: 'nav.timeToPlacement',
    filters: ['programme', 'country', 'site', 'from', 'to', 'groupBy'],
    component: lazy(() => import('./views/time-to-placement/time-to-placement-page')),
  },
  {
    path: '/trends',
    navKey: 'nav.trends',
    filters: ['programme', 'country', 'site', 'from', 'to', 'groupBy'],
    component: lazy(() => import('./views/trends/trends-page')),
  },
  {
    path: '/breakdowns',
    navKey: 'nav.breakdowns',
    filters: ['programme', 'country', 'site', 'from', 'to', 'groupBy'],
    component: lazy(() => import('./views/breakdowns/breakdowns-page')),
  },
  {
    path: '/cohorts',
    navKey: 'nav.cohorts',
    filters: [],
    component: lazy(() => import('./views/cohorts/cohorts-page')),
  },
  {
    path: '/clusters',
    navKey: 'nav.clusters',
    filters: ['programme', 'country', 'site', 'from', 'to', 'groupBy'],
    component: lazy(() => import('./views/clusters/clusters-page')),
  },
  {
    path: '/indicators',
    navKey: 'nav.indicators',
    filters: ['programme', 'country', 'site', 'from', 'to'],
    component: lazy(() => import('./views/indicators/indicators-page')),
  },
  {
    path: '/ingest',
    navKey: 'nav.ingest',
    filters: [],
    component: lazy(() => import('./views/ingest/ingest-page')),
  },
];

export const HOME_PATH = '/overview';

export function findRoute(pathname: string): ViewRoute | undefined {
  return ROUTES.find((r) => r.path === pathname);
}
