import { canActAtSite, problems, type Principal } from '@meic/service-kit';

/** Who may handle personal data at all; site_staff further only for their own sites. */
export const PERSONAL_DATA_ROLES = ['admin', 'site_staff'] as const;

/** Only caseworkers of the person's own site, and admins, may see or write personal data. */
export function assertPersonalDataAccess(principal: Principal, siteCode: string): void {
  if (!canActAtSite(principal, siteCode, ['admin'])) {
    throw problems.forbidden(`Personal data of site ${siteCode} is for its own caseworkers and admins only.`);
  }
}

/**
 * Which sites a list of personal records may cover: admins any (or the one asked for);
 * site_staff their own sites, and asking for another site is a 403 rather than an empty page.
 * Undefined means no restriction.
 */
export function personalDataSites(principal: Principal, siteCode: string | undefined): readonly string[] | undefined {
  if (siteCode !== undefined) {
    assertPersonalDataAccess(principal, siteCode);
    return [siteCode];
  }
  if (principal.role === 'admin') return undefined;
  if (principal.role === 'site_staff') return principal.sites;
  throw problems.forbidden(`Role '${principal.role}' may not read personal data.`);
}
