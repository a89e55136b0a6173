import { useEffect, useState } from 'react';
import { fetchSiteCatalogue, type SiteOption } from '@/api/analytics';
import { useAuth } from '@/auth/auth';

const NONE: SiteOption[] = [];

/**
 * The sites the signed-in role may see: null until the catalogue has answered, [] when it could
 * not be read (the view's own request reports the failure). While the list is empty it is asked
 * again each time `attempt` changes (e.g. the view's own request succeeded after the service
 * came back).
 */
export function useSiteCatalogue(attempt?: unknown): SiteOption[] | null {
  const { token } = useAuth();
  const [sites, setSites] = useState<SiteOption[] | null>(null);
  const haveSites = (sites?.length ?? 0) > 0;
  useEffect(() => {
    if (!token || haveSites) return;
    let live = true;
    fetchSiteCatalogue(token).then(
      (list) => live && setSites(list),
      () => live && setSites((s) => s ?? NONE),
    );
    return () => {
      live = false;
    };
  }, [token, attempt, haveSites]);
  return sites;
}

/** The catalogue for the filter bar: empty until it has answered. */
export function useSiteOptions(attempt: unknown): SiteOption[] {
  return useSiteCatalogue(attempt) ?? NONE;
}
