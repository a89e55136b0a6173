/** The roles of people (contract "Auth"). */
export const ROLES = ['admin', 'consortium_lead', 'evaluator', 'site_staff'] as const;
/**
 * Another MEIC service calling on its own behalf (`sub` names it). It may call only the handlers
 * that name it in @Roles, never one open to "any authenticated role".
 */
export const SERVICE_ROLE = 'service';
export type Role = (typeof ROLES)[number] | typeof SERVICE_ROLE;

/** Who is calling, as proven by their bearer token. */
export interface Principal {
  sub: string;
  role: Role;
  /** Site codes a `site_staff` member works at; empty for other roles. */
  sites: readonly string[];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && ((ROLES as readonly string[]).includes(value) || value === SERVICE_ROLE);
}

/** Only site_staff are confined to sites; the other roles see every site (aggregates or all). */
export function canAccessSite(principal: Principal, siteCode: string): boolean {
  return principal.role !== 'site_staff' || principal.sites.includes(siteCode);
}
