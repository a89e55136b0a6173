import { problems, type Problem } from '../problems/problem';
import { canAccessSite, type Principal, type Role } from './principal';

/**
 * Site-level access rules shared by the services. Role checks that do not depend on the
 * record are @Roles on the controllers; these are the checks that need the record's site.
 */

/** The 403 of a site_staff member reaching for a site they do not work at. */
export const siteAccessDenied = (siteCode: string): Problem => problems.forbidden(`You do not work at site ${siteCode}.`);

/** One site's records open to every role (canAccessSite): site_staff only at their own sites, else 403. */
export function requireSiteAccess(principal: Principal, siteCode: string): void {
  if (!canAccessSite(principal, siteCode)) throw siteAccessDenied(siteCode);
}

/**
 * A site's records reserved to some roles: the `anywhere` roles at every site, site_staff at
 * their own sites only, every other role nowhere.
 */
export function canActAtSite(principal: Principal, siteCode: string, anywhere: readonly Role[]): boolean {
  return anywhere.includes(principal.role) || (principal.role === 'site_staff' && principal.sites.includes(siteCode));
}

/**
 * The sites a list may show: the one asked for if the caller may see it, else a site_staff
 * member's own sites, else every site (undefined). A filter naming a site the caller does not
 * work at is a 403 rather than a silently empty page, so a caseworker learns they asked for
 * something outside their remit.
 */
export function listSiteScope(principal: Principal, requested: string | undefined): readonly string[] | undefined {
  if (requested !== undefined) {
    requireSiteAccess(principal, requested);
    return [requested];
  }
  return principal.role === 'site_staff' ? principal.sites : undefined;
}
