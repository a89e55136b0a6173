// Hooks binding the query string (filters + lang) to React.
import { useCallback, useMemo } from 'react';
import { parseFilters, parseLang, serializeQuery, updateFilters, viewParams, type Filters } from '@/filters/filters';
import { navigate, useLocation } from './router';
import type { Lang } from '@/i18n/langs';

export function useFilters(): [Filters, (patch: Partial<Filters>, opts?: { replace?: boolean }) => void] {
  const { pathname, search } = useLocation();
  const filters = useMemo(() => parseFilters(search), [search]);
  const setFilters = useCallback(
    (patch: Partial<Filters>, opts?: { replace?: boolean }) => {
      const current = parseFilters(window.location.search);
      const next = updateFilters(current, patch);
      navigate(pathname + serializeQuery(next, parseLang(window.location.search), viewParams(window.location.search)), opts);
    },
    [pathname],
  );
  return [filters, setFilters];
}

/**
 * A view's own query parameters (beside the shared filters), kept in the URL so that a link
 * reproduces the view. `set` replaces the given ones; null removes one.
 */
export function useViewParams(): [URLSearchParams, (patch: Record<string, string | null>, opts?: { replace?: boolean }) => void] {
  const { pathname, search } = useLocation();
  const params = useMemo(() => new URLSearchParams(viewParams(search)), [search]);
  const set = useCallback(
    (patch: Record<string, string | null>, opts?: { replace?: boolean }) => {
      const current = window.location.search;
      const extra = new Map(viewParams(current));
      for (const [k, v] of Object.entries(patch)) {
        if (v === null || v === '') extra.delete(k);
        else extra.set(k, v);
      }
      navigate(pathname + serializeQuery(parseFilters(current), parseLang(current), [...extra]), opts);
    },
    [pathname],
  );
  return [params, set];
}

/** Path with the current query (filters and language) kept, for links between views; a view's own parameters stay behind. */
export function withCurrentQuery(path: string, search: string): string {
  return path + serializeQuery(parseFilters(search), parseLang(search));
}

export function setLangInUrl(lang: Lang): void {
  const { pathname, search } = window.location;
  navigate(pathname + serializeQuery(parseFilters(search), lang, viewParams(search)), { replace: true });
}
