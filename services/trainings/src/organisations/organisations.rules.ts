import type { FieldProblem } from '@meic/service-kit';

export interface OrganisationFacts {
  siteCode: string;
  /** YYYY-MM-DD, or null while the organisation is in the cluster. */
  leftOn: string | null;
}

/**
 * Why an organisation cannot be referred to by a record of `siteCode` dated `onDate`, or null if
 * it can: it must be known, belong to that site's cluster, and not have left it by that date
 * (a leaving date still ahead does not count yet).
 */
export function organisationReferenceProblem(org: OrganisationFacts | null, siteCode: string, onDate: string, path: string): FieldProblem | null {
  if (!org) return { path, message: 'unknown organisation' };
  if (org.siteCode !== siteCode) return { path, message: `organisation belongs to the cluster of site ${org.siteCode}, not ${siteCode}` };
  if (org.leftOn !== null && org.leftOn <= onDate) return { path, message: `organisation left the cluster on ${org.leftOn}` };
  return null;
}
