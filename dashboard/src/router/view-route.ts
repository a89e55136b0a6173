// What a view is told about its own route: the router (app.tsx) provides the entry of
// routes.ts it is showing, so a view never imports routes.ts (which imports every view).
import { createContext, useContext } from 'react';
import type { FilterKey } from '@/filters/filters';
import type { MessageKey } from '@/i18n/messages';

/** A route's metadata (routes.ts adds the lazily loaded view). */
export interface ViewRouteMeta {
  path: string;
  navKey: MessageKey;
  /** Filters this view's API accepts; the filter bar shows only these (none: no filter bar). */
  filters: readonly FilterKey[];
}

/** Where "/" and the brand link go. */
export const HOME_PATH = '/overview';

export const ViewRouteContext = createContext<ViewRouteMeta | null>(null);

/** The route being shown; null outside the router (a view rendered on its own). */
export function useViewRoute(): ViewRouteMeta | null {
  return useContext(ViewRouteContext);
}
