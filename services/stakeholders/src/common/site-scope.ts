import { canAccessSite, problems, type Principal } from '@meic/service-kit';

/**
 * Which sites a list may show: site_staff see their own sites only, the other roles every
 * site. A filter naming a site the caller does not work at is refused rather than silently
 * emptied, so a caseworker learns they asked for something outside their remit.
 */
export function listSites(principal: Principal, siteCode: string | undefined): readonly string[] | undefined {
  if (siteCode !== undefined) {
    if (!canAccessSite(principal, siteCode)) throw problems.forbidden(`You do not work at site ${siteCode}.`);
    return [siteCode];
  }
  return principal.role === 'site_staff' ? principal.sites : undefined;
}

/** Reads and writes of one site's records: site_staff only at their own sites. */
export function requireSiteAccess(principal: Principal, siteCode: string): void {
  if (!canAccessSite(principal, siteCode)) throw problems.forbidden(`You do not work at site ${siteCode}.`);
}
