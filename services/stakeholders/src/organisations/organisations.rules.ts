import { isBefore, problems, type Problem } from '@meic/service-kit';

/** Names are the key within a site (site files refer to organisations by name): no stray spaces. */
export const normaliseName = (name: string): string => name.trim().replace(/\s+/g, ' ');

/** Why an organisation cannot leave on `leftOn`, or null when it can. */
export function leaveRefusal(org: { name: string; joinedOn: string; leftOn: string | null }, leftOn: string): Problem | null {
  if (org.leftOn !== null) return problems.conflict(`${org.name} already left the cluster on ${org.leftOn}.`);
  if (isBefore(leftOn, org.joinedOn)) return problems.validation([{ path: '/leftOn', message: `must not be before the joining date ${org.joinedOn}` }]);
  return null;
}
