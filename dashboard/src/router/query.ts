// Hooks binding the query string (filters + lang) to React.
import { useCallback, useMemo } from 'react';
import { parseFilters, parseLang, serializeQuery, updateFilters, type Filters } from '../filters/filters';
import { navigate, useLocation } from './router';
import type { Lang } from '../i18n/langs';

export function useFilters(): [Filters, (patch: Partial<Filters>, opts?: { replace?: boolean }) => void] {
  const { pathname, search } = useLocation();
  const filters = useMemo(() => parseFilters(search), [search]);
  const setFilters = useCallback(
    (patch: Partial<Filters>, opts?: { replace?: boolean }) => {
      const current = parseFilters(window.location.search);
      const next = updateFilters(current, patch);
      navigate(pathname + serializeQuery(next, parseLang(window.location.search)), opts);
    },
    [pathname],
  );
  return [filters, setFilters];
}

/** Path with the current query (filters and language) kept, for links between views. */
export function withCurrentQuery(path: string, search: string): string {
  return path + serializeQuery(parseFilters(search), parseLang(search));
}

export function setLangInUrl(lang: Lang): void {
  const { pathname, search } = window.location;
  navigate(pathname + serializeQuery(parseFilters(search), lang), { replace: true });
}
