import { useEffect, useState } from 'react';
import { fetchSiteCatalogue, type SiteOption } from '../api/analytics';
import { useAuth } from '../auth/auth';

/**
 * The sites the signed-in role may see, for the filter bar. Asked again when `attempt` changes
 * (e.g. the view's own request succeeded after the service came back) while the list is still
 * empty; a failure is left to the view's own request to report.
 */
export function useSiteOptions(attempt: unknown): SiteOption[] {
  const { token } = useAuth();
  const [sites, setSites] = useState<SiteOption[]>([]);
  const haveSites = sites.length > 0;
  useEffect(() => {
    if (!token || haveSites) return;
    let live = true;
    fetchSiteCatalogue(token).then(
      (list) => live && setSites(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [token, attempt, haveSites]);
  return sites;
}
