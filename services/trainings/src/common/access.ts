import { canAccessSite, problems, type Principal } from '@meic/service-kit';

/**
 * Who may do what, per the contract's roles. Role checks that do not depend on the record
 * are @Roles on the controllers; these are the checks that need the record's site.
 */

/** Writes: admin anywhere, site_staff at their own sites only. */
export function assertCanWriteAt(principal: Principal, siteCode: string): void {
  if (principal.role === 'admin') return;
  if (principal.role === 'site_staff' && principal.sites.includes(siteCode)) return;
  throw problems.forbidden(principal.role === 'site_staff' ? `You do not work at site ${siteCode}.` : `Role '${principal.role}' may not write records.`);
}

/** Non-personal records (courses): every role, site_staff for their own sites only. */
export function assertCanReadSite(principal: Principal, siteCode: string): void {
  if (!canAccessSite(principal, siteCode)) throw problems.forbidden(`You do not work at site ${siteCode}.`);
}

/**
 * Person-level pseudonymous records (enrolments, internships): admin, evaluator, and
 * site_staff of the record's site. consortium_lead sees aggregates only.
 */
export function assertCanReadPersonLevel(principal: Principal, siteCode: string): void {
  if (principal.role === 'admin' || principal.role === 'evaluator') return;
  if (principal.role === 'site_staff' && principal.sites.includes(siteCode)) return;
  throw problems.forbidden(principal.role === 'site_staff' ? `You do not work at site ${siteCode}.` : `Role '${principal.role}' sees aggregates only, not person-level records.`);
}

/**
 * The sites a list may show: the one asked for (if the caller may see it), else a site_staff
 * member's own sites, else every site (undefined).
 */
export function listSiteScope(principal: Principal, requested: string | undefined): readonly string[] | undefined {
  if (requested !== undefined) {
    if (!canAccessSite(principal, requested)) throw problems.forbidden(`You do not work at site ${requested}.`);
    return [requested];
  }
  return principal.role === 'site_staff' ? principal.sites : undefined;
}
