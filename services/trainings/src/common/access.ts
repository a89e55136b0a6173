import { canActAtSite, problems, siteAccessDenied, type Principal, type Role } from '@meic/service-kit';

/**
 * Who may do what in this service, per the contract's roles, built on the platform's site
 * rules (requireSiteAccess, listSiteScope): the checks that need the record's site and that
 * reserve it to some roles. Role checks that do not depend on the record are @Roles on the
 * controllers.
 */

function requireAtSite(principal: Principal, siteCode: string, anywhere: readonly Role[], otherRoles: string): void {
  if (canActAtSite(principal, siteCode, anywhere)) return;
  throw principal.role === 'site_staff' ? siteAccessDenied(siteCode) : problems.forbidden(otherRoles);
}

/** Writes: admin anywhere, site_staff at their own sites only. */
export function assertCanWriteAt(principal: Principal, siteCode: string): void {
  requireAtSite(principal, siteCode, ['admin'], `Role '${principal.role}' may not write records.`);
}

/**
 * Person-level pseudonymous records (enrolments, internships): admin and site_staff of the
 * record's site. consortium_lead sees aggregates only; evaluators get record-level data only as
 * the analytics service's k-anonymous extracts, which these lists (raw beneficiary ids with dates)
 * would otherwise link back to real ids (docs/adr/0012).
 */
export function assertCanReadPersonLevel(principal: Principal, siteCode: string): void {
  requireAtSite(principal, siteCode, ['admin'], `Role '${principal.role}' may not read person-level records: aggregates and the analytics extracts only.`);
}
